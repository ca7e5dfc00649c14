import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { KitchenApi } from '../../../common/kitchen-api.js';
import { CHARACTER_SETS, DRAWER_MODES, PRINTER_TYPES, TEXT_MODES } from '../../../common/settings.js';
import { toKitchenApiError } from '../../api/kitchen-api-error.js';
import type { FieldErrors } from '../../settings/field-errors.js';
import type { PrinterForm } from '../../settings/settings-form.js';
import { CheckboxField, SelectField, TextField } from './fields.js';
import { PrinterLogoField } from './PrinterLogoField.js';
import { PrinterStatusReadout } from './PrinterStatusReadout.js';

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
  const { t } = useTranslation('settings');
  const [testResult, setTestResult] = useState<{ ok: boolean; message: string }>();
  const [drawerResult, setDrawerResult] = useState<{ ok: boolean; message: string }>();
  const path = (field: string) => `printers.${index}.${field}`;
  const characterSetLabels = Object.fromEntries(CHARACTER_SETS.map((set) => [set, t(`printers.characterSets.${set}`)]));
  const textModeLabels = Object.fromEntries(TEXT_MODES.map((mode) => [mode, t(`printers.textModes.${mode}`)]));
  const drawerLabels = Object.fromEntries(DRAWER_MODES.map((mode) => [mode, t(`printers.drawerModes.${mode}`)]));
  const error = (field: string) => errors[path(field)];

  const testPrint = () => {
    setTestResult({ ok: true, message: t('printers.printing') });
    api.testPrint({ printerId: printer.id.trim() }).then(setTestResult, (failure: unknown) => setTestResult({ ok: false, message: toKitchenApiError(failure).message }));
  };

  const openDrawer = () => {
    setDrawerResult({ ok: true, message: t('printers.opening') });
    api.openDrawer({ printerId: printer.id.trim() }).then(setDrawerResult, (failure: unknown) => setDrawerResult({ ok: false, message: toKitchenApiError(failure).message }));
  };

  return (
    <fieldset className="printer" data-testid={`printer-${index}`}>
      <legend className="printer-legend">{printer.name || printer.id || t('printers.legend', { number: index + 1 })}</legend>
      <div className="field-row">
        <TextField path={path('id')} label={t('printers.id')} value={printer.id} error={error('id')} onChange={(id) => onChange({ id })} hint={t('printers.idHint')} />
        <TextField path={path('name')} label={t('printers.name')} value={printer.name} error={error('name')} onChange={(name) => onChange({ name })} />
      </div>
      <div className="field-row">
        <SelectField path={path('type')} label={t('printers.type')} value={printer.type} options={PRINTER_TYPES} error={error('type')} onChange={(type) => onChange({ type })} />
        <TextField path={path('interface')} label={t('printers.interface')} value={printer.interface} error={error('interface')} onChange={(value) => onChange({ interface: value })} hint={t('printers.interfaceHint')} />
      </div>
      <div className="field-row">
        <SelectField path={path('width')} label={t('printers.width')} value={printer.width} options={['58', '80'] as const} error={error('width')} onChange={(width) => onChange({ width })} />
        <SelectField path={path('characterSet')} label={t('printers.characterSet')} value={printer.characterSet} options={CHARACTER_SETS} labels={characterSetLabels} error={error('characterSet')} onChange={(characterSet) => onChange({ characterSet })} />
      </div>
      <div className="field-row">
        <SelectField path={path('textMode')} label={t('printers.textMode')} value={printer.textMode} options={TEXT_MODES} labels={textModeLabels} error={error('textMode')} onChange={(textMode) => onChange({ textMode })} hint={t('printers.textModeHint')} />
        <SelectField path={path('drawer')} label={t('printers.drawer')} value={printer.drawer} options={DRAWER_MODES} labels={drawerLabels} error={error('drawer')} onChange={(drawer) => onChange({ drawer })} />
      </div>
      <PrinterLogoField api={api} index={index} logo={printer.logo} width={printer.width} onChange={(logo) => onChange({ logo })} />
      <div className="field-row">
        <TextField path={path('stations')} label={t('printers.stations')} value={printer.stations} error={error('stations')} onChange={(stations) => onChange({ stations })} hint={t('printers.stationsHint')} />
        <TextField path={path('copies')} label={t('printers.copies')} type="number" inputMode="numeric" value={printer.copies} error={error('copies')} onChange={(copies) => onChange({ copies })} hint={t('copiesHint')} />
      </div>
      <div className="field-row">
        <CheckboxField path={path('buzzer')} label={t('printers.buzzer')} checked={printer.buzzer} error={error('buzzer')} onChange={(buzzer) => onChange({ buzzer })} />
        <CheckboxField path={path('cut')} label={t('printers.cut')} checked={printer.cut} error={error('cut')} onChange={(cut) => onChange({ cut })} />
      </div>
      <PrinterStatusReadout api={api} printerId={printer.id.trim()} index={index} saved={saved} />
      <div className="section-actions">
        <button type="button" className="button" data-testid={`printer-test-${index}`} disabled={!saved} onClick={testPrint} title={saved ? undefined : t('printers.saveFirst')}>
          {t('printers.testPrint')}
        </button>
        <button type="button" className="button" data-testid={`printer-drawer-${index}`} disabled={!saved} onClick={openDrawer} title={saved ? undefined : t('printers.saveFirst')}>
          {t('printers.openDrawer')}
        </button>
        <button type="button" className="button button-danger" data-testid={`printer-remove-${index}`} onClick={onRemove}>
          {t('printers.remove')}
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
