import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../settings/field-errors.js';
import type { SettingsForm } from '../../settings/settings-form.js';
import { CheckboxField, TextField } from './fields.js';

type SoundForm = SettingsForm['sound'];

export function SoundSection({ sound, errors, onChange }: { sound: SoundForm; errors: FieldErrors; onChange: (changes: Partial<SoundForm>) => void }) {
  const { t } = useTranslation('settings');
  return (
    <section className="settings-section" aria-labelledby="settings-sound">
      <h2 id="settings-sound" className="section-title">
        {t('sound.title')}
      </h2>
      <CheckboxField path="sound.enabled" label={t('sound.enabled')} checked={sound.enabled} error={errors['sound.enabled']} onChange={(enabled) => onChange({ enabled })} />
      <TextField path="sound.volume" label={t('sound.volume')} type="number" inputMode="decimal" value={sound.volume} error={errors['sound.volume']} onChange={(volume) => onChange({ volume })} hint={t('sound.volumeHint')} />
      <CheckboxField path="sound.receipt" label={t('sound.receipt')} checked={sound.receipt} error={errors['sound.receipt']} onChange={(receipt) => onChange({ receipt })} />
      <CheckboxField path="sound.notices" label={t('sound.notices')} checked={sound.notices} error={errors['sound.notices']} onChange={(notices) => onChange({ notices })} />
      <CheckboxField path="sound.printProblems" label={t('sound.printProblems')} checked={sound.printProblems} error={errors['sound.printProblems']} onChange={(printProblems) => onChange({ printProblems })} />
    </section>
  );
}
