export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Fraction of the delay spread randomly either way, so many boards do not reconnect in step. */
  jitter: number;
}

export const RECONNECT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 10_000, jitter: 0.2 };

/** Delay before reconnect attempt number `attempt` (0-based): doubling from baseMs up to maxMs. */
export function reconnectDelayMs(attempt: number, options: BackoffOptions = RECONNECT_BACKOFF, random: () => number = Math.random): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  const spread = exponential * options.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(options.maxMs, exponential + spread)));
}
