import { EventSchema, type NewTicketEvent, type TicketEvent } from '../../common/events.js';
import { query, type Query, type Queryable } from '../db/query.js';
import type { EventsTable } from '../db/schema.js';

/** An event before the log gives it its seq. */
export type NewEvent = NewTicketEvent;

/** Event fields stored in their own columns; anything else an event carries goes to details_json. */
const COLUMN_FIELDS: ReadonlySet<string> = new Set(['seq', 'type', 'orderId', 'jobId', 'station', 'from', 'to', 'actor', 'at', 'reason', 'version']);

/** The fields of an event beyond the shared columns, as JSON; null when there are none. */
function detailsOf(event: NewEvent): string | null {
  const details = Object.fromEntries(Object.entries(event).filter(([key, value]) => !COLUMN_FIELDS.has(key) && value !== undefined));
  return Object.keys(details).length > 0 ? JSON.stringify(details) : null;
}

/** A row as the event it was written from; the schema gives the row back its type's fields. */
function toEvent(row: EventsTable): TicketEvent {
  return EventSchema.parse({
    ...(row.details_json !== null ? (JSON.parse(row.details_json) as Record<string, unknown>) : {}),
    seq: row.seq,
    type: row.type,
    to: row.to_status,
    actor: { type: row.actor_type, id: row.actor_id },
    at: row.at,
    ...(row.order_id !== null ? { orderId: row.order_id } : {}),
    ...(row.job_id !== null ? { jobId: row.job_id } : {}),
    ...(row.station !== null ? { station: row.station } : {}),
    ...(row.from_status !== null ? { from: row.from_status } : {}),
    ...(row.reason !== null ? { reason: row.reason } : {}),
    ...(row.version !== null ? { version: row.version } : {}),
  });
}

function toRow(location: string, seq: number, event: NewEvent): EventsTable {
  return {
    location_id: location,
    seq,
    type: event.type,
    order_id: event.orderId ?? null,
    job_id: event.jobId ?? null,
    station: event.station ?? null,
    from_status: event.from ?? null,
    to_status: event.to,
    actor_type: event.actor.type,
    actor_id: event.actor.id,
    at: event.at,
    reason: event.reason ?? null,
    version: event.version,
    details_json: detailsOf(event),
  };
}

/** Rows per INSERT: a transaction's events go in one statement (one round trip to PostgreSQL). */
const INSERT_BATCH = 8;

// Takes `count` seqs of a location's log. The row stays locked until the transaction ends, so the
// next writer of this location gets the seqs after these only once these are committed.
const takeSeqs = query<{ location: string; count: number }>()((db, args) =>
  db
    .updateTable('event_sequences')
    .set((eb) => ({ last_seq: eb('last_seq', '+', args.count) }))
    .where('location_id', '=', args.location)
    .returning('last_seq'),
);

const insertsBySize = new Map<number, Query<unknown, { rows: EventsTable[] }>>();
/** INSERT INTO events … VALUES (…), (…): one statement per batch size, prepared once. */
function insertOf(size: number): Query<unknown, { rows: EventsTable[] }> {
  let insert = insertsBySize.get(size);
  if (!insert) {
    insert = query<{ rows: EventsTable[] }>()((db, args) =>
      // Placeholders row by row, column by column: args.rows[i] stands for the i-th row's values.
      db.insertInto('events').values(Array.from({ length: size }, (_, i) => placeholderRow(args, i))),
    );
    insertsBySize.set(size, insert);
  }
  return insert;
}

const EVENT_COLUMNS = ['location_id', 'seq', 'type', 'order_id', 'job_id', 'station', 'from_status', 'to_status', 'actor_type', 'actor_id', 'at', 'reason', 'version', 'details_json'] as const;

/** The i-th row of a batch as named placeholders (`rows.3.seq` …), filled by flattenRows. */
function placeholderRow(args: { rows: EventsTable[] }, i: number): EventsTable {
  const named = args as unknown as Record<string, unknown>;
  return Object.fromEntries(EVENT_COLUMNS.map((column) => [column, named[`${i}.${column}`]])) as unknown as EventsTable;
}

function flattenRows(rows: readonly EventsTable[]): { rows: EventsTable[] } {
  const flat: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    for (const column of EVENT_COLUMNS) flat[`${i}.${column}`] = row[column];
  });
  return flat as unknown as { rows: EventsTable[] };
}

const afterSeq = query<{ location: string; after: number; limit: number }>()((db, args) =>
  db.selectFrom('events').selectAll().where('location_id', '=', args.location).where('seq', '>', args.after).orderBy('seq').limit(args.limit),
);
const lastSeqOf = query<{ location: string }>()((db, args) => db.selectFrom('event_sequences').select('last_seq').where('location_id', '=', args.location));

interface TypedQueries {
  ofOrder: Query<EventsTable, { orderId: string; after: number; limit: number }>;
  lastOfOrder: Query<{ seq: number | null }, { orderId: string }>;
  ofLocation: Query<EventsTable, { location: string; after: number; limit: number }>;
}

/**
 * Queries by a list of event types, made once per list: a handful of lists exist (the diner's, the
 * POS feed's), and their types are fixed values compiled into the statement.
 */
const byTypes = new Map<string, TypedQueries>();
function typed(types: readonly string[]): TypedQueries {
  const key = types.join(',');
  let queries = byTypes.get(key);
  if (!queries) {
    queries = {
      ofOrder: query<{ orderId: string; after: number; limit: number }>()((db, args) =>
        db.selectFrom('events').selectAll().where('order_id', '=', args.orderId).where('seq', '>', args.after).where('type', 'in', types).orderBy('seq').limit(args.limit),
      ),
      lastOfOrder: query<{ orderId: string }>()((db, args) =>
        db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).where('order_id', '=', args.orderId).where('type', 'in', types),
      ),
      ofLocation: query<{ location: string; after: number; limit: number }>()((db, args) =>
        db.selectFrom('events').selectAll().where('location_id', '=', args.location).where('type', 'in', types).where('seq', '>', args.after).orderBy('seq').limit(args.limit),
      ),
    };
    byTypes.set(key, queries);
  }
  return queries;
}

/**
 * The append-only event log, one per location. Appends run at the end of the transaction of the
 * change they record (ChangeRecorder), so the location's seq row is held as briefly as possible.
 */
export class EventRepository {
  /** Gives `events` the next seqs of `location`'s log, in order, and writes them. */
  async append(q: Queryable, location: string, events: readonly NewEvent[]): Promise<TicketEvent[]> {
    const taken = await q.first(takeSeqs, { location, count: events.length });
    if (!taken) throw new Error(`location ${location} has no event log`);
    const first = taken.last_seq - events.length + 1;
    const rows = events.map((event, i) => toRow(location, first + i, event));
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      const batch = rows.slice(start, start + INSERT_BATCH);
      await q.run(insertOf(batch.length), flattenRows(batch));
    }
    return events.map((event, i) => ({ seq: first + i, ...event }) as TicketEvent);
  }

  async listAfter(q: Queryable, location: string, after: number, limit: number): Promise<TicketEvent[]> {
    return (await q.all(afterSeq, { location, after, limit })).map(toEvent);
  }

  /**
   * Events of one order with `seq > after`, in seq order, of the given types only (a diner never
   * sees print jobs), at most `limit`. An order's events are all in its location's log.
   */
  async listForOrder(q: Queryable, orderId: string, types: readonly string[], after: number, limit: number): Promise<TicketEvent[]> {
    return (await q.all(typed(types).ofOrder, { orderId, after, limit })).map(toEvent);
  }

  /** The newest seq among one order's events of the given types (0 when none). */
  async lastSeqForOrder(q: Queryable, orderId: string, types: readonly string[]): Promise<number> {
    return (await q.first(typed(types).lastOfOrder, { orderId }))?.seq ?? 0;
  }

  /** Events of the given types with `seq > after`, in seq order, at most `limit`: a channel's share of the log. */
  async listOfTypes(q: Queryable, location: string, types: readonly string[], after: number, limit: number): Promise<TicketEvent[]> {
    return (await q.all(typed(types).ofLocation, { location, after, limit })).map(toEvent);
  }

  /** The newest seq of the location's log (0 when empty). */
  async lastSeq(q: Queryable, location: string): Promise<number> {
    return (await q.first(lastSeqOf, { location }))?.last_seq ?? 0;
  }
}
