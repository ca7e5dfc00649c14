import { useTranslation } from 'react-i18next';
import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { KitchenApi, PrinterStatus } from '../../../common/kitchen-api.js';
import { toKitchenApiError } from '../../api/kitchen-api-error.js';

function describe(t: TFunction<'settings'>, status: PrinterStatus): string {
  if (!status.online) return t('printers.offline', { message: status.message });
  const problems = [status.paperOut ? t('printers.paperOut') : '', status.coverOpen ? t('printers.coverOpen') : ''].filter(Boolean);
  return problems.length > 0 ? problems.join(', ') : t('printers.ready', { message: status.message });
}

/** Asks the agent how a saved printer is doing; shows the answer (or why there is none) in place. */
export function PrinterStatusReadout({ api, printerId, index, saved }: { api: KitchenApi; printerId: string; index: number; saved: boolean }) {
  const { t } = useTranslation('settings');
  const [text, setText] = useState<string>();
  const [level, setLevel] = useState<'ok' | 'problem' | 'unknown'>('unknown');

  const refresh = useCallback(() => {
    setText(t('printers.checking'));
    setLevel('unknown');
    api.printerStatus({ printerId }).then(
      (status) => {
        setText(describe(t, status));
        setLevel(status.online && !status.paperOut && !status.coverOpen ? 'ok' : 'problem');
      },
      (error: unknown) => {
        setText(toKitchenApiError(error).message);
        setLevel('problem');
      },
    );
  }, [api, printerId, t]);

  useEffect(() => {
    if (saved) refresh();
  }, [saved, refresh]);

  return (
    <div className={`printer-status printer-status-${level}`} data-testid={`printer-status-${index}`} data-level={level}>
      <span>{t('printers.status', { status: saved ? (text ?? '—') : t('printers.saveToCheck') })}</span>
      {saved ? (
        <button type="button" className="button button-small" data-testid={`printer-status-refresh-${index}`} onClick={refresh}>
          {t('printers.check')}
        </button>
      ) : null}
    </div>
  );
}
