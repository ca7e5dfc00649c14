/**
 * Sliding-window limiter: at most `limit` hits in any window of `windowMs`. It keeps the times of
 * the last `limit` accepted hits in a ring, so a burst is cut at exactly `limit` (a token bucket
 * would let a few extra through as it refills mid-burst) and memory is fixed per connection.
 */
export class SlidingWindowRateLimiter {
  private readonly acceptedAt: number[];
  private next = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    // -Infinity marks a slot never used: any real time is more than one window after it.
    this.acceptedAt = new Array<number>(limit).fill(Number.NEGATIVE_INFINITY);
  }

  /** Records a hit and returns true when it is within the limit. */
  tryAcquire(): boolean {
    if (this.limit <= 0) return false;
    const time = this.now();
    const oldest = this.acceptedAt[this.next] ?? Number.NEGATIVE_INFINITY;
    if (time - oldest < this.windowMs) return false;
    this.acceptedAt[this.next] = time;
    this.next = (this.next + 1) % this.limit;
    return true;
  }
}
