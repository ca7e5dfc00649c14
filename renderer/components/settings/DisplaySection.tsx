import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../settings/field-errors.js';
import type { SettingsForm } from '../../settings/settings-form.js';
import { LANGUAGE_NAMES, LANGUAGES } from '../../../common/i18n/languages.js';
import { CheckboxField, SelectField, TextField } from './fields.js';

type DisplayForm = SettingsForm['display'];

export function DisplaySection({ display, errors, onChange }: { display: DisplayForm; errors: FieldErrors; onChange: (changes: Partial<DisplayForm>) => void }) {
  const { t } = useTranslation('settings');
  return (
    <section className="settings-section" aria-labelledby="settings-display">
      <h2 id="settings-display" className="section-title">
        {t('display.title')}
      </h2>
      <SelectField path="display.language" label={t('display.language')} value={display.language} options={LANGUAGES} labels={LANGUAGE_NAMES} error={errors['display.language']} onChange={(language) => onChange({ language })} hint={t('display.languageHint')} />
      <div className="field-row">
        <TextField path="display.amberAfterMin" label={t('display.amber')} type="number" inputMode="numeric" value={display.amberAfterMin} error={errors['display.amberAfterMin']} onChange={(amberAfterMin) => onChange({ amberAfterMin })} hint={t('display.amberHint')} />
        <TextField path="display.redAfterMin" label={t('display.red')} type="number" inputMode="numeric" value={display.redAfterMin} error={errors['display.redAfterMin']} onChange={(redAfterMin) => onChange({ redAfterMin })} hint={t('display.redHint')} />
      </div>
      <TextField path="display.fontScale" label={t('display.fontScale')} type="number" inputMode="decimal" value={display.fontScale} error={errors['display.fontScale']} onChange={(fontScale) => onChange({ fontScale })} hint={t('display.fontScaleHint')} />
      <div className="field-row">
        <CheckboxField path="display.screenNames" label={t('display.screenNames')} checked={display.screenNames} error={errors['display.screenNames']} onChange={(screenNames) => onChange({ screenNames })} />
        <TextField path="display.screenReadyMinutes" label={t('display.screenReadyMinutes')} type="number" inputMode="numeric" value={display.screenReadyMinutes} error={errors['display.screenReadyMinutes']} onChange={(screenReadyMinutes) => onChange({ screenReadyMinutes })} hint={t('display.screenReadyMinutesHint')} />
      </div>
      <TextField path="display.unreachableOfferSec" label={t('printerTrouble.unreachableOfferSec')} type="number" inputMode="numeric" value={display.unreachableOfferSec} error={errors['display.unreachableOfferSec']} onChange={(unreachableOfferSec) => onChange({ unreachableOfferSec })} hint={t('printerTrouble.unreachableOfferSecHint')} />
      <TextField path="display.allergyWords" label={t('allergyWords.label')} value={display.allergyWords} error={errors['display.allergyWords']} onChange={(allergyWords) => onChange({ allergyWords })} hint={t('allergyWords.hint')} />
      <TextField path="display.stations" label={t('display.stations')} value={display.stations} error={errors['display.stations']} onChange={(stations) => onChange({ stations })} placeholder={t('display.stationsPlaceholder')} hint={t('display.stationsHint')} />
    </section>
  );
}
