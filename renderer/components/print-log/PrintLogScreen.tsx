import { useTranslation } from 'react-i18next';
import { useEffect, useMemo, useState, type Dispatch } from 'react';
import type { KitchenApi, PrintLogEntry, TicketPreview } from '../../../common/kitchen-api.js';
import type { BoardAction } from '../../state/board-state.js';
import { jobConfirmation, type JobAction } from '../../state/print-job-actions.js';
import { newestFirst } from '../../state/time.js';
import { ConfirmDialog } from '../shell/ConfirmDialog.js';
import { PreviewPanel } from './PreviewPanel.js';
import { PrintLogRow } from './PrintLogRow.js';

const LOG_LIMIT = 100;

interface PrintLogScreenProps {
  api: KitchenApi;
  jobs: Record<string, PrintLogEntry>;
  orderNumbers: Record<string, string>;
  dispatch: Dispatch<BoardAction>;
  onError: (error: unknown) => void;
}

/** The number of the order a previewed job prints, when the board knows it. */
const previewed = (job: PrintLogEntry | undefined, orderNumbers: Readonly<Record<string, string>>): string | undefined => (job?.orderId ? orderNumbers[job.orderId] : undefined);

/** Recent print jobs, newest first; live from `print-job` updates once loaded. */
export function PrintLogScreen({ api, jobs, orderNumbers, dispatch, onError }: PrintLogScreenProps) {
  const { t } = useTranslation('printLog');
  const [confirming, setConfirming] = useState<{ job: PrintLogEntry; action: JobAction }>();
  const [preview, setPreview] = useState<TicketPreview>();

  useEffect(() => {
    api.printLog({ limit: LOG_LIMIT }).then((entries) => dispatch({ type: 'local/print-log', jobs: entries }), onError);
  }, [api, dispatch, onError]);

  const rows = useMemo(
    () =>
      Object.values(jobs).sort(newestFirst).slice(0, LOG_LIMIT),
    [jobs],
  );

  // Retry and Reprint alike: the agent's reprint is the one way to print a job again (print-job-actions.ts).
  const reprint = (job: PrintLogEntry) => {
    setConfirming(undefined);
    api.reprint({ jobId: job.id }).then((entry) => dispatch({ type: 'print-job', job: entry }), onError);
  };
  const showPreview = (job: PrintLogEntry) => {
    api.previewJob({ jobId: job.id }).then(setPreview, onError);
  };

  return (
    <div className="print-log">
      <div className="print-log-table-wrap">
        <table className="print-log-table" data-testid="print-log">
          <thead>
            <tr>
              <th>{t('columns.time')}</th>
              <th>{t('columns.status')}</th>
              <th>{t('columns.order')}</th>
              <th>{t('columns.station')}</th>
              <th>{t('columns.printer')}</th>
              <th>{t('columns.error')}</th>
              <th aria-label={t('columns.actions')} />
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7} className="print-log-empty">
                  {t('empty')}
                </td>
              </tr>
            ) : (
              rows.map((job) => (
                <PrintLogRow
                  key={job.id}
                  job={job}
                  orderNumber={job.orderId ? orderNumbers[job.orderId] : undefined}
                  onPrintAgain={(entry, action) => setConfirming({ job: entry, action })}
                  onPreview={showPreview}
                />
              ))
            )}
          </tbody>
        </table>
      </div>
      {preview ? (
        <PreviewPanel
          preview={preview}
          orderNumber={previewed(jobs[preview.jobId], orderNumbers)}
          kind={t(`kind.${jobs[preview.jobId]?.kind ?? 'ticket'}`)}
          onClose={() => setPreview(undefined)}
        />
      ) : null}
      {confirming ? (
        <ConfirmDialog
          {...jobConfirmation(t, confirming.job, confirming.action, confirming.job.orderId ? orderNumbers[confirming.job.orderId] : undefined)}
          onConfirm={() => reprint(confirming.job)}
          onCancel={() => setConfirming(undefined)}
        />
      ) : null}
    </div>
  );
}
