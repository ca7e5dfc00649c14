/**
 * The one source of time and of timers, for the backend, its relay and the agent (each takes one
 * from its composition root). Leases, sweeps, retries, polls, liveness checks and the times written
 * on cards and jobs ask this port instead of `Date.now()` / `setTimeout`, so a test can move time
 * by hand and see a retry, a lease running short or a poll happen exactly when it says, never
 * because the machine was slow. One test clock (test/integration/manual-clock.ts) drives them all.
 *
 * Timeouts of sockets and HTTP requests stay on the wall clock: they measure the network.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Runs `fire` once, `ms` from now, unless the returned function is called first. */
  after(ms: number, fire: () => void): () => void;
  /**
   * Runs `tick` every `ms` until the returned function is called. A tick that works asynchronously
   * returns its promise (a test clock waits on it; the tick handles its own errors).
   */
  every(ms: number, tick: () => void | Promise<void>): () => void;
}

/** Node's timers keep a process alive unless unref'd; elsewhere there is nothing to do. */
const unref = (timer: unknown): void => (timer as { unref?: () => void }).unref?.();

/**
 * Wall-clock time and the platform's timers. No timer keeps a process alive by itself: a server
 * does that, and a host that closes must not wait for a retry to come due.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, fire) {
    const timer = setTimeout(fire, ms);
    unref(timer);
    return () => clearTimeout(timer);
  },
  every(ms, tick) {
    const timer = setInterval(() => void tick(), ms);
    unref(timer);
    return () => clearInterval(timer);
  },
};

/** The instant `clock` says it is, as an ISO string (for what is stored and shown). */
export const isoNow = (clock: Pick<Clock, 'now'>): string => new Date(clock.now()).toISOString();
