import type { Clock } from '../time.js';

interface Repeating {
  everyMs: number;
  dueMs: number;
  tick: () => void;
}

/**
 * A clock the test moves by hand. Time stands still until `advance()`, which runs every timer
 * that falls due on the way, in time order, at its own instant: the backend's lease sweep runs
 * exactly when the test says so, never because the machine was slow.
 */
export class FakeClock implements Clock {
  private ms: number;
  private readonly timers = new Set<Repeating>();

  constructor(start = Date.parse('2026-11-23T18:52:00.000Z')) {
    this.ms = start;
  }

  now(): number {
    return this.ms;
  }

  every(ms: number, tick: () => void): () => void {
    const timer: Repeating = { everyMs: ms, dueMs: this.ms + ms, tick };
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
      next.dueMs += next.everyMs;
      next.tick();
    }
    this.ms = target;
  }
}
