import type { PrintLogEntry } from '../../../common/kitchen-api.js';
import { jobAction, type JobAction } from '../../state/print-job-actions.js';
import { formatClock } from '../shell/clock.js';

interface PrintLogRowProps {
  job: PrintLogEntry;
  orderNumber: string | undefined;
  /** Reprint (done) or Retry (failed): both print the job again once confirmed. */
  onPrintAgain: (job: PrintLogEntry, action: JobAction) => void;
  onPreview: (job: PrintLogEntry) => void;
}

export function PrintLogRow({ job, orderNumber, onPrintAgain, onPreview }: PrintLogRowProps) {
  const again = jobAction(job);
  return (
    <tr className={`print-row print-row-${job.status}`} data-testid={`print-log-row-${job.id}`} data-status={job.status}>
      <td className="print-time">{formatClock(job.printedAt ?? job.updatedAt)}</td>
      <td>
        <span className={`print-status print-status-${job.status}`}>{job.status}</span>
      </td>
      <td>{orderNumber ? `#${orderNumber}` : (job.orderId ?? job.kind)}</td>
      <td>{job.station}</td>
      <td>{job.printerId ?? (job.local ? '—' : 'another agent')}</td>
      <td className="print-error">
        {job.error ?? ''}
        {job.note ? (
          <span className="print-note" data-testid={`print-note-${job.id}`}>
            {job.note}
          </span>
        ) : null}
      </td>
      <td className="print-actions">
        <button type="button" className="button button-small" data-testid={`preview-${job.id}`} onClick={() => onPreview(job)}>
          Preview
        </button>
        {again ? (
          <button type="button" className={again.kind === 'retry' ? 'button button-small button-retry' : 'button button-small'} data-testid={`${again.kind}-${job.id}`} onClick={() => onPrintAgain(job, again)}>
            {again.label}
          </button>
        ) : null}
      </td>
    </tr>
  );
}
