import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KitchenApi } from '../../../common/kitchen-api.js';
import { hostedPusherBinding, type RedactedSettings } from '../../../common/settings.js';
import { KitchenApiError } from '../../api/kitchen-api-error.js';
import { fieldErrorsFromDetails, FORM_LEVEL, type FieldErrors } from '../../settings/field-errors.js';
import type { ConnectorCatalogEntry } from '../../../common/connector-catalog.js';
import { declaredStateFromSettings } from '../../settings/declared-form.js';
import { buildSettingsPatch, formFromSettings, withStoredHostedPusher, withStoredRealtime, type FormRefusals, type SettingsForm } from '../../settings/settings-form.js';
import { setZodLanguage } from '../../settings/zod-language.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { ConnectionSection } from './ConnectionSection.js';
import { ConnectorSection } from './ConnectorSection.js';
import { DeclaredSection } from './DeclaredSection.js';
import { TableTrackSection } from './TableTrackSection.js';
import type { SourcePrinter } from '../../../common/connector-check.js';
import type { TestConnectionResult } from '../../../common/kitchen-api.js';
import { DisplaySection } from './DisplaySection.js';
import { KeyMapSection } from './KeyMapSection.js';
import { HostedBackendSection } from './HostedBackendSection.js';
import { IngestSection } from './IngestSection.js';
import { PrintersSection } from './PrintersSection.js';
import { RealtimeSection } from './RealtimeSection.js';
import { SoundSection } from './SoundSection.js';
import { PinSection } from './PinSection.js';
import { PinGate } from '../pin/PinGate.js';

/** A connector the agent does not describe: shown with the backend URL, token and realtime settings it always had. */
function undescribedConnector(name: string): ConnectorCatalogEntry {
  return { name, label: name, hint: '', backendUrl: { label: 'Backend URL', hint: 'http:// or https:// address of the backend' }, agentToken: true, realtime: true };
}

/** Refusals the agent sends back for a settings patch it will not store. */
const SERVER_VALIDATION_CODES = new Set(['VALIDATION_FAILED', 'SETTINGS_INVALID']);

interface SettingsScreenProps {
  api: KitchenApi;
  onSaved: (settings: RedactedSettings) => void;
  onError: (error: unknown) => void;
}

/** The errors left once those whose path `cleared` picks are gone. */
const clearErrors = (errors: FieldErrors, cleared: (path: string) => boolean): FieldErrors =>
  Object.fromEntries(Object.entries(errors).filter(([path]) => !cleared(path)));

/** Settings, behind the settings PIN when one is set (PinGate): the agent refuses them otherwise. */
export function SettingsScreen(props: SettingsScreenProps) {
  return (
    <PinGate api={props.api}>
      <StoredSettings {...props} />
    </PinGate>
  );
}

/** Loads what the agent stored (once unlocked), then the editor. */
function StoredSettings(props: SettingsScreenProps) {
  const { t } = useTranslation('settings');
  const { api, onError } = props;
  const [settings, setSettings] = useState<RedactedSettings>();
  useEffect(() => {
    let current = true;
    api.getSettings().then((stored) => current && setSettings(stored), onError);
    return () => {
      current = false;
    };
  }, [api, onError]);
  if (!settings) return <p className="screen-loading">{t('loading')}</p>;
  // The editor starts from what the agent actually stored, so it mounts only once that is known;
  // what a save stores becomes what the screen shows (and the board's view of it).
  const saved = (next: RedactedSettings) => {
    setSettings(next);
    props.onSaved(next);
  };
  return <SettingsEditor {...props} settings={settings} onSaved={saved} />;
}

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'refused'; message: string };

function SettingsEditor({ api, settings, onSaved, onError }: SettingsScreenProps & { settings: RedactedSettings }) {
  const { t } = useTranslation('settings');
  const language = useLanguage();
  const refusals: FormRefusals = { required: t('refusals.required'), notNumber: t('refusals.notNumber'), duplicateId: t('refusals.duplicateId'), secretRequired: t('refusals.secretRequired'), duplicateKey: t('keyMap.duplicate'), reservedKey: t('keyMap.reserved') };
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [pinSet, setPinSet] = useState(settings.pinSet);
  /** TableTrack's printers, once Test connection or the printer map listed them. */
  const [sourcePrinters, setSourcePrinters] = useState<readonly SourcePrinter[]>();
  const savedIds = useMemo(() => new Set(settings.printers.map((printer) => printer.id)), [settings.printers]);

  /** Applies an edit and forgets the refusals of the fields it touched. */
  const edit = (next: SettingsForm, touchedPrefix: string) => {
    setForm(next);
    setStatus({ kind: 'idle' });
    setErrors((current) => clearErrors(current, (path) => path.startsWith(touchedPrefix) || path === FORM_LEVEL));
  };

  /** A refusal of the agent's: field by field when it names fields. */
  const refused = (error: unknown) => {
    if (error instanceof KitchenApiError && SERVER_VALIDATION_CODES.has(error.code)) {
      const fieldErrors = fieldErrorsFromDetails(error.details);
      setErrors(Object.keys(fieldErrors).length > 0 ? fieldErrors : { [FORM_LEVEL]: error.message });
      setStatus({ kind: 'refused', message: t('save.notSaved', { reason: error.message }) });
      return true;
    }
    return false;
  };

  const save = async () => {
    // The shared schemas refuse in the board's language (zod's own messages).
    await setZodLanguage(language);
    const built = buildSettingsPatch(form, refusals);
    if (!built.ok) {
      setErrors(built.errors);
      setStatus({ kind: 'refused', message: t('save.fixFields') });
      return;
    }
    await saveWith(built.patch, (saved) => {
      setForm(formFromSettings(saved));
      setErrors({});
    });
  };

  /** Sends a patch; on success `apply` updates the form, on refusal the fields show why. */
  const saveWith = async (patch: Parameters<typeof api.saveSettings>[0], apply: (saved: RedactedSettings) => void) => {
    setStatus({ kind: 'saving' });
    try {
      const saved = await api.saveSettings(patch);
      apply(saved);
      setStatus({ kind: 'saved' });
      onSaved(saved);
    } catch (error) {
      if (!refused(error)) {
        setStatus({ kind: 'idle' });
        onError(error);
      }
    }
  };

  /** Removes the hosted backend's Pusher credentials alone; every other field stays as typed. */
  const useEmbeddedRelay = () =>
    saveWith({ hostedPusher: null }, (saved) => {
      setForm((current) => withStoredHostedPusher(current, saved));
      setErrors((current) => clearErrors(current, (path) => path.startsWith('hostedPusher')));
    });

  /** After a successful Test connection: the agent stored new realtime values; show (and keep) them. */
  const reloadRealtime = async (): Promise<boolean> => {
    try {
      const stored = await api.getSettings();
      setForm((current) => withStoredRealtime(current, stored));
      setErrors((current) => clearErrors(current, (path) => path.startsWith('realtime.')));
      onSaved(stored);
      return true;
    } catch (error) {
      onError(error);
      return false;
    }
  };

  /** What a Test connection found: TableTrack's printers for the map, and a refusal on its field (a wrong TableTrack key). */
  const tested = (result: TestConnectionResult) => {
    if (result.tabletrack) setSourcePrinters(result.tabletrack.printers);
    const fieldErrors = result.error ? fieldErrorsFromDetails(result.error.details) : {};
    if (Object.keys(fieldErrors).length > 0) setErrors((current) => ({ ...current, ...fieldErrors }));
  };

  /** The connector the form names, as the agent describes it (an agent too old to say: as TicketRail's). */
  const entry = form.catalog.find((candidate) => candidate.name === form.connector) ?? undescribedConnector(form.connector);
  const declared = entry.form;
  const errorCount = Object.keys(errors).length;
  return (
    <form
      className="settings"
      data-testid="settings-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <ConnectorSection connector={form.connector} running={form.runningConnector} catalog={settings.connectors} errors={errors} onChange={(connector) => edit({ ...form, connector }, 'connector')} />
      <ConnectionSection
        api={api}
        form={form}
        entry={entry}
        savedBackendUrl={settings.backendUrl}
        errors={errors}
        onChange={(changes) => edit({ ...form, ...changes }, Object.keys(changes)[0] ?? '')}
        onRealtimeStored={reloadRealtime}
        onTested={tested}
        onError={onError}
      />
      {declared ? (
        <DeclaredSection
          form={declared}
          state={form.sections[declared.key] ?? declaredStateFromSettings(declared, settings)}
          errors={errors}
          onChange={(state, touched) => edit({ ...form, sections: { ...form.sections, [declared.key]: state } }, touched)}
        />
      ) : null}
      {entry.realtime ? (
        <RealtimeSection realtime={form.realtime} errors={errors} onChange={(changes) => edit({ ...form, realtime: { ...form.realtime, ...changes } }, `realtime.${Object.keys(changes)[0] ?? ''}`)} />
      ) : null}
      {form.connector === 'tabletrack' ? (
        <TableTrackSection
          api={api}
          tabletrack={form.tabletrack}
          backendUrl={form.backendUrl}
          savedBackendUrl={settings.backendUrl}
          printers={form.printers}
          sourcePrinters={sourcePrinters}
          errors={errors}
          onChange={(changes) => edit({ ...form, tabletrack: { ...form.tabletrack, ...changes } }, `tabletrack.${Object.keys(changes)[0] ?? ''}`)}
          onSourcePrinters={setSourcePrinters}
          onFieldErrors={(fieldErrors) => setErrors((current) => ({ ...current, ...fieldErrors }))}
          onError={onError}
        />
      ) : null}
      <PrintersSection api={api} printers={form.printers} savedIds={savedIds} errors={errors} onChange={(printers) => edit({ ...form, printers }, 'printers')} />
      <IngestSection ingest={form.ingest} printers={form.printers} errors={errors} onChange={(ingest) => edit({ ...form, ingest }, 'ingest')} />
      <SoundSection sound={form.sound} errors={errors} onChange={(changes) => edit({ ...form, sound: { ...form.sound, ...changes } }, `sound.${Object.keys(changes)[0] ?? ''}`)} />
      <PinSection api={api} pinSet={pinSet} onChanged={setPinSet} />
      <DisplaySection display={form.display} errors={errors} onChange={(changes) => edit({ ...form, display: { ...form.display, ...changes } }, 'display.')} />
      <KeyMapSection keys={form.display.keys} errors={errors} onChange={(keys) => edit({ ...form, display: { ...form.display, keys } }, 'display.keys.')} />
      {settings.hostsBackend ? (
        <HostedBackendSection
          hosted={form.hostedPusher}
          stored={settings.hostedPusher !== undefined}
          storedBinding={settings.hostedPusher ? hostedPusherBinding(settings.hostedPusher) : undefined}
          errors={errors}
          busy={status.kind === 'saving'}
          onChange={(changes) => edit({ ...form, hostedPusher: { ...form.hostedPusher, ...changes, edited: true } }, 'hostedPusher')}
          onUseEmbeddedRelay={() => void useEmbeddedRelay()}
        />
      ) : null}
      <div className="settings-footer">
        <button type="submit" className="button button-primary" data-testid="settings-save" disabled={status.kind === 'saving'}>
          {status.kind === 'saving' ? t('save.saving') : t('save.save')}
        </button>
        {status.kind === 'saved' ? (
          <span className="save-status save-ok" data-testid="settings-saved" role="status">
            {t('save.saved')}
          </span>
        ) : null}
        {status.kind === 'refused' ? (
          <span className="save-status save-refused" data-testid="settings-refused" role="alert">
            {status.message} {errorCount > 0 ? t('save.fields', { count: errorCount }) : ''}
          </span>
        ) : null}
      </div>
      {errorCount > 0 ? (
        <ul className="error-summary" data-testid="settings-error-summary">
          {Object.entries(errors).map(([path, message]) => (
            <li key={path}>
              <code>{path === FORM_LEVEL ? t('save.formLevel') : path}</code>: {message}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
