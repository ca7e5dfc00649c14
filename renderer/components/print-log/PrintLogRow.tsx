import { useTranslation } from 'react-i18next';
import type { PrintLogEntry } from '../../../common/kitchen-api.js';
import { useLanguage } from '../../i18n/useLanguage.js';
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
  const { t } = useTranslation('printLog');
  const language = useLanguage();
  const again = jobAction(job);
  // A job this agent holds says where it stands: "printing" only while its bytes are on their way (issue 20).
  const shown = job.stage && (job.status === 'pending' || job.status === 'printing') ? job.stage : undefined;
  return (
    <tr className={`print-row print-row-${job.status}`} data-testid={`print-log-row-${job.id}`} data-status={job.status} data-stage={shown ?? ''}>
      <td className="print-time">{formatClock(language, job.printedAt ?? job.updatedAt)}</td>
      <td>
        <span className={`print-status print-status-${shown ?? job.status}`}>{shown ? t(`stage.${shown}`) : t(`status.${job.status}`)}</span>
        {shown === 'needsAttention' && job.attention ? <span className="print-note">{t('waitsFor', { printer: job.attention.printerName })}</span> : null}
      </td>
      <td>
        {orderNumber ? `#${orderNumber}` : t(`kind.${job.kind}`)}
        <span className="print-details" data-testid={`print-details-${job.id}`}>
          {t('support.details', { id: job.id })}
        </span>
      </td>
      <td>{job.station}</td>
      <td>{job.printerId ?? (job.local ? '—' : t('anotherAgent'))}</td>
      <td className="print-error">
        {job.error ?? ''}
        {job.confirmedBy ? (
          <span className="print-note" data-testid={`print-note-${job.id}`}>
            {t(`confirmedBy.${job.confirmedBy}`)}
          </span>
        ) : null}
      </td>
      <td className="print-actions">
        <button type="button" className="button button-small" data-testid={`preview-${job.id}`} onClick={() => onPreview(job)}>
          {t('actions.preview')}
        </button>
        {again ? (
          <button type="button" className={again === 'retry' ? 'button button-small button-retry' : 'button button-small'} data-testid={`${again}-${job.id}`} onClick={() => onPrintAgain(job, again)}>
            {t(`actions.${again}`)}
          </button>
        ) : null}
      </td>
    </tr>
  );
}
