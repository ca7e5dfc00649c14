import { useState } from 'react';
import type { SourcePrinter } from '../../../common/connector-check.js';
import type { KitchenApi } from '../../../common/kitchen-api.js';
import { backendOrigin, sameBackendOrigin } from '../../../common/settings.js';
import { fieldErrorsFromDetails, type FieldErrors } from '../../settings/field-errors.js';
import type { PrinterForm } from '../../settings/settings-form.js';
import type { TableTrackForm, TlsChoice } from '../../settings/tabletrack-form.js';
import { Notice, SecretField, SelectField, TextField } from './fields.js';

const TLS_CHOICES: readonly TlsChoice[] = ['default', 'on', 'off'];
const TLS_LABELS: Record<TlsChoice, string> = { default: 'TLS (as Pusher’s hosted service)', on: 'TLS', off: 'no TLS (ws://)' };

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
    [FIRST_PRINTER]: `first printer${props.printers[0] ? ` (${props.printers[0].name || props.printers[0].id})` : ''}`,
    ...Object.fromEntries(props.printers.map((printer) => [printer.id, printer.name || printer.id])),
  };

  return (
    <section className="settings-section" aria-labelledby="settings-tabletrack">
      <h2 id="settings-tabletrack" className="section-title">
        TableTrack
      </h2>
      {forgetsKey ? (
        <Notice testId="settings-notice-tabletrack.key">
          Saving a new site URL forgets the saved TableTrack key, which belongs to {backendOrigin(props.savedBackendUrl) ?? props.savedBackendUrl}. Enter the key for the new site below.
        </Notice>
      ) : null}
      <SecretField
        path="tabletrack.key"
        label="TableTrack key"
        value={tabletrack.key}
        set={tabletrack.keySet}
        error={errors['tabletrack.key']}
        onChange={(key) => onChange({ key })}
        hint="The branch's desktop-application key (X-TABLETRACK-KEY). Write-only: leave empty to keep the stored key (for the same site)."
        stateLabel="Key"
        stateTestId="settings-tabletrack-key-state"
      />
      <div className="field-row">
        <TextField
          path="tabletrack.pusherHost"
          label="Pusher host"
          value={tabletrack.pusherHost}
          error={errors['tabletrack.pusherHost']}
          onChange={(pusherHost) => onChange({ pusherHost })}
          hint="Only for a self-hosted Pusher-compatible server (soketi, Reverb): TableTrack names a cluster, never a host"
        />
        <TextField path="tabletrack.pusherPort" label="Pusher port" type="number" inputMode="numeric" value={tabletrack.pusherPort} error={errors['tabletrack.pusherPort']} onChange={(pusherPort) => onChange({ pusherPort })} hint="1–65535" />
      </div>
      <SelectField path="tabletrack.pusherTLS" label="Pusher TLS" value={tabletrack.pusherTLS} options={TLS_CHOICES} labels={TLS_LABELS} error={errors['tabletrack.pusherTLS']} onChange={(pusherTLS) => onChange({ pusherTLS })} />

      <h3 className="subsection-title">Printers</h3>
      <div className="section-actions">
        <button type="button" className="button" data-testid="tabletrack-load-printers" disabled={loading} onClick={() => void loadPrinters()}>
          {loading ? 'Loading…' : 'List TableTrack’s printers'}
        </button>
        <span className="hint-inline">with the saved URL and key</span>
      </div>
      {problem ? (
        <p className="test-result test-failed" role="alert" data-testid="tabletrack-printers-problem">
          {problem}
        </p>
      ) : null}
      {props.sourcePrinters?.length === 0 ? <p className="field-hint">TableTrack has no printers for this branch: every job goes to the first printer.</p> : null}
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
