/**
 * The backend's one source of time and of timers. Services, the lease sweep and the idempotency
 * purge ask this port instead of `Date.now()`/`setInterval`, so a test can inject a clock it moves
 * by hand and trigger the sweep deterministically instead of sleeping.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /**
   * Runs `tick` every `ms` until the returned function is called. The timer must not keep the
   * process alive by itself: the HTTP server does that. A tick that works asynchronously returns
   * its promise (a test clock waits on it; the tick handles its own errors).
   */
  every(ms: number, tick: () => void | Promise<void>): () => void;
}

/** Wall-clock time and Node's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  every(ms, tick) {
    const timer = setInterval(() => void tick(), ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** The instant of a change, as stored: epoch ms for comparisons, ISO for the API. */
export interface Instant {
  ms: number;
  iso: string;
}

export function instantOf(clock: Clock): Instant {
  const ms = clock.now();
  return { ms, iso: new Date(ms).toISOString() };
}

/**
 * The business day an order number belongs to, in the server's local time zone (set TZ to the
 * restaurant's), so numbers start again at A-001 each local morning rather than at UTC midnight.
 */
export function businessDay(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
