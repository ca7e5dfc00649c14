import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindPrintersResult, KitchenApi, LocalPrinterChoice, SystemPrintersResult } from '../../../common/kitchen-api.js';
import { toKitchenApiError } from '../../api/kitchen-api-error.js';

interface FindPrintersProps {
  api: KitchenApi;
  /** Adds a printer row for what was found. */
  onAdd: (found: LocalPrinterChoice) => void;
  disabled: boolean;
}

function ChoiceList({ title, choices, onAdd, testId, disabled }: { title: string; choices: LocalPrinterChoice[]; onAdd: (c: LocalPrinterChoice) => void; testId: string; disabled: boolean }) {
  const { t } = useTranslation('settings');
  return (
    <div className="printer-choices" data-testid={testId}>
      <h3 className="printer-choices-title">{title}</h3>
      {choices.length === 0 ? <p className="field-hint">{t('printers.find.none')}</p> : null}
      <ul>
        {choices.map((choice) => (
          <li key={choice.interface} className="printer-choice">
            <span className="printer-choice-name">{choice.name}</span> <code>{choice.interface}</code>
            {choice.detail ? <span className="field-hint"> {choice.detail}</span> : null}
            <button type="button" className="button button-small" disabled={disabled} onClick={() => onAdd(choice)} data-testid={`add-${choice.interface}`}>
              {t('printers.find.add')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Find printers" on the network and "This PC's printers" (spooler, USB, serial), each addable in one click. */
export function FindPrinters({ api, onAdd, disabled }: FindPrintersProps) {
  const { t } = useTranslation('settings');
  const [range, setRange] = useState('');
  const [scan, setScan] = useState<{ busy: boolean; result?: FindPrintersResult; error?: string }>({ busy: false });
  const [local, setLocal] = useState<{ busy: boolean; result?: SystemPrintersResult; error?: string }>({ busy: false });

  const find = () => {
    setScan({ busy: true });
    api.findPrinters(range.trim() ? { range: range.trim() } : {}).then(
      (result) => setScan({ busy: false, result }),
      (error: unknown) => setScan({ busy: false, error: toKitchenApiError(error).message }),
    );
  };
  const listLocal = () => {
    setLocal({ busy: true });
    api.systemPrinters().then(
      (result) => setLocal({ busy: false, result }),
      (error: unknown) => setLocal({ busy: false, error: toKitchenApiError(error).message }),
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
      {scan.error ? (
        <p className="field-error" role="alert" data-testid="find-printers-error">
          {scan.error}
        </p>
      ) : null}
      {scan.result && found ? (
        <>
          <p className="field-hint" data-testid="find-printers-summary">
            {found.length === 0 ? t('printers.find.nothing', { scanned: scan.result.scanned }) : t('printers.find.found', { found: found.length, scanned: scan.result.scanned })}
          </p>
          {found.length > 0 ? <ChoiceList title={t('printers.find.scan')} choices={found} onAdd={onAdd} testId="find-printers-found" disabled={disabled} /> : null}
        </>
      ) : null}
      {local.error ? (
        <p className="field-error" role="alert">
          {local.error}
        </p>
      ) : null}
      {local.result ? (
        <div data-testid="find-printers-local-result">
          <ChoiceList title={t('printers.find.spooler')} choices={local.result.spooler} onAdd={onAdd} testId="local-spooler" disabled={disabled} />
          <ChoiceList title={t('printers.find.usb')} choices={local.result.usb} onAdd={onAdd} testId="local-usb" disabled={disabled} />
          <ChoiceList title={t('printers.find.serial')} choices={local.result.serial} onAdd={onAdd} testId="local-serial" disabled={disabled} />
          {local.result.notes.map((note) => (
            <p key={note} className="field-hint">
              {note}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
