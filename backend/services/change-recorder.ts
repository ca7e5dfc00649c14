import type { TicketEvent } from '../../common/events.js';
import type { Db } from '../db/database.js';
import type { EventRepository, NewEvent } from '../repositories/events.js';

/** Where committed events go: the realtime publisher. */
export interface EventSink {
  publish(events: readonly TicketEvent[]): void;
}

export type RecordEvent = (event: NewEvent) => TicketEvent;

/**
 * The one place that turns a change into a transaction. The change and its event-log rows commit
 * together or not at all; the events are handed to the publisher only after the commit, so a
 * subscriber never hears of a change that was rolled back.
 */
export class ChangeRecorder {
  constructor(
    private readonly db: Db,
    private readonly events: EventRepository,
    private readonly sink: EventSink,
  ) {}

  run<T>(change: (record: RecordEvent) => T): T {
    const recorded: TicketEvent[] = [];
    const record: RecordEvent = (event) => {
      const appended = this.events.append(event);
      recorded.push(appended);
      return appended;
    };
    // IMMEDIATE takes the write lock up front, so a second process (the tokens CLI) waits on
    // busy_timeout instead of failing mid-transaction.
    const result = this.db.transaction(() => change(record)).immediate();
    if (recorded.length > 0) this.sink.publish(recorded);
    return result;
  }
}
