import type { TicketEvent } from '../../common/events.js';
import type { Database, Queryable } from '../db/query.js';
import type { EventRepository, NewEvent } from '../repositories/events.js';

/** Where committed events go: the realtime publisher. */
export interface EventSink {
  /** `location`'s events, committed, in seq order. */
  publish(location: string, events: readonly TicketEvent[]): void;
}

/** Records an event of the change; it gets its seq when the change commits. */
export type RecordEvent = (event: NewEvent) => void;

/**
 * The one place that turns a change into a transaction. The change and its event-log rows commit
 * together or not at all; the events are handed to the publisher only after the commit, so a
 * subscriber never hears of a change that was rolled back.
 *
 * A change belongs to one location, and its events take that location's next seqs as the last
 * step before the commit (EventRepository.append): the location's seq row is then locked for the
 * shortest time, and since the next writer can only take its seqs after this commit, seqs are in
 * commit order across every backend process (docs/architecture.md, "One log per location").
 */
export class ChangeRecorder {
  constructor(
    private readonly db: Database,
    private readonly events: EventRepository,
    private readonly sink: EventSink,
  ) {}

  async run<T>(location: string, change: (tx: Queryable, record: RecordEvent) => Promise<T>): Promise<T> {
    let recorded: TicketEvent[] = [];
    return this.db.transaction(
      async (tx) => {
        // A transaction run again (PostgreSQL retries a lost race) starts with no events.
        const pending: NewEvent[] = [];
        const result = await change(tx, (event) => void pending.push(event));
        recorded = pending.length > 0 ? await this.events.append(tx, location, pending) : [];
        return result;
      },
      {
        afterCommit: () => {
          if (recorded.length > 0) this.sink.publish(location, recorded);
        },
      },
    );
  }
}
