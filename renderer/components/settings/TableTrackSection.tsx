import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { SourcePrinter } from '../../../common/connector-check.js';
import type { KitchenApi } from '../../../common/kitchen-api.js';
import { backendOrigin, sameBackendOrigin } from '../../../common/settings.js';
import { fieldErrorsFromDetails, type FieldErrors } from '../../settings/field-errors.js';
import type { PrinterForm } from '../../settings/settings-form.js';
import type { TableTrackForm, TlsChoice } from '../../settings/tabletrack-form.js';
import { Notice, SecretField, SelectField, TextField } from './fields.js';

const TLS_CHOICES: readonly TlsChoice[] = ['default', 'on', 'off'];

/** The "default printer" choice of the printer map: no entry, the job goes to the first local printer. */
const FIRST_PRINTER = '';

interface TableTrackSectionProps {
  api: KitchenApi;
  tabletrack: TableTrackForm;
  backendUrl: string;
  /** The URL the agent has stored: the saved key belongs to that site. */
  savedBackendUrl: string;
  printers: readonly PrinterForm[];
  /** TableTrack's printers, once listed (here or by Test connection). */
  sourcePrinters: readonly SourcePrinter[] | undefined;
  errors: FieldErrors;
  onChange: (changes: Partial<TableTrackForm>) => void;
  onSourcePrinters: (printers: readonly SourcePrinter[]) => void;
  onFieldErrors: (errors: FieldErrors) => void;
  onError: (error: unknown) => void;
}

/** The TableTrack connector: the branch key (write-only), a Pusher host override, and TableTrack's printers mapped to local ones. */
export function TableTrackSection(props: TableTrackSectionProps) {
  const { api, tabletrack, errors, onChange } = props;
  const { t } = useTranslation('settings');
  const tlsLabels = Object.fromEntries(TLS_CHOICES.map((choice) => [choice, t(`tabletrack.tls.${choice}`)])) as Record<TlsChoice, string>;
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string>();
  // The agent forgets the key when a save moves it to another site (agent/settings/settings-service.ts): say so first.
  const forgetsKey = tabletrack.keySet && tabletrack.key === '' && !sameBackendOrigin(props.savedBackendUrl, props.backendUrl);

  const loadPrinters = async () => {
    setLoading(true);
    setProblem(undefined);
    try {
      const result = await api.tabletrackPrinters();
      if (result.ok) {
        props.onSourcePrinters(result.printers);
      } else {
        setProblem(result.error.message);
        props.onFieldErrors(fieldErrorsFromDetails(result.error.details));
      }
    } catch (error) {
      props.onError(error);
    } finally {
      setLoading(false);
    }
  };

  const localOptions = [FIRST_PRINTER, ...props.printers.map((printer) => printer.id)];
  const localLabels: Record<string, string> = {
    [FIRST_PRINTER]: props.printers[0] ? t('tabletrack.firstPrinterNamed', { name: props.printers[0].name || props.printers[0].id }) : t('tabletrack.firstPrinter'),
    ...Object.fromEntries(props.printers.map((printer) => [printer.id, printer.name || printer.id])),
  };

  return (
    <section className="settings-section" aria-labelledby="settings-tabletrack">
      <h2 id="settings-tabletrack" className="section-title">
        {t('tabletrack.title')}
      </h2>
      {forgetsKey ? (
        <Notice testId="settings-notice-tabletrack.key">
          {t('tabletrack.forgetsKey', { origin: backendOrigin(props.savedBackendUrl) ?? props.savedBackendUrl })}
        </Notice>
      ) : null}
      <SecretField
        path="tabletrack.key"
        label={t('tabletrack.key')}
        value={tabletrack.key}
        set={tabletrack.keySet}
        error={errors['tabletrack.key']}
        onChange={(key) => onChange({ key })}
        hint={t('tabletrack.keyHint')}
        stateLabel={t('tabletrack.keyState')}
        stateTestId="settings-tabletrack-key-state"
      />
      <div className="field-row">
        <TextField
          path="tabletrack.pusherHost"
          label={t('tabletrack.pusherHost')}
          value={tabletrack.pusherHost}
          error={errors['tabletrack.pusherHost']}
          onChange={(pusherHost) => onChange({ pusherHost })}
          hint={t('tabletrack.pusherHostHint')}
        />
        <TextField path="tabletrack.pusherPort" label={t('tabletrack.pusherPort')} type="number" inputMode="numeric" value={tabletrack.pusherPort} error={errors['tabletrack.pusherPort']} onChange={(pusherPort) => onChange({ pusherPort })} hint={t('portHint')} />
      </div>
      <SelectField path="tabletrack.pusherTLS" label={t('tabletrack.pusherTls')} value={tabletrack.pusherTLS} options={TLS_CHOICES} labels={tlsLabels} error={errors['tabletrack.pusherTLS']} onChange={(pusherTLS) => onChange({ pusherTLS })} />

      <h3 className="subsection-title">{t('tabletrack.printers')}</h3>
      <div className="section-actions">
        <button type="button" className="button" data-testid="tabletrack-load-printers" disabled={loading} onClick={() => void loadPrinters()}>
          {loading ? t('tabletrack.loading') : t('tabletrack.loadPrinters')}
        </button>
        <span className="hint-inline">{t('tabletrack.loadHint')}</span>
      </div>
      {problem ? (
        <p className="test-result test-failed" role="alert" data-testid="tabletrack-printers-problem">
          {problem}
        </p>
      ) : null}
      {props.sourcePrinters?.length === 0 ? <p className="field-hint">{t('tabletrack.noPrinters')}</p> : null}
      {props.sourcePrinters?.map((printer) => (
        <SelectField
          key={printer.id}
          path={`tabletrack.printerMap.${printer.id}`}
          label={`${printer.name}${printer.format ? ` · ${printer.format}` : ''}`}
          value={tabletrack.printerMap[printer.id] ?? FIRST_PRINTER}
          options={localOptions}
          labels={localLabels}
          error={errors[`tabletrack.printerMap.${printer.id}`]}
          onChange={(local) => onChange({ printerMap: { ...tabletrack.printerMap, [printer.id]: local } })}
        />
      ))}
    </section>
  );
}
