import { EventSchema, type Actor, type NewTicketEvent, type TicketEvent } from '../../common/events.js';
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
}

/** A row as the event it was written from; the schema gives the row back its type's fields. */
function toEvent(row: EventRow): TicketEvent {
  return EventSchema.parse({
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

/** The append-only event log. Appends must run inside the transaction of the change they record. */
export class EventRepository {
  private readonly insert;
  private readonly selectAfter;
  private readonly selectLastSeq;

  constructor(db: Db) {
    this.insert = db.prepare(`INSERT INTO events
      (type, order_id, job_id, station, from_status, to_status, actor_type, actor_id, at, reason, version)
      VALUES (@type, @orderId, @jobId, @station, @from, @to, @actorType, @actorId, @at, @reason, @version)`);
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
    });
    return { seq: Number(result.lastInsertRowid), ...event };
  }

  listAfter(after: number, limit: number): TicketEvent[] {
    return this.selectAfter.all(after, limit).map(toEvent);
  }

  lastSeq(): number {
    return (this.selectLastSeq.get() as { seq: number }).seq;
  }
}
