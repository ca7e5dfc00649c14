import type { z } from 'zod';
import type { ErrorBody } from '../../common/errors.js';
import type { PrintJob } from '../../common/print-job.js';
import type { CacheDb } from '../cache/cache-db.js';
import type { AgentLogger } from '../ports.js';

/** Where a row stands in the queue, whatever its kind. */
export interface OutboxRowMeta {
  id: number;
  targetId: string;
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
}

/** A row as SQLite holds it: its kind and its body's JSON text, read back unchecked. */
export interface StoredOutboxRow extends OutboxRowMeta {
  kind: string;
  body: string;
}

/** A row read back through its kind: a body of that kind's shape, or why it can never be sent. */
export type OutboxRow = OutboxRowMeta & { kind: string } & ({ body: unknown; problem?: undefined } | { problem: string });

/** What the outbox lets a kind tell the rest of the agent while it delivers or resolves a row. */
export interface OutboxContext {
  cache: CacheDb;
  logger: AgentLogger;
  /** An order's card changed (the board shows it again). */
  orderChanged(orderId: string): void;
  /** A job changed (the print log shows it again). */
  jobChanged(job: PrintJob): void;
  /** The kitchen must hear of a refusal. */
  conflict(conflict: { orderId?: string; jobId?: string; message: string }): void;
}

/**
 * One kind of outbox row, declared by the source of work that writes it (agent/connectors/…): the
 * outbox knows none by name. TicketRail's backend takes `order.transition` and `print-job.status`,
 * TableTrack `tabletrack.report`; a source adds its kinds through its registry module.
 *
 * `deliver` throws OutboxRefusal for a final "no" (the row is dropped and the refusal resolved);
 * anything else it throws keeps the row, and every row behind it, for a retry with backoff.
 */
export interface OutboxKind<B = unknown> {
  /** What the row is about: an order's card, or a print job (whose refusal the print log shows). */
  target: 'order' | 'job';
  /** The shape this agent writes; a row read back in another shape can never be sent. */
  body: z.ZodType<B>;
  // Methods (not function properties): a kind of one body type stands in the registry of all kinds.
  deliver(targetId: string, body: B, context: OutboxContext): Promise<void>;
  /** Errors that only say the other side is unreachable: retried without a warning each time. */
  isUnreachable?(error: unknown): boolean;
  /** After a delivery, once the row is gone from the outbox. */
  delivered?(targetId: string, body: B, context: OutboxContext): void;
  /** A final refusal of an order row: take the other side's truth and tell the kitchen. */
  refused?(targetId: string, body: B, refusal: ErrorBody, context: OutboxContext): Promise<void>;
}

/** The kinds one source declares, by name (the name is stored with each row). */
export type OutboxKinds = Readonly<Record<string, OutboxKind<unknown>>>;
