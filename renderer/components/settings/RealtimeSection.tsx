import type { FieldErrors } from '../../settings/field-errors.js';
import type { SettingsForm } from '../../settings/settings-form.js';
import { CheckboxField, TextField } from './fields.js';

type RealtimeForm = SettingsForm['realtime'];

interface RealtimeSectionProps {
  realtime: RealtimeForm;
  errors: FieldErrors;
  onChange: (changes: Partial<RealtimeForm>) => void;
}

export function RealtimeSection({ realtime, errors, onChange }: RealtimeSectionProps) {
  return (
    <section className="settings-section" aria-labelledby="settings-realtime">
      <h2 id="settings-realtime" className="section-title">
        Realtime (Pusher)
      </h2>
      <CheckboxField path="realtime.enabled" label="Use realtime updates" checked={realtime.enabled} error={errors['realtime.enabled']} onChange={(enabled) => onChange({ enabled })} />
      <div className="field-row">
        <TextField path="realtime.key" label="App key" value={realtime.key} error={errors['realtime.key']} onChange={(key) => onChange({ key })} />
        <TextField path="realtime.cluster" label="Cluster" value={realtime.cluster} error={errors['realtime.cluster']} onChange={(cluster) => onChange({ cluster })} placeholder="eu" hint="For Pusher's hosted service" />
      </div>
      <div className="field-row">
        <TextField path="realtime.host" label="Host" value={realtime.host} error={errors['realtime.host']} onChange={(host) => onChange({ host })} hint="For a self-hosted or embedded relay" />
        <TextField path="realtime.port" label="Port" type="number" inputMode="numeric" value={realtime.port} error={errors['realtime.port']} onChange={(port) => onChange({ port })} hint="1–65535" />
      </div>
      <CheckboxField path="realtime.useTLS" label="Use TLS" checked={realtime.useTLS} error={errors['realtime.useTLS']} onChange={(useTLS) => onChange({ useTLS })} />
      <TextField
        path="realtime.pollIntervalMs"
        label="Poll interval (ms)"
        type="number"
        inputMode="numeric"
        value={realtime.pollIntervalMs}
        error={errors['realtime.pollIntervalMs']}
        onChange={(pollIntervalMs) => onChange({ pollIntervalMs })}
        hint="How often to ask the backend while realtime is down: 1000–60000"
      />
    </section>
  );
}
