import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnprintedTicket } from '../../../common/printer-trouble.js';
import { otherPrinters, reasonKey } from '../../state/print-problems.js';
import { usePrintProblems } from './print-problem-context.js';

/**
 * The red strip on a card whose ticket did not print (issue 20): "Not printed: Kitchen is out of
 * paper", with Retry and Print elsewhere. On the card itself, whatever the card's source, so the
 * kitchen sees it where it looks; the agent's own reason is only a details line for support.
 */
export function CardPrintProblem({ orderId, number }: { orderId: string; number: string }) {
  const { byOrder } = usePrintProblems();
  const tickets = byOrder.get(orderId);
  if (!tickets || tickets.length === 0) return null;
  return (
    <div className="card-print-problems" data-testid={`print-problem-${number}`}>
      {tickets.map((ticket) => (
        <TicketStrip key={ticket.jobId} ticket={ticket} />
      ))}
    </div>
  );
}

function TicketStrip({ ticket }: { ticket: UnprintedTicket }) {
  const { t } = useTranslation();
  const problems = usePrintProblems();
  const [choosing, setChoosing] = useState(false);
  const busy = problems.busyJobs.has(ticket.jobId);
  const printer = ticket.printerName ?? ticket.printerId ?? '';
  const reason = t(`printProblem.reason.${reasonKey(ticket)}`, { printer });
  const others = otherPrinters(problems.printing, ticket);
  return (
    <div className="print-strip" role="alert" data-testid={`print-strip-${ticket.jobId}`} data-state={ticket.state} data-problem={ticket.problem ?? ''}>
      <p className="print-strip-text">
        <strong>{t('printProblem.notPrinted', { reason })}</strong>
        {ticket.state === 'needsAttention' ? <span className="print-strip-hint"> {t('printProblem.waitsHint')}</span> : null}
        {ticket.mayHavePartlyPrinted ? <span className="print-strip-hint"> {t('printProblem.partly')}</span> : null}
      </p>
      <p className="print-strip-details">{t('printProblem.details', { reason: `${ticket.jobId} · ${ticket.reason}` })}</p>
      {choosing ? (
        <div className="print-strip-choices" role="group" aria-label={t('printProblem.chooseLabel')}>
          <span className="print-strip-choose">{t('printProblem.chooseLabel')}</span>
          {others.length === 0 ? <span>{t('printProblem.noOther')}</span> : null}
          {others.map((choice) => (
            <button
              key={choice.printerId}
              type="button"
              className="button button-small"
              data-testid={`print-on-${choice.printerId}`}
              disabled={busy}
              onClick={() => {
                setChoosing(false);
                problems.printElsewhere(ticket.jobId, choice.printerId);
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
          <button type="button" className="button button-small button-strip" data-testid={`print-retry-${ticket.jobId}`} disabled={busy} onClick={() => problems.retry(ticket.jobId)}>
            {t('printProblem.retry')}
          </button>
          <button type="button" className="button button-small button-strip" data-testid={`print-elsewhere-${ticket.jobId}`} disabled={busy} onClick={() => setChoosing(true)}>
            {t('printProblem.printElsewhere')}
          </button>
        </div>
      )}
    </div>
  );
}
