import { hostedPusherBinding } from '../../../common/settings.js';
import type { FieldErrors } from '../../settings/field-errors.js';
import type { HostedPusherForm } from '../../settings/settings-form.js';
import { Trans, useTranslation } from 'react-i18next';
import { CheckboxField, CLUSTER_EXAMPLE, Notice, SecretField, TextField } from './fields.js';

interface HostedBackendSectionProps {
  hosted: HostedPusherForm;
  /** Whether credentials are stored now (what the backend starts with next time). */
  stored: boolean;
  /** hostedPusherBinding of the stored credentials: the app and endpoint their secret belongs to. */
  storedBinding: string | undefined;
  errors: FieldErrors;
  busy: boolean;
  onChange: (changes: Partial<HostedPusherForm>) => void;
  /** Removes the stored credentials (`hostedPusher: null`): the backend uses its embedded relay. */
  onUseEmbeddedRelay: () => void;
}

/**
 * Pusher credentials for the backend this PC hosts (all-in-one only). The backend reads them when
 * it starts, so they take effect when TicketRail restarts. The secret is write-only.
 */
export function HostedBackendSection({ hosted, stored, storedBinding, errors, busy, onChange, onUseEmbeddedRelay }: HostedBackendSectionProps) {
  const { t } = useTranslation('settings');
  const forgetsSecret = hosted.secretSet && hosted.secret === '' && !cleared(hosted) && storedBinding !== undefined && storedBinding !== formBinding(hosted);
  return (
    <section className="settings-section" aria-labelledby="settings-hosted-backend" data-testid="settings-hosted-backend">
      <h2 id="settings-hosted-backend" className="section-title">
        {t('hosted.title')}
      </h2>
      <p className="field-hint">
        {t('hosted.intro')}
      </p>
      <p className="token-state" data-testid="settings-hosted-state" data-stored={stored ? 'true' : 'false'}>
        <Trans t={t} i18nKey="hosted.state" values={{ state: stored ? t('hosted.stored') : t('hosted.embedded') }} components={{ strong: <strong /> }} />
      </p>
      <div className="field-row">
        <TextField path="hostedPusher.appId" label={t('hosted.appId')} value={hosted.appId} error={errors['hostedPusher.appId']} onChange={(appId) => onChange({ appId })} />
        <TextField path="hostedPusher.key" label={t('hosted.key')} value={hosted.key} error={errors['hostedPusher.key']} onChange={(key) => onChange({ key })} />
      </div>
      <SecretField
        path="hostedPusher.secret"
        label={t('hosted.secret')}
        value={hosted.secret}
        set={hosted.secretSet}
        error={errors['hostedPusher.secret']}
        onChange={(secret) => onChange({ secret })}
        hint={t('hosted.secretHint')}
        stateLabel={t('hosted.secretState')}
        stateTestId="settings-hosted-secret-state"
      />
      {forgetsSecret ? (
        <Notice testId="settings-notice-hostedPusher.secret">
          {t('hosted.forgetsSecret')}
        </Notice>
      ) : null}
      <TextField path="hostedPusher.cluster" label={t('hosted.cluster')} value={hosted.cluster} error={errors['hostedPusher.cluster']} onChange={(cluster) => onChange({ cluster })} placeholder={CLUSTER_EXAMPLE} hint={t('hosted.clusterHint')} />
      <div className="field-row">
        <TextField path="hostedPusher.host" label={t('hosted.host')} value={hosted.host} error={errors['hostedPusher.host']} onChange={(host) => onChange({ host })} hint={t('hosted.hostHint')} />
        <TextField path="hostedPusher.port" label={t('hosted.port')} type="number" inputMode="numeric" value={hosted.port} error={errors['hostedPusher.port']} onChange={(port) => onChange({ port })} hint={t('portHint')} />
      </div>
      <CheckboxField path="hostedPusher.useTLS" label={t('hosted.useTls')} checked={hosted.useTLS} error={errors['hostedPusher.useTLS']} onChange={(useTLS) => onChange({ useTLS })} />
      {errors.hostedPusher ? (
        <p className="field-error" data-testid="settings-error-hostedPusher" role="alert">
          {errors.hostedPusher}
        </p>
      ) : null}
      <div className="section-actions">
        <button type="button" className="button" data-testid="hosted-use-embedded" disabled={busy || !stored} onClick={onUseEmbeddedRelay}>
          {t('hosted.useEmbedded')}
        </button>
        <span className="hint-inline">{t('hosted.useEmbeddedHint')}</span>
      </div>
    </section>
  );
}

/** Every field empty: the save removes the credentials (embedded relay), so no secret is needed. */
function cleared(hosted: HostedPusherForm): boolean {
  return [hosted.appId, hosted.key, hosted.cluster, hosted.host, hosted.port].every((text) => text.trim() === '');
}

/** The app and endpoint the typed credentials name, compared like the agent does (hostedPusherBinding). */
function formBinding(hosted: HostedPusherForm): string {
  const text = (value: string) => value.trim() || undefined;
  return hostedPusherBinding({
    appId: hosted.appId.trim(),
    key: hosted.key.trim(),
    cluster: text(hosted.cluster),
    host: text(hosted.host),
    port: hosted.port.trim() === '' ? undefined : Number(hosted.port),
    useTLS: hosted.useTLS,
  });
}
