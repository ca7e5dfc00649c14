/**
 * The time the ingest listener reads and the timers it sets (the 2 s idle end, the jobs-per-minute
 * window). Injected so tests drive time instead of sleeping.
 */
export interface IngestClock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimer(callback: () => void, ms: number): IngestTimer;
}

export interface IngestTimer {
  cancel(): void;
}

export const systemClock: IngestClock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const handle = setTimeout(callback, ms);
    // An idle timer must not keep the process alive on its own.
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};
