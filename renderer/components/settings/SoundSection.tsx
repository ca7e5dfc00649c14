import type { FieldErrors } from '../../settings/field-errors.js';
import type { SettingsForm } from '../../settings/settings-form.js';
import { CheckboxField, TextField } from './fields.js';

type SoundForm = SettingsForm['sound'];

export function SoundSection({ sound, errors, onChange }: { sound: SoundForm; errors: FieldErrors; onChange: (changes: Partial<SoundForm>) => void }) {
  return (
    <section className="settings-section" aria-labelledby="settings-sound">
      <h2 id="settings-sound" className="section-title">
        Sound
      </h2>
      <CheckboxField path="sound.enabled" label="Play sounds" checked={sound.enabled} error={errors['sound.enabled']} onChange={(enabled) => onChange({ enabled })} />
      <TextField path="sound.volume" label="Volume" type="number" inputMode="decimal" value={sound.volume} error={errors['sound.volume']} onChange={(volume) => onChange({ volume })} hint="0 (silent) to 1 (full)" />
      <CheckboxField path="sound.receipt" label="Receipt uploaded (a second, distinct sound)" checked={sound.receipt} error={errors['sound.receipt']} onChange={(receipt) => onChange({ receipt })} />
      <CheckboxField path="sound.notices" label="Counter notices (gift cards, loyalty points)" checked={sound.notices} error={errors['sound.notices']} onChange={(notices) => onChange({ notices })} />
    </section>
  );
}
