import type { PrintLogEntry } from '../../common/kitchen-api.js';

/**
 * The print log's second button. Both kinds ask the agent for `reprint` — the only way a job prints
 * again: the backend makes a new job marked as a reprint of this one (common/print-job.ts,
 * `reprintOf`), whatever this one's outcome. What differs is why the kitchen presses it, so the
 * label and the question differ: a done ticket is printed again on purpose; a failed one is retried.
 */
export type JobAction = { kind: 'reprint'; label: 'Reprint' } | { kind: 'retry'; label: 'Retry' };

export function jobAction(job: Pick<PrintLogEntry, 'status'>): JobAction | undefined {
  if (job.status === 'failed') return { kind: 'retry', label: 'Retry' };
  if (job.status === 'done') return { kind: 'reprint', label: 'Reprint' };
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
  confirmLabel: string;
}

/** What the confirmation dialog asks before a job is printed again. */
export function jobConfirmation(job: PrintLogEntry, action: JobAction, orderNumber: string | undefined): JobConfirmation {
  const what = `Job ${job.id} (${job.station}${orderNumber ? `, order #${orderNumber}` : ''})`;
  if (action.kind === 'reprint') {
    return { title: 'Reprint ticket?', message: `${what} will be printed again, marked as a reprint.`, confirmLabel: 'Reprint' };
  }
  return {
    title: 'Retry failed print?',
    message: `${what} failed${job.error ? `: ${job.error}` : ''}. It will be sent to the printer again as a new job, marked as a reprint.`,
    ...(mayHavePartlyPrinted(job)
      ? { warning: 'The ticket may already have partly printed. Check the printer first: retrying may print it twice.' }
      : {}),
    confirmLabel: 'Retry',
  };
}
