/**
 * The agent's one source of time and of timers. The sync engine, the outbox, the print pipeline
 * and the pending-job scan ask this port instead of `Date.now()`/`setTimeout`, so a test can move
 * time by hand and see a retry, a lease running short or a poll happen exactly when it says,
 * never because the machine was slow. Same shape as the backend's clock (backend/time.ts) plus
 * one-shot timers, so one test clock can drive both.
 *
 * Timeouts of sockets and HTTP requests stay on the wall clock: they measure the network.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Runs `fire` once, `ms` from now, unless the returned function is called first. */
  after(ms: number, fire: () => void): () => void;
  /** Runs `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

/**
 * Wall-clock time and Node's timers. No timer keeps the process alive by itself: the local API's
 * server does that, and a host that closes the agent must not wait for a retry to come due.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, fire) {
    const timer = setTimeout(fire, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** The instant `clock` says it is, as an ISO string (for what the agent stores and shows). */
export const isoNow = (clock: Clock): string => new Date(clock.now()).toISOString();
