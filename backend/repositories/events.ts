import { EventSchema, type Actor, type NewTicketEvent, type TicketEvent } from '../../common/events.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database.js';

/** An event before the log gives it its seq. */
export type NewEvent = NewTicketEvent;

interface EventRow {
  seq: number;
  type: TicketEvent['type'];
  order_id: string | null;
  job_id: string | null;
  station: string | null;
  from_status: string | null;
  to_status: string;
  actor_type: Actor['type'];
  actor_id: string;
  at: string;
  reason: string | null;
  version: number | null;
  details_json: string | null;
}

/** Event fields stored in their own columns; anything else an event carries goes to details_json. */
const COLUMN_FIELDS: ReadonlySet<string> = new Set(['seq', 'type', 'orderId', 'jobId', 'station', 'from', 'to', 'actor', 'at', 'reason', 'version']);

/** The fields of an event beyond the shared columns, as JSON; null when there are none. */
function detailsOf(event: NewEvent): string | null {
  const details = Object.fromEntries(Object.entries(event).filter(([key, value]) => !COLUMN_FIELDS.has(key) && value !== undefined));
  return Object.keys(details).length > 0 ? JSON.stringify(details) : null;
}

/** A row as the event it was written from; the schema gives the row back its type's fields. */
function toEvent(row: EventRow): TicketEvent {
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

interface OrderStatements {
  list: Statement<unknown[], EventRow>;
  last: Statement<unknown[], { seq: number }>;
}

/** The append-only event log. Appends must run inside the transaction of the change they record. */
export class EventRepository {
  private readonly insert;
  private readonly selectAfter;
  private readonly selectLastSeq;

  private readonly byOrder = new Map<string, OrderStatements>();
  private readonly byTypes = new Map<string, Statement<unknown[], EventRow>>();

  constructor(private readonly db: Db) {
    this.insert = db.prepare(`INSERT INTO events
      (type, order_id, job_id, station, from_status, to_status, actor_type, actor_id, at, reason, version, details_json)
      VALUES (@type, @orderId, @jobId, @station, @from, @to, @actorType, @actorId, @at, @reason, @version, @details)`);
    this.selectAfter = db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.selectLastSeq = db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM events');
  }

  append(event: NewEvent): TicketEvent {
    const result = this.insert.run({
      type: event.type,
      orderId: event.orderId ?? null,
      jobId: event.jobId ?? null,
      station: event.station ?? null,
      from: event.from ?? null,
      to: event.to,
      actorType: event.actor.type,
      actorId: event.actor.id,
      at: event.at,
      reason: event.reason ?? null,
      version: event.version,
      details: detailsOf(event),
    });
    return { seq: Number(result.lastInsertRowid), ...event };
  }

  listAfter(after: number, limit: number): TicketEvent[] {
    return this.selectAfter.all(after, limit).map(toEvent);
  }

  /**
   * Events of one order with `seq > after`, in seq order, of the given types only (a diner never
   * sees print jobs), at most `limit`.
   */
  listForOrder(orderId: string, types: readonly string[], after: number, limit: number): TicketEvent[] {
    return this.forOrder(types).list.all(orderId, after, ...types, limit).map(toEvent);
  }

  /** The newest seq among one order's events of the given types (0 when none). */
  lastSeqForOrder(orderId: string, types: readonly string[]): number {
    return this.forOrder(types).last.get(orderId, ...types)?.seq ?? 0;
  }

  /** Prepared once per distinct type list: a handful of lists exist (the diner's, the staff's). */
  private forOrder(types: readonly string[]): OrderStatements {
    const key = types.join(',');
    let statements = this.byOrder.get(key);
    if (!statements) {
      const placeholders = types.map(() => '?').join(', ');
      statements = {
        list: this.db.prepare<unknown[], EventRow>(`SELECT * FROM events WHERE order_id = ? AND seq > ? AND type IN (${placeholders}) ORDER BY seq LIMIT ?`),
        last: this.db.prepare<unknown[], { seq: number }>(`SELECT COALESCE(MAX(seq), 0) AS seq FROM events WHERE order_id = ? AND type IN (${placeholders})`),
      };
      this.byOrder.set(key, statements);
    }
    return statements;
  }

  /**
   * Events of the given types with `seq > after`, in seq order, at most `limit`: a channel's share of
   * the log (`GET /api/events?channel=pos`). The statement is made once per type list.
   */
  listOfTypes(types: readonly string[], after: number, limit: number): TicketEvent[] {
    const key = types.join(',');
    let statement = this.byTypes.get(key);
    if (!statement) {
      const placeholders = types.map(() => '?').join(', ');
      statement = this.db.prepare<unknown[], EventRow>(`SELECT * FROM events WHERE type IN (${placeholders}) AND seq > ? ORDER BY seq LIMIT ?`);
      this.byTypes.set(key, statement);
    }
    return statement.all(...types, after, limit).map(toEvent);
  }

  lastSeq(): number {
    return (this.selectLastSeq.get() as { seq: number }).seq;
  }
}
