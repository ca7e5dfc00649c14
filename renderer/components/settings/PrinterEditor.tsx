import { useState } from 'react';
import type { KitchenApi } from '../../../common/kitchen-api.js';
import { CHARACTER_SET_LABELS, CHARACTER_SETS, DRAWER_MODES, PRINTER_TYPES, TEXT_MODES } from '../../../common/settings.js';
import { toKitchenApiError } from '../../api/kitchen-api-error.js';
import type { FieldErrors } from '../../settings/field-errors.js';
import type { PrinterForm } from '../../settings/settings-form.js';
import { CheckboxField, SelectField, TextField } from './fields.js';
import { PrinterLogoField } from './PrinterLogoField.js';
import { PrinterStatusReadout } from './PrinterStatusReadout.js';
import { DRAWER_LABELS, PRINTER_WORDS as W, TEXT_MODE_LABELS } from './printer-words.js';

interface PrinterEditorProps {
  api: KitchenApi;
  printer: PrinterForm;
  index: number;
  errors: FieldErrors;
  /** True when the agent already knows this printer id (test print and status need that). */
  saved: boolean;
  onChange: (changes: Partial<PrinterForm>) => void;
  onRemove: () => void;
}

export function PrinterEditor({ api, printer, index, errors, saved, onChange, onRemove }: PrinterEditorProps) {
  const [testResult, setTestResult] = useState<{ ok: boolean; message: string }>();
  const [drawerResult, setDrawerResult] = useState<{ ok: boolean; message: string }>();
  const path = (field: string) => `printers.${index}.${field}`;
  const error = (field: string) => errors[path(field)];

  const testPrint = () => {
    setTestResult({ ok: true, message: 'printing…' });
    api.testPrint({ printerId: printer.id.trim() }).then(setTestResult, (failure: unknown) => setTestResult({ ok: false, message: toKitchenApiError(failure).message }));
  };

  const openDrawer = () => {
    setDrawerResult({ ok: true, message: W.opening });
    api.openDrawer({ printerId: printer.id.trim() }).then(setDrawerResult, (failure: unknown) => setDrawerResult({ ok: false, message: toKitchenApiError(failure).message }));
  };

  return (
    <fieldset className="printer" data-testid={`printer-${index}`}>
      <legend className="printer-legend">{printer.name || printer.id || `Printer ${index + 1}`}</legend>
      <div className="field-row">
        <TextField path={path('id')} label="Id" value={printer.id} error={error('id')} onChange={(id) => onChange({ id })} hint="lower-case letters, digits, -" />
        <TextField path={path('name')} label="Name" value={printer.name} error={error('name')} onChange={(name) => onChange({ name })} />
      </div>
      <div className="field-row">
        <SelectField path={path('type')} label="Type" value={printer.type} options={PRINTER_TYPES} error={error('type')} onChange={(type) => onChange({ type })} />
        <TextField path={path('interface')} label="Interface" value={printer.interface} error={error('interface')} onChange={(value) => onChange({ interface: value })} hint={W.interfaceHint} />
      </div>
      <div className="field-row">
        <SelectField path={path('width')} label="Paper width (mm)" value={printer.width} options={['58', '80'] as const} error={error('width')} onChange={(width) => onChange({ width })} />
        <SelectField path={path('characterSet')} label="Character set" value={printer.characterSet} options={CHARACTER_SETS} labels={CHARACTER_SET_LABELS} error={error('characterSet')} onChange={(characterSet) => onChange({ characterSet })} />
      </div>
      <div className="field-row">
        <SelectField path={path('textMode')} label={W.textMode} value={printer.textMode} options={TEXT_MODES} labels={TEXT_MODE_LABELS} error={error('textMode')} onChange={(textMode) => onChange({ textMode })} hint={W.textModeHint} />
        <SelectField path={path('drawer')} label={W.drawer} value={printer.drawer} options={DRAWER_MODES} labels={DRAWER_LABELS} error={error('drawer')} onChange={(drawer) => onChange({ drawer })} />
      </div>
      <PrinterLogoField api={api} index={index} logo={printer.logo} width={printer.width} onChange={(logo) => onChange({ logo })} />
      <div className="field-row">
        <TextField path={path('stations')} label="Stations" value={printer.stations} error={error('stations')} onChange={(stations) => onChange({ stations })} hint="Comma-separated, at least one" />
        <TextField path={path('copies')} label="Copies" type="number" inputMode="numeric" value={printer.copies} error={error('copies')} onChange={(copies) => onChange({ copies })} hint="1–5" />
      </div>
      <div className="field-row">
        <CheckboxField path={path('buzzer')} label="Buzzer" checked={printer.buzzer} error={error('buzzer')} onChange={(buzzer) => onChange({ buzzer })} />
        <CheckboxField path={path('cut')} label="Cut paper" checked={printer.cut} error={error('cut')} onChange={(cut) => onChange({ cut })} />
      </div>
      <PrinterStatusReadout api={api} printerId={printer.id.trim()} index={index} saved={saved} />
      <div className="section-actions">
        <button type="button" className="button" data-testid={`printer-test-${index}`} disabled={!saved} onClick={testPrint} title={saved ? undefined : 'Save first'}>
          Test print
        </button>
        <button type="button" className="button" data-testid={`printer-drawer-${index}`} disabled={!saved} onClick={openDrawer} title={saved ? undefined : W.saveFirst}>
          {W.openDrawer}
        </button>
        <button type="button" className="button button-danger" data-testid={`printer-remove-${index}`} onClick={onRemove}>
          Remove
        </button>
      </div>
      {drawerResult ? (
        <p className={drawerResult.ok ? 'test-result test-ok' : 'test-result test-failed'} data-testid={`printer-drawer-result-${index}`}>
          {drawerResult.message}
        </p>
      ) : null}
      {testResult ? (
        <p className={testResult.ok ? 'test-result test-ok' : 'test-result test-failed'} data-testid={`printer-test-result-${index}`}>
          {testResult.message}
        </p>
      ) : null}
    </fieldset>
  );
}
