import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { ConnectorCatalogEntry } from '../../../common/connector-catalog.js';
import type { TableTrackFound } from '../../../common/connector-check.js';
import type { TFunction } from 'i18next';
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

function describeRealtime(t: TFunction<'settings'>, realtime: NonNullable<TestConnectionResult['realtime']>): string {
  const where = realtime.host ? `${realtime.host}${realtime.port ? `:${realtime.port}` : ''}` : t('backend.realtimeCluster', { cluster: realtime.cluster ?? '—' });
  return [
    t('backend.realtimeKey', { key: realtime.key || '—' }),
    where,
    realtime.useTLS ? t('backend.tls') : t('backend.noTls'),
    realtime.embedded ? t('backend.embedded') : t('backend.external'),
  ].join(' · ');
}

/**
 * Backend URL and the agent's token (write-only) where the connector uses them, and Test
 * connection: a check of what the agent reaches with the saved settings of the connector they name.
 */
export function ConnectionSection({ api, form, entry, savedBackendUrl, errors, onChange, onRealtimeStored, onTested, onError }: ConnectionSectionProps) {
  const { t } = useTranslation('settings');
  const [tested, setTested] = useState<TestState>();
  const [testing, setTesting] = useState(false);
  // The agent forgets its token when a save moves it to another server (agent/settings/settings-service.ts): say so first.
  const forgetsToken = form.agentTokenSet && form.agentToken === '' && !sameBackendOrigin(savedBackendUrl, form.backendUrl);
  const backendUrl = entry?.backendUrl;
  const usesToken = entry?.agentToken ?? false;
  // The board's own words for the URL of the connectors it has words for; others as the agent describes them.
  const urlWords = (
    {
      ticketrail: { label: t('backend.url'), hint: t('backend.urlHint') },
      tabletrack: { label: t('backend.siteUrl'), hint: t('backend.siteUrlHint') },
    } as Readonly<Record<string, { label: string; hint: string }>>
  )[form.connector];

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
        {backendUrl ? t('backend.title') : t('backend.connectionTitle')}
      </h2>
      {backendUrl ? (
        <TextField
          path="backendUrl"
          label={urlWords?.label ?? backendUrl.label}
          type="url"
          inputMode="url"
          value={form.backendUrl}
          error={errors.backendUrl}
          onChange={(url) => onChange({ backendUrl: url })}
          hint={urlWords?.hint ?? backendUrl.hint}
        />
      ) : null}
      {forgetsToken && usesToken ? (
        <Notice testId="settings-notice-agentToken">
          {t('backend.forgetsToken', { origin: backendOrigin(savedBackendUrl) ?? savedBackendUrl })}
        </Notice>
      ) : null}
      {!usesToken ? null : (
        <SecretField
          path="agentToken"
          label={t('backend.token')}
          value={form.agentToken}
          set={form.agentTokenSet}
          error={errors.agentToken}
          onChange={(agentToken) => onChange({ agentToken })}
          hint={t('backend.tokenHint')}
          stateLabel={t('backend.tokenState')}
          stateTestId="settings-token-state"
        />
      )}
      <div className="section-actions">
        <button type="button" className="button" data-testid="test-connection" disabled={testing} onClick={() => void test()}>
          {testing ? t('backend.testing') : t('backend.test')}
        </button>
        <span className="hint-inline">{t('backend.testHint')}</span>
      </div>
      {tested ? <TestResult {...tested} /> : null}
    </section>
  );
}

/** The backend's answer to Test connection, and whether the realtime fields now show what it gave. */
function TestResult({ result, reloaded }: TestState) {
  const { t } = useTranslation('settings');
  return (
    <div className={result.ok ? 'test-result test-ok' : 'test-result test-failed'} data-testid="test-connection-result" data-ok={result.ok ? 'true' : 'false'}>
      <p>{result.message}</p>
      {result.realtime ? <p className="test-realtime">{t('backend.realtime', { description: describeRealtime(t, result.realtime) })}</p> : null}
      {result.tabletrack ? <TableTrackFoundLines found={result.tabletrack} /> : null}
      {reloaded === true ? (
        <p className="test-reloaded" data-testid="test-connection-reloaded">
          {t('backend.reloaded')}
        </p>
      ) : null}
      {reloaded === false ? (
        <p className="test-reloaded test-reload-failed" data-testid="test-connection-reload-failed" role="alert">
          {t('backend.reloadFailed')}
        </p>
      ) : null}
    </div>
  );
}

/** What a TableTrack install answered: Pusher on or off (channel, event, where), and its printers. */
function TableTrackFoundLines({ found }: { found: TableTrackFound }) {
  const { t } = useTranslation('settings');
  const printers = found.printers.map((printer) => `${printer.name}${printer.format ? ` (${printer.format})` : ''}`).join(', ');
  return (
    <>
      <p className="test-realtime" data-testid="test-connection-tabletrack-pusher" data-enabled={found.pusherEnabled ? 'true' : 'false'}>
        {found.pusher
          ? t('backend.pusherOn', {
              channel: found.pusher.channel,
              event: found.pusher.event,
              key: found.pusher.key,
              where: found.pusherHost ?? t('backend.realtimeCluster', { cluster: found.pusher.cluster }),
            })
          : t('backend.pusherOff')}
      </p>
      <p className="test-realtime" data-testid="test-connection-tabletrack-printers">
        {found.printersError
          ? t('backend.printersFailed', { error: found.printersError })
          : found.printers.length === 0
            ? t('backend.printersNone')
            : t('backend.printers', { list: printers })}
      </p>
    </>
  );
}
