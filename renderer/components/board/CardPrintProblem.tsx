import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnprintedTicket } from '../../../common/printer-trouble.js';
import { groupTickets, otherPrinters, reasonKey } from '../../state/print-problems.js';
import { usePrintProblems } from './print-problem-context.js';

/**
 * The red strip on a card whose ticket did not print (issue 20): "Not printed: Kitchen is out of
 * paper", with Retry and Print elsewhere. On the card itself, whatever the card's source, so the
 * kitchen sees it where it looks; the agent's own reason is only a details line for support.
 * Tickets of the card that failed for the same reason (its kitchen and bar tickets on one printer
 * out of paper) share one strip, and its buttons act on each of them.
 */
export function CardPrintProblem({ orderId, number }: { orderId: string; number: string }) {
  const { byOrder } = usePrintProblems();
  const tickets = byOrder.get(orderId);
  if (!tickets || tickets.length === 0) return null;
  return (
    <div className="card-print-problems" data-testid={`print-problem-${number}`}>
      {groupTickets(tickets).map((group) => (
        <TicketStrip key={group[0]!.jobId} tickets={group} />
      ))}
    </div>
  );
}

function TicketStrip({ tickets }: { tickets: readonly UnprintedTicket[] }) {
  const { t } = useTranslation();
  const problems = usePrintProblems();
  const [choosing, setChoosing] = useState(false);
  const first = tickets[0]!;
  const busy = tickets.some((ticket) => problems.busyJobs.has(ticket.jobId));
  const printer = first.printerName ?? first.printerId ?? '';
  const reason = t(`printProblem.reason.${reasonKey(first)}`, { printer });
  const others = otherPrinters(problems.printing, first);
  const details = tickets.map((ticket) => `${ticket.jobId} · ${ticket.reason}`).join(' | ');
  return (
    <div className="print-strip" role="alert" data-testid={`print-strip-${first.jobId}`} data-jobs={tickets.map((ticket) => ticket.jobId).join(' ')} data-state={first.state} data-problem={first.problem ?? ''}>
      <p className="print-strip-text">
        <strong>{t('printProblem.notPrinted', { reason })}</strong>
        {first.state === 'needsAttention' ? <span className="print-strip-hint"> {t('printProblem.waitsHint')}</span> : null}
        {first.mayHavePartlyPrinted ? <span className="print-strip-hint"> {t('printProblem.partly')}</span> : null}
      </p>
      <p className="print-strip-details" title={details}>
        {t('printProblem.details', { reason: details })}
      </p>
      {choosing ? (
        <div className="print-strip-choices" role="group" aria-label={t('printProblem.chooseLabel')}>
          <span className="print-strip-choose">{t('printProblem.chooseLabel')}</span>
          {others.length === 0 ? <span>{t('printProblem.noOther')}</span> : null}
          {others.map((choice) => (
            <button
              key={choice.printerId}
              type="button"
              className="button button-small button-strip"
              data-testid={`print-on-${choice.printerId}`}
              disabled={busy}
              onClick={() => {
                setChoosing(false);
                for (const ticket of tickets) problems.printElsewhere(ticket.jobId, choice.printerId);
              }}
            >
              {choice.printerName}
            </button>
          ))}
          <button type="button" className="button button-small button-quiet" onClick={() => setChoosing(false)}>
            {t('printProblem.cancel')}
          </button>
        </div>
      ) : (
        <div className="print-strip-actions">
          <button
            type="button"
            className="button button-small button-strip"
            data-testid={`print-retry-${first.jobId}`}
            disabled={busy}
            onClick={() => {
              for (const ticket of tickets) problems.retry(ticket.jobId);
            }}
          >
            {t('printProblem.retry')}
          </button>
          <button type="button" className="button button-small button-strip" data-testid={`print-elsewhere-${first.jobId}`} disabled={busy} onClick={() => setChoosing(true)}>
            {t('printProblem.printElsewhere')}
          </button>
        </div>
      )}
    </div>
  );
}
