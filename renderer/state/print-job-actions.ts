import type { TFunction } from 'i18next';
import type { PrintLogEntry } from '../../common/kitchen-api.js';

/**
 * The print log's second button. Both kinds ask the agent for `reprint` — the only way a job prints
 * again: the backend makes a new job marked as a reprint of this one (common/print-job.ts,
 * `reprintOf`), whatever this one's outcome. What differs is why the kitchen presses it, so the
 * label and the question differ: a done ticket is printed again on purpose; a failed one is retried.
 */
export type JobAction = 'reprint' | 'retry';

export function jobAction(job: Pick<PrintLogEntry, 'status'>): JobAction | undefined {
  if (job.status === 'failed') return 'retry';
  if (job.status === 'done') return 'reprint';
  return undefined;
}

/**
 * The agent says so in the job's error when bytes had left this PC before the failure
 * (common/print-job.ts PRINT_FAILURE_REASONS.partlySent, and the transport's own "…; the ticket may
 * have partly printed"); print-job-actions.test.ts checks the shared text still matches.
 */
const PARTLY_PRINTED = /may have partly printed/i;

export function mayHavePartlyPrinted(job: Pick<PrintLogEntry, 'error'>): boolean {
  return job.error !== undefined && PARTLY_PRINTED.test(job.error);
}

export interface JobConfirmation {
  title: string;
  message: string;
  /** Shown apart and loud: pressing on may print the ticket twice. */
  warning?: string;
  /** Ids for support, in a small line under the message (staff go by the order's number). */
  details?: string;
  confirmLabel: string;
}

/** What the confirmation dialog asks before a job is printed again, in the print log's words (`confirm.*` in printLog.json). */
export function jobConfirmation(t: TFunction<'printLog'>, job: PrintLogEntry, action: JobAction, orderNumber: string | undefined): JobConfirmation {
  // Staff read the order's number, never a job id; the id is in a small line for support.
  const what = orderNumber ? t('confirm.jobOfOrder', { station: job.station, number: orderNumber }) : t('confirm.job', { station: job.station });
  const details = t('support.details', { id: job.orderId ? `${job.id} · ${job.orderId}` : job.id });
  if (action === 'reprint') {
    return { title: t('confirm.reprintTitle'), message: t('confirm.reprintMessage', { what }), details, confirmLabel: t('actions.reprint') };
  }
  return {
    title: t('confirm.retryTitle'),
    details,
    message: job.error ? t('confirm.retryMessageWithError', { what, error: job.error }) : t('confirm.retryMessage', { what }),
    ...(mayHavePartlyPrinted(job) ? { warning: t('confirm.partlyPrinted') } : {}),
    confirmLabel: t('actions.retry'),
  };
}
