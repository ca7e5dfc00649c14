import type { PrintLogEntry } from '../../../common/kitchen-api.js';
import { FINAL_PRINT_JOB_STATUSES } from '../../../common/print-job.js';
import { formatClock } from '../shell/clock.js';

interface PrintLogRowProps {
  job: PrintLogEntry;
  orderNumber: string | undefined;
  onReprint: (job: PrintLogEntry) => void;
  onPreview: (job: PrintLogEntry) => void;
}

export function PrintLogRow({ job, orderNumber, onReprint, onPreview }: PrintLogRowProps) {
  return (
    <tr className={`print-row print-row-${job.status}`} data-testid={`print-log-row-${job.id}`} data-status={job.status}>
      <td className="print-time">{formatClock(job.printedAt ?? job.updatedAt)}</td>
      <td>
        <span className={`print-status print-status-${job.status}`}>{job.status}</span>
      </td>
      <td>{orderNumber ? `#${orderNumber}` : (job.orderId ?? job.kind)}</td>
      <td>{job.station}</td>
      <td>{job.printerId ?? (job.local ? '—' : 'another agent')}</td>
      <td className="print-error">{job.error ?? ''}</td>
      <td className="print-actions">
        <button type="button" className="button button-small" data-testid={`preview-${job.id}`} onClick={() => onPreview(job)}>
          Preview
        </button>
        {FINAL_PRINT_JOB_STATUSES.includes(job.status) ? (
          <button type="button" className="button button-small" data-testid={`reprint-${job.id}`} onClick={() => onReprint(job)}>
            Reprint
          </button>
        ) : null}
      </td>
    </tr>
  );
}
