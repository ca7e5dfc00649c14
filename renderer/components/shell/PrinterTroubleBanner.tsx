import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterTrouble } from '../../../common/printer-trouble.js';

/**
 * Beside the connection banner: "Printer Kitchen: out of paper" for each printer in trouble, and —
 * once one has been unreachable for the set time — one tap to send its waiting tickets to another
 * printer of its station. Visual first: a board whose browser has not unlocked sound still shows it.
 */
export const PrinterTroubleBanner = memo(function PrinterTroubleBanner({ printers, onMove }: { printers: readonly PrinterTrouble[]; onMove: (from: string, to: string) => void }) {
  const { t } = useTranslation();
  if (printers.length === 0) return null;
  return (
    <div className="printer-trouble" data-testid="printer-trouble" role="alert">
      {printers.map((printer) => (
        <div key={printer.printerId} className="printer-trouble-line" data-testid={`printer-trouble-${printer.printerId}`} data-problem={printer.problem}>
          <span className="printer-trouble-text">{t('printProblem.printerLine', { printer: printer.printerName, problem: t(`printProblem.problem.${printer.problem}`) })}</span>
          {(printer.offerMoveTo ?? []).map((target) => (
            <button
              key={target.printerId}
              type="button"
              className="button button-small button-strip"
              data-testid={`move-waiting-${printer.printerId}-${target.printerId}`}
              onClick={() => onMove(printer.printerId, target.printerId)}
            >
              {t('printProblem.moveWaiting', { printer: target.printerName, count: printer.waiting })}
            </button>
          ))}
        </div>
      ))}
    </div>
  );
});

/** The header's count of tickets not printed; a tap opens the print log. */
export const UnprintedBadge = memo(function UnprintedBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <a className="unprinted-badge" href="#/print-log" data-testid="unprinted-badge" data-count={count} title={t('printProblem.badgeTitle')}>
      {t('printProblem.badge', { count })}
    </a>
  );
});
