import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../settings/field-errors.js';
import type { SettingsForm } from '../../settings/settings-form.js';
import { CheckboxField, CLUSTER_EXAMPLE, TextField } from './fields.js';

type RealtimeForm = SettingsForm['realtime'];

interface RealtimeSectionProps {
  realtime: RealtimeForm;
  errors: FieldErrors;
  onChange: (changes: Partial<RealtimeForm>) => void;
}

export function RealtimeSection({ realtime, errors, onChange }: RealtimeSectionProps) {
  const { t } = useTranslation('settings');
  return (
    <section className="settings-section" aria-labelledby="settings-realtime">
      <h2 id="settings-realtime" className="section-title">
        {t('realtime.title')}
      </h2>
      <CheckboxField path="realtime.enabled" label={t('realtime.enabled')} checked={realtime.enabled} error={errors['realtime.enabled']} onChange={(enabled) => onChange({ enabled })} />
      <div className="field-row">
        <TextField path="realtime.key" label={t('realtime.key')} value={realtime.key} error={errors['realtime.key']} onChange={(key) => onChange({ key })} />
        <TextField path="realtime.cluster" label={t('realtime.cluster')} value={realtime.cluster} error={errors['realtime.cluster']} onChange={(cluster) => onChange({ cluster })} placeholder={CLUSTER_EXAMPLE} hint={t('realtime.clusterHint')} />
      </div>
      <div className="field-row">
        <TextField path="realtime.host" label={t('realtime.host')} value={realtime.host} error={errors['realtime.host']} onChange={(host) => onChange({ host })} hint={t('realtime.hostHint')} />
        <TextField path="realtime.port" label={t('realtime.port')} type="number" inputMode="numeric" value={realtime.port} error={errors['realtime.port']} onChange={(port) => onChange({ port })} hint={t('portHint')} />
      </div>
      <CheckboxField path="realtime.useTLS" label={t('realtime.useTls')} checked={realtime.useTLS} error={errors['realtime.useTLS']} onChange={(useTLS) => onChange({ useTLS })} />
      <TextField
        path="realtime.pollIntervalMs"
        label={t('realtime.poll')}
        type="number"
        inputMode="decimal"
        value={realtime.pollSeconds}
        error={errors['realtime.pollIntervalMs']}
        onChange={(pollSeconds) => onChange({ pollSeconds })}
        hint={t('realtime.pollHint')}
      />
    </section>
  );
}
