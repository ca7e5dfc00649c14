import type { Clock } from '../../common/clock.js';

interface Timer {
  dueMs: number;
  /** Set for repeating timers. */
  everyMs?: number;
  fire: () => void | Promise<void>;
}

/**
 * One clock for the agent, the backend and the relay of a test (common/clock.ts), moved by hand. Time stands still until
 * `advance()`, which runs every timer that falls due on the way, in time order, at its own
 * instant: a print retry, a lease running short or the backend's lease sweep happen exactly when
 * the test says, never because the machine was slow (nor fail to happen because it was).
 *
 * What a timer starts is usually network work (a renewal, a send); `nextWait()` tells the test when
 * that work is over and the code waits on the clock again.
 */
export class ManualClock implements Clock {
  private ms: number;
  private readonly timers = new Set<Timer>();
  private waiters: (() => void)[] = [];
  /** What the timers fired so far started and has not finished (the backend's sweep on PostgreSQL). */
  private running: Promise<unknown>[] = [];

  constructor(start = Date.now()) {
    this.ms = start;
  }

  now(): number {
    return this.ms;
  }

  after(ms: number, fire: () => void): () => void {
    const timer: Timer = { dueMs: this.ms + Math.max(0, ms), fire };
    this.timers.add(timer);
    for (const wake of this.waiters.splice(0)) wake();
    return () => this.timers.delete(timer);
  }

  every(ms: number, tick: () => void | Promise<void>): () => void {
    const timer: Timer = { dueMs: this.ms + ms, everyMs: ms, fire: tick };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  /** Moves time forward by `ms`, running each timer as often as it falls due on the way. */
  advance(ms: number): void {
    const target = this.ms + ms;
    for (;;) {
      const next = [...this.timers].filter((timer) => timer.dueMs <= target).sort((a, b) => a.dueMs - b.dueMs)[0];
      if (!next) break;
      this.ms = next.dueMs;
      if (next.everyMs === undefined) this.timers.delete(next);
      else next.dueMs += next.everyMs;
      const started = next.fire();
      if (started instanceof Promise) this.running.push(started);
    }
    this.ms = target;
  }

  /**
   * Resolves once the work the fired timers started has finished. On SQLite the backend's sweep is
   * over when advance() returns; on PostgreSQL it waits on the network, and a test that reads what
   * the sweep did must wait for it first.
   */
  async settled(): Promise<void> {
    while (this.running.length > 0) await Promise.allSettled(this.running.splice(0));
  }

  /** Resolves when code next starts a one-shot wait on this clock (a retry, a poll): what came before it is done. */
  nextWait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Resolves once some code waits on this clock with a one-shot timer (at once if one already
   * does): the work before that wait is done, so moving the clock now runs what comes next.
   */
  async waitingAgain(): Promise<void> {
    if (this.waiting > 0) return;
    await this.nextWait();
  }

  /** One-shot timers set and not yet run or cancelled. */
  get waiting(): number {
    return [...this.timers].filter((timer) => timer.everyMs === undefined).length;
  }
}
