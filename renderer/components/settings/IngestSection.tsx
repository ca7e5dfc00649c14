import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../settings/field-errors.js';
import { blankIngestPrinter, type IngestForm } from '../../settings/ingest-form.js';
import type { PrinterForm } from '../../settings/settings-form.js';
import { CheckboxField, SelectField, TextField } from './fields.js';

/** At most this many ingest printers (common/settings.ts). */
const MAX_INGEST_PRINTERS = 8;

interface IngestSectionProps {
  ingest: IngestForm[];
  /** The printers as edited now: the forward-to picker offers them. */
  printers: readonly PrinterForm[];
  errors: FieldErrors;
  onChange: (ingest: IngestForm[]) => void;
}

/**
 * Ingest printers: the agent listens as a network ESC/POS printer, so a POS that can only print
 * feeds the board (docs/ingest.md). Refusals (port in use, bad address, a LAN address without the
 * opt-in, an unknown forward printer) come back from the agent field by field, like every section's.
 */
export function IngestSection({ ingest, printers, errors, onChange }: IngestSectionProps) {
  const { t } = useTranslation('settings');
  const update = (index: number, changes: Partial<IngestForm>) => onChange(ingest.map((row, i) => (i === index ? { ...row, ...changes } : row)));
  return (
    <section className="settings-section settings-ingest" aria-labelledby="settings-ingest">
      <h2 id="settings-ingest" className="section-title">
        {t('ingest.title')}
      </h2>
      <p className="field-hint">
        {t('ingest.intro')}
      </p>
      {errors.ingest ? (
        <p className="field-error" data-testid="settings-error-ingest" role="alert">
          {errors.ingest}
        </p>
      ) : null}
      {ingest.length === 0 ? <p className="field-hint">{t('ingest.none')}</p> : null}
      {ingest.map((row, index) => (
        <IngestEditor key={row.rowKey} row={row} index={index} printers={printers} errors={errors} onChange={(changes) => update(index, changes)} onRemove={() => onChange(ingest.filter((_, i) => i !== index))} />
      ))}
      <button type="button" className="button" data-testid="ingest-add" disabled={ingest.length >= MAX_INGEST_PRINTERS} onClick={() => onChange([...ingest, blankIngestPrinter(ingest)])}>
        {t('ingest.add')}
      </button>
    </section>
  );
}

interface IngestEditorProps {
  row: IngestForm;
  index: number;
  printers: readonly PrinterForm[];
  errors: FieldErrors;
  onChange: (changes: Partial<IngestForm>) => void;
  onRemove: () => void;
}

function IngestEditor({ row, index, printers, errors, onChange, onRemove }: IngestEditorProps) {
  const { t } = useTranslation('settings');
  const path = (field: string) => `ingest.${index}.${field}`;
  const error = (field: string) => errors[path(field)];
  const ids = printers.map((printer) => printer.id.trim()).filter((id) => id !== '');
  // A value saved by name (or from --ingest) stays selectable even if no printer id matches it.
  const options = ['', ...ids, ...(row.forwardTo !== '' && !ids.includes(row.forwardTo) ? [row.forwardTo] : [])];
  const labels: Record<string, string> = { '': t('ingest.forwardNone') };
  for (const printer of printers) labels[printer.id.trim()] = printer.name ? `${printer.name} (${printer.id.trim()})` : printer.id.trim();
  return (
    <fieldset className="printer ingest-printer" data-testid={`ingest-${index}`}>
      <legend className="printer-legend">{row.name || t('ingest.legend', { number: index + 1 })}</legend>
      <div className="field-row">
        <TextField path={path('name')} label={t('ingest.name')} value={row.name} error={error('name')} onChange={(name) => onChange({ name })} hint={t('ingest.nameHint')} />
        <TextField path={path('listen')} label={t('ingest.listen')} value={row.listen} error={error('listen')} onChange={(listen) => onChange({ listen })} hint={t('ingest.listenHint')} />
      </div>
      <div className="field-row">
        <TextField path={path('station')} label={t('ingest.station')} value={row.station} error={error('station')} onChange={(station) => onChange({ station })} />
        <SelectField path={path('forwardTo')} label={t('ingest.forwardTo')} value={row.forwardTo} options={options} labels={labels} error={error('forwardTo')} onChange={(forwardTo) => onChange({ forwardTo })} hint={t('ingest.forwardToHint')} />
      </div>
      <div className="field-row">
        <CheckboxField path={path('allowLan')} label={t('ingest.allowLan')} checked={row.allowLan} error={error('allowLan')} onChange={(allowLan) => onChange({ allowLan })} />
        <TextField path={path('ticketNumberPattern')} label={t('ingest.pattern')} value={row.ticketNumberPattern} error={error('ticketNumberPattern')} onChange={(ticketNumberPattern) => onChange({ ticketNumberPattern })} hint={t('ingest.patternHint')} />
      </div>
      <div className="field-row">
        <TextField path={path('maxConnections')} label={t('ingest.maxConnections')} value={row.maxConnections} error={error('maxConnections')} onChange={(maxConnections) => onChange({ maxConnections })} hint={t('ingest.maxConnectionsHint')} />
        <TextField path={path('idleCloseSeconds')} label={t('ingest.idleClose')} value={row.idleCloseSeconds} error={error('idleCloseSeconds')} onChange={(idleCloseSeconds) => onChange({ idleCloseSeconds })} hint={t('ingest.idleCloseHint')} />
      </div>
      <div className="section-actions">
        <button type="button" className="button button-danger" data-testid={`ingest-remove-${index}`} onClick={onRemove}>
          {t('ingest.remove')}
        </button>
      </div>
    </fieldset>
  );
}
