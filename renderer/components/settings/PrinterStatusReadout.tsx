import { useCallback, useEffect, useState } from 'react';
import type { KitchenApi, PrinterStatus } from '../../../common/kitchen-api.js';
import { toKitchenApiError } from '../../api/kitchen-api-error.js';

function describe(status: PrinterStatus): string {
  if (!status.online) return `offline — ${status.message}`;
  const problems = [status.paperOut ? 'out of paper' : '', status.coverOpen ? 'cover open' : ''].filter(Boolean);
  return problems.length > 0 ? problems.join(', ') : `ready — ${status.message}`;
}

/** Asks the agent how a saved printer is doing; shows the answer (or why there is none) in place. */
export function PrinterStatusReadout({ api, printerId, index, saved }: { api: KitchenApi; printerId: string; index: number; saved: boolean }) {
  const [text, setText] = useState<string>();
  const [level, setLevel] = useState<'ok' | 'problem' | 'unknown'>('unknown');

  const refresh = useCallback(() => {
    setText('checking…');
    setLevel('unknown');
    api.printerStatus({ printerId }).then(
      (status) => {
        setText(describe(status));
        setLevel(status.online && !status.paperOut && !status.coverOpen ? 'ok' : 'problem');
      },
      (error: unknown) => {
        setText(toKitchenApiError(error).message);
        setLevel('problem');
      },
    );
  }, [api, printerId]);

  useEffect(() => {
    if (saved) refresh();
  }, [saved, refresh]);

  return (
    <div className={`printer-status printer-status-${level}`} data-testid={`printer-status-${index}`} data-level={level}>
      <span>Status: {saved ? (text ?? '—') : 'save this printer to check it'}</span>
      {saved ? (
        <button type="button" className="button button-small" data-testid={`printer-status-refresh-${index}`} onClick={refresh}>
          Check
        </button>
      ) : null}
    </div>
  );
}
