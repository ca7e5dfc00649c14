import { z } from 'zod';
import type { OutboxKind, OutboxKinds } from '../../outbox/outbox-entry.js';
import { OutboxRefusal } from '../../outbox/outbox-refusal.js';
import type { TableTrackClient } from './tabletrack-client.js';
import { TABLETRACK_ERRORS, TableTrackError } from './tabletrack-errors.js';

/**
 * A TableTrack job's outcome: `PATCH /api/print-jobs/{sourceJobId}` with the rest of the body as
 * TableTrack's `update` validates it (docs/connectors.md).
 */
export const TableTrackReportBodySchema = z.object({
  sourceJobId: z.number().int().nonnegative(),
  status: z.enum(['done', 'failed']),
  printed_at: z.string(),
  error: z.string().optional(),
  printer: z.string(),
});
export type TableTrackReportBody = z.infer<typeof TableTrackReportBodySchema>;

/** The outbox kind TableTrack's reports are stored under. */
export const TABLETRACK_REPORT_KIND = 'tabletrack.report';

/** TableTrack's rows: each job's report, delivered with the client as the settings are now. */
export function tableTrackOutboxKinds(client: () => TableTrackClient): OutboxKinds {
  const report: OutboxKind<TableTrackReportBody> = {
    target: 'job',
    body: TableTrackReportBodySchema,
    isUnreachable: (error) => error instanceof TableTrackError && error.code === TABLETRACK_ERRORS.TABLETRACK_UNREACHABLE,
    /** TableTrack's 404 / 422 are final (OutboxRefusal); anything else is retried. */
    async deliver(_jobId, { sourceJobId, ...body }) {
      try {
        await client().report(sourceJobId, body);
      } catch (error) {
        if (error instanceof TableTrackError && error.code === TABLETRACK_ERRORS.TABLETRACK_REPORT_REFUSED) throw new OutboxRefusal(error.toBody());
        throw error;
      }
    },
  };
  return { [TABLETRACK_REPORT_KIND]: report };
}
