import { useState } from 'react';
import type { FindPrintersResult, KitchenApi, LocalPrinterChoice, SystemPrintersResult } from '../../../common/kitchen-api.js';
import { toKitchenApiError } from '../../api/kitchen-api-error.js';
import { PRINTER_WORDS as W } from './printer-words.js';

interface FindPrintersProps {
  api: KitchenApi;
  /** Adds a printer row for what was found. */
  onAdd: (found: LocalPrinterChoice) => void;
  disabled: boolean;
}

function ChoiceList({ title, choices, onAdd, testId, disabled }: { title: string; choices: LocalPrinterChoice[]; onAdd: (c: LocalPrinterChoice) => void; testId: string; disabled: boolean }) {
  return (
    <div className="printer-choices" data-testid={testId}>
      <h3 className="printer-choices-title">{title}</h3>
      {choices.length === 0 ? <p className="field-hint">{W.noneOfKind}</p> : null}
      <ul>
        {choices.map((choice) => (
          <li key={choice.interface} className="printer-choice">
            <span className="printer-choice-name">{choice.name}</span> <code>{choice.interface}</code>
            {choice.detail ? <span className="field-hint"> {choice.detail}</span> : null}
            <button type="button" className="button button-small" disabled={disabled} onClick={() => onAdd(choice)} data-testid={`add-${choice.interface}`}>
              {W.add}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Find printers" on the network and "This PC's printers" (spooler, USB, serial), each addable in one click. */
export function FindPrinters({ api, onAdd, disabled }: FindPrintersProps) {
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
            {W.rangeLabel}
          </label>
          <input id="settings-find-range" className="input" data-testid="find-printers-range" value={range} spellCheck={false} onChange={(event) => setRange(event.target.value)} />
          <p className="field-hint">{W.rangeHint}</p>
        </div>
      </div>
      <div className="section-actions">
        <button type="button" className="button" data-testid="find-printers-scan" disabled={scan.busy} onClick={find}>
          {scan.busy ? W.finding : W.findPrinters}
        </button>
        <button type="button" className="button" data-testid="find-printers-local" disabled={local.busy} onClick={listLocal}>
          {local.busy ? W.listing : W.thisPc}
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
            {found.length === 0 ? W.nothingFound(scan.result.scanned) : W.foundCount(found.length, scan.result.scanned)}
          </p>
          {found.length > 0 ? <ChoiceList title={W.findPrinters} choices={found} onAdd={onAdd} testId="find-printers-found" disabled={disabled} /> : null}
        </>
      ) : null}
      {local.error ? (
        <p className="field-error" role="alert">
          {local.error}
        </p>
      ) : null}
      {local.result ? (
        <div data-testid="find-printers-local-result">
          <ChoiceList title={W.spooler} choices={local.result.spooler} onAdd={onAdd} testId="local-spooler" disabled={disabled} />
          <ChoiceList title={W.usb} choices={local.result.usb} onAdd={onAdd} testId="local-usb" disabled={disabled} />
          <ChoiceList title={W.serial} choices={local.result.serial} onAdd={onAdd} testId="local-serial" disabled={disabled} />
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
