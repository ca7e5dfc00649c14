import { useState } from 'react';
import type { ConnectorCatalogEntry } from '../../../common/connector-catalog.js';
import type { TableTrackFound } from '../../../common/connector-check.js';
import type { KitchenApi, TestConnectionResult } from '../../../common/kitchen-api.js';
import { backendOrigin, sameBackendOrigin } from '../../../common/settings.js';
import type { FieldErrors } from '../../settings/field-errors.js';
import type { SettingsForm } from '../../settings/settings-form.js';
import { Notice, SecretField, TextField } from './fields.js';

interface ConnectionSectionProps {
  api: KitchenApi;
  form: SettingsForm;
  /** The connector the form names: which of the backend URL and the agent token it uses, and what it calls the URL. */
  entry: ConnectorCatalogEntry | undefined;
  /** The backend URL the agent has stored: its token belongs to that server. */
  savedBackendUrl: string;
  errors: FieldErrors;
  onChange: (changes: Partial<Pick<SettingsForm, 'backendUrl' | 'agentToken'>>) => void;
  /**
   * A successful test: the agent has stored the realtime values it fetched from the backend. Resolves
   * once the form shows them (true), or false when they could not be read back.
   */
  onRealtimeStored: () => Promise<boolean>;
  /** Every test's answer: the screen takes TableTrack's printers and a refused field (a wrong key) from it. */
  onTested?: (result: TestConnectionResult) => void;
  onError: (error: unknown) => void;
}

/** A test's answer; `reloaded` says whether the form was refreshed with what the agent then stored. */
type TestState = { result: TestConnectionResult; reloaded: boolean | undefined };

function describeRealtime(realtime: NonNullable<TestConnectionResult['realtime']>): string {
  const where = realtime.host ? `${realtime.host}${realtime.port ? `:${realtime.port}` : ''}` : `cluster ${realtime.cluster ?? '—'}`;
  return `key ${realtime.key || '—'} · ${where} · ${realtime.useTLS ? 'TLS' : 'no TLS'} · ${realtime.embedded ? 'embedded relay' : 'external Pusher'}`;
}

/**
 * Backend URL and the agent's token (write-only) where the connector uses them, and Test
 * connection: a check of what the agent reaches with the saved settings of the connector they name.
 */
export function ConnectionSection({ api, form, entry, savedBackendUrl, errors, onChange, onRealtimeStored, onTested, onError }: ConnectionSectionProps) {
  const [tested, setTested] = useState<TestState>();
  const [testing, setTesting] = useState(false);
  // The agent forgets its token when a save moves it to another server (agent/settings/settings-service.ts): say so first.
  const forgetsToken = form.agentTokenSet && form.agentToken === '' && !sameBackendOrigin(savedBackendUrl, form.backendUrl);
  const backendUrl = entry?.backendUrl;
  const usesToken = entry?.agentToken ?? false;

  const test = async () => {
    setTesting(true);
    setTested(undefined);
    try {
      const result = await api.testConnection();
      // Only a successful test with realtime values changes what the agent stored.
      const reloaded = result.ok && result.realtime ? await onRealtimeStored() : undefined;
      setTested({ result, reloaded });
      onTested?.(result);
    } catch (error) {
      onError(error);
    } finally {
      setTesting(false);
    }
  };

  return (
    <section className="settings-section" aria-labelledby="settings-connection">
      <h2 id="settings-connection" className="section-title">
        {backendUrl ? 'Backend' : 'Connection'}
      </h2>
      {backendUrl ? (
        <TextField
          path="backendUrl"
          label={backendUrl.label}
          type="url"
          inputMode="url"
          value={form.backendUrl}
          error={errors.backendUrl}
          onChange={(url) => onChange({ backendUrl: url })}
          hint={backendUrl.hint}
        />
      ) : null}
      {forgetsToken && usesToken ? (
        <Notice testId="settings-notice-agentToken">
          Saving a new backend URL forgets the saved agent token, which belongs to {backendOrigin(savedBackendUrl) ?? savedBackendUrl}. Enter the agent token for the new backend below.
        </Notice>
      ) : null}
      {!usesToken ? null : (
        <SecretField
          path="agentToken"
          label="Agent token"
          value={form.agentToken}
          set={form.agentTokenSet}
          error={errors.agentToken}
          onChange={(agentToken) => onChange({ agentToken })}
          hint="Write-only: the stored token is never shown. Leave empty to keep it (for the same backend)."
          stateLabel="Token"
          stateTestId="settings-token-state"
        />
      )}
      <div className="section-actions">
        <button type="button" className="button" data-testid="test-connection" disabled={testing} onClick={() => void test()}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        <span className="hint-inline">tests the saved settings</span>
      </div>
      {tested ? <TestResult {...tested} /> : null}
    </section>
  );
}

/** The backend's answer to Test connection, and whether the realtime fields now show what it gave. */
function TestResult({ result, reloaded }: TestState) {
  return (
    <div className={result.ok ? 'test-result test-ok' : 'test-result test-failed'} data-testid="test-connection-result" data-ok={result.ok ? 'true' : 'false'}>
      <p>{result.message}</p>
      {result.realtime ? <p className="test-realtime">Realtime: {describeRealtime(result.realtime)}</p> : null}
      {result.tabletrack ? <TableTrackFoundLines found={result.tabletrack} /> : null}
      {reloaded === true ? (
        <p className="test-reloaded" data-testid="test-connection-reloaded">
          Stored by the agent: the realtime fields below now show these values.
        </p>
      ) : null}
      {reloaded === false ? (
        <p className="test-reloaded test-reload-failed" data-testid="test-connection-reload-failed" role="alert">
          The agent stored these realtime values, but they could not be read back: reload the page before saving, or Save will put the old ones back.
        </p>
      ) : null}
    </div>
  );
}

/** What a TableTrack install answered: Pusher on or off (channel, event, where), and its printers. */
function TableTrackFoundLines({ found }: { found: TableTrackFound }) {
  return (
    <>
      <p className="test-realtime" data-testid="test-connection-tabletrack-pusher" data-enabled={found.pusherEnabled ? 'true' : 'false'}>
        {found.pusher
          ? `Pusher on: channel ${found.pusher.channel}, event ${found.pusher.event}, key ${found.pusher.key} at ${found.pusherHost ?? `cluster ${found.pusher.cluster}`}`
          : 'Pusher off: the agent polls TableTrack every 5 s'}
      </p>
      <p className="test-realtime" data-testid="test-connection-tabletrack-printers">
        {found.printersError
          ? `Printers could not be listed: ${found.printersError}`
          : `Printers: ${found.printers.length === 0 ? 'none' : found.printers.map((printer) => `${printer.name}${printer.format ? ` (${printer.format})` : ''}`).join(', ')}`}
      </p>
    </>
  );
}
