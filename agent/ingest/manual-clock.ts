import type { IngestClock, IngestTimer } from './ingest-clock.js';

interface Pending {
  at: number;
  callback: () => void;
  cancelled: boolean;
}

/** A clock tests move by hand: timers fire inside advance(), in due order, never on their own. */
export class ManualClock implements IngestClock {
  private time: number;
  private timers: Pending[] = [];

  constructor(start = Date.parse('2025-03-01T12:00:00Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): IngestTimer {
    const pending: Pending = { at: this.time + ms, callback, cancelled: false };
    this.timers.push(pending);
    return { cancel: () => (pending.cancelled = true) };
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.time = due.at;
      due.cancelled = true;
      due.callback();
    }
    this.time = until;
  }
}
