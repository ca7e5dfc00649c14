import { z } from 'zod';
import { ORDER_STATUSES } from '../../common/order.js';

/**
 * What an outbox row asks of the backend, one shape per kind. The schemas check the shape this
 * agent wrote, not the backend's rules for the values: a value the backend refuses is a refusal the
 * kitchen sees (a conflict), while a row that is not even this shape can never be sent.
 */
export const OrderTransitionBodySchema = z.object({
  to: z.enum(ORDER_STATUSES),
  reason: z.string().optional(),
});
export type OrderTransitionBody = z.infer<typeof OrderTransitionBodySchema>;

export const PrintJobReportBodySchema = z.object({
  agentId: z.string(),
  status: z.enum(['printing', 'done', 'failed']),
  error: z.string().optional(),
  printedAt: z.string().optional(),
});
export type PrintJobReportBody = z.infer<typeof PrintJobReportBodySchema>;

/**
 * A TableTrack job's outcome (connector `tabletrack`): `PATCH /api/print-jobs/{sourceJobId}` with
 * the rest of the body as TableTrack's `update` validates it (docs/connectors.md).
 */
export const TableTrackReportBodySchema = z.object({
  sourceJobId: z.number().int().nonnegative(),
  status: z.enum(['done', 'failed']),
  printed_at: z.string(),
  error: z.string().optional(),
  printer: z.string(),
});
export type TableTrackReportBody = z.infer<typeof TableTrackReportBodySchema>;

export const OutboxEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('order.transition'), body: OrderTransitionBodySchema }),
  z.object({ kind: z.literal('print-job.status'), body: PrintJobReportBodySchema }),
  z.object({ kind: z.literal('tabletrack.report'), body: TableTrackReportBodySchema }),
]);
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

/** Where a row stands in the queue, whatever its kind. */
export interface OutboxRowMeta {
  id: number;
  targetId: string;
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
}

/** A row read back from SQLite: a typed entry, or why it could not be read (then it can never be sent). */
export type OutboxRow = (OutboxEntry & OutboxRowMeta) | (OutboxRowMeta & { kind: 'unreadable'; problem: string });
