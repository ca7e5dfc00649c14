import { useTranslation } from 'react-i18next';
import type { KitchenApi } from '../../../common/kitchen-api.js';
import type { FieldErrors } from '../../settings/field-errors.js';
import { blankPrinter, foundPrinter, type PrinterForm } from '../../settings/settings-form.js';
import { FindPrinters } from './FindPrinters.js';
import { PrinterEditor } from './PrinterEditor.js';

interface PrintersSectionProps {
  api: KitchenApi;
  printers: PrinterForm[];
  /** Printer ids as the agent has them saved. */
  savedIds: ReadonlySet<string>;
  errors: FieldErrors;
  onChange: (printers: PrinterForm[]) => void;
}

export function PrintersSection({ api, printers, savedIds, errors, onChange }: PrintersSectionProps) {
  const { t } = useTranslation('settings');
  const update = (index: number, changes: Partial<PrinterForm>) => onChange(printers.map((printer, i) => (i === index ? { ...printer, ...changes } : printer)));
  return (
    <section className="settings-section settings-printers" aria-labelledby="settings-printers">
      <h2 id="settings-printers" className="section-title">
        {t('printers.title')}
      </h2>
      {errors.printers ? (
        <p className="field-error" data-testid="settings-error-printers" role="alert">
          {errors.printers}
        </p>
      ) : null}
      {printers.length === 0 ? <p className="field-hint">{t('printers.none')}</p> : null}
      {printers.map((printer, index) => (
        <PrinterEditor
          key={printer.rowKey}
          api={api}
          printer={printer}
          index={index}
          errors={errors}
          saved={savedIds.has(printer.id.trim())}
          onChange={(changes) => update(index, changes)}
          onRemove={() => onChange(printers.filter((_, i) => i !== index))}
        />
      ))}
      <button type="button" className="button" data-testid="printer-add" disabled={printers.length >= 16} onClick={() => onChange([...printers, blankPrinter(printers.map((p) => p.id))])}>
        {t('printers.add')}
      </button>
      <FindPrinters api={api} disabled={printers.length >= 16} onAdd={(found) => onChange([...printers, foundPrinter(printers.map((p) => p.id), found)])} />
    </section>
  );
}
