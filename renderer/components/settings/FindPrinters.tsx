import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../../common/errors.js';
import type { FindPrintersResult, KitchenApi, LocalPrinterChoice, SystemPrintersResult } from '../../../common/kitchen-api.js';
import { toKitchenApiError } from '../../api/kitchen-api-error.js';
import { ApiErrorLine } from './ApiErrorLine.js';
import { ChoiceList, LocalPrinterLists } from './PrinterChoices.js';

interface FindPrintersProps {
  api: KitchenApi;
  /** Adds a printer row for what was found. */
  onAdd: (found: LocalPrinterChoice) => void;
  disabled: boolean;
}

/** "Find printers" on the network and "This PC's printers" (spooler, USB, serial), each addable in one click. */
export function FindPrinters({ api, onAdd, disabled }: FindPrintersProps) {
  const { t } = useTranslation('settings');
  const [range, setRange] = useState('');
  const [scan, setScan] = useState<{ busy: boolean; result?: FindPrintersResult; error?: ErrorBody }>({ busy: false });
  const [local, setLocal] = useState<{ busy: boolean; result?: SystemPrintersResult; error?: ErrorBody }>({ busy: false });

  const find = () => {
    setScan({ busy: true });
    api.findPrinters(range.trim() ? { range: range.trim() } : {}).then(
      (result) => setScan({ busy: false, result }),
      (error: unknown) => setScan({ busy: false, error: toKitchenApiError(error) }),
    );
  };
  const listLocal = () => {
    setLocal({ busy: true });
    api.systemPrinters().then(
      (result) => setLocal({ busy: false, result }),
      (error: unknown) => setLocal({ busy: false, error: toKitchenApiError(error) }),
    );
  };

  const found = scan.result?.found.map((printer) => ({ interface: printer.interface, name: [printer.maker, printer.model].filter(Boolean).join(' ') || printer.host, detail: printer.status }));
  return (
    <div className="find-printers" data-testid="find-printers">
      <div className="field-row">
        <div className="field">
          <label className="field-label" htmlFor="settings-find-range">
            {t('printers.find.rangeLabel')}
          </label>
          <input id="settings-find-range" className="input" data-testid="find-printers-range" value={range} spellCheck={false} onChange={(event) => setRange(event.target.value)} />
          <p className="field-hint">{t('printers.find.rangeHint')}</p>
        </div>
      </div>
      <div className="section-actions">
        <button type="button" className="button" data-testid="find-printers-scan" disabled={scan.busy} onClick={find}>
          {scan.busy ? t('printers.find.scanning') : t('printers.find.scan')}
        </button>
        <button type="button" className="button" data-testid="find-printers-local" disabled={local.busy} onClick={listLocal}>
          {local.busy ? t('printers.find.scanning') : t('printers.find.thisPc')}
        </button>
      </div>
      {scan.error ? <ApiErrorLine error={scan.error} testId="find-printers-error" /> : null}
      {scan.result && found ? (
        <>
          <p className="field-hint" data-testid="find-printers-summary">
            {found.length === 0 ? t('printers.find.nothing', { scanned: scan.result.scanned }) : t('printers.find.found', { found: found.length, scanned: scan.result.scanned })}
          </p>
          {found.length > 0 ? <ChoiceList title={t('printers.find.scan')} choices={found} onAdd={onAdd} testId="find-printers-found" disabled={disabled} /> : null}
        </>
      ) : null}
      {local.error ? <ApiErrorLine error={local.error} /> : null}
      {local.result ? <LocalPrinterLists result={local.result} onAdd={onAdd} disabled={disabled} /> : null}
    </div>
  );
}
