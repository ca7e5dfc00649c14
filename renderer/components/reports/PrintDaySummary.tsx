import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KitchenApi } from '../../../common/kitchen-api.js';
import { toKitchenApiError } from '../../api/kitchen-api-error.js';
import { useErrorText } from '../../i18n/error-text.js';
import { boardTimeZone, reportQuery } from '../../state/report-range.js';

type PrintState = { status: 'idle' } | { status: 'printing' } | { status: 'printed' } | { status: 'failed'; message: string };

/**
 * "Print day summary" (issue 22): today's totals (orders, revenue by currency, gift cards sold,
 * loyalty points) on the counter printer, as the agent asks the backend for them. Today whatever
 * period the tab shows: the slip is what the till closes the day with.
 */
export function PrintDaySummary({ api, now }: { api: KitchenApi; now: () => number }) {
  const { t } = useTranslation('reports');
  const errorText = useErrorText();
  const [state, setState] = useState<PrintState>({ status: 'idle' });

  const print = () => {
    const timeZone = boardTimeZone();
    const { to } = reportQuery('today', now(), timeZone);
    setState({ status: 'printing' });
    api.printDaySummary({ date: to, tz: timeZone }).then(
      (result) => setState(result.ok ? { status: 'printed' } : { status: 'failed', message: result.message }),
      (failure: unknown) => setState({ status: 'failed', message: errorText(toKitchenApiError(failure)).summary }),
    );
  };

  return (
    <div className="report-print">
      <button type="button" className="report-period" data-testid="report-print-day" disabled={state.status === 'printing'} onClick={print}>
        {t('daySummary.print')}
      </button>
      <span role="status" className={state.status === 'failed' ? 'report-print-failed' : 'report-note'} data-testid="report-print-result" data-status={state.status}>
        {state.status === 'printing' ? t('daySummary.printing') : null}
        {state.status === 'printed' ? t('daySummary.printed') : null}
        {state.status === 'failed' ? t('daySummary.failed', { message: state.message }) : null}
      </span>
    </div>
  );
}
