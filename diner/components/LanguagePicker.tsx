import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, isLanguage } from '../../common/i18n/languages.js';
import { applyDinerLanguage, rememberDinerLanguage, useDinerLanguage } from '../language.js';

/** The page's language, for a diner whose phone is set to another one: each listed in its own name. */
export function LanguagePicker() {
  const { t, i18n } = useTranslation('diner');
  const language = useDinerLanguage();
  return (
    <p className="language">
      <label htmlFor="diner-language">{t('language')}</label>{' '}
      <select
        id="diner-language"
        data-testid="diner-language"
        value={language}
        onChange={(event) => {
          const next = event.target.value;
          if (!isLanguage(next)) return;
          rememberDinerLanguage(next);
          void i18n.changeLanguage(next).then(() => applyDinerLanguage(next, i18n.t('title', { ns: 'diner' })));
        }}
      >
        {LANGUAGES.map((option) => (
          <option key={option} value={option} lang={option}>
            {LANGUAGE_NAMES[option]}
          </option>
        ))}
      </select>
    </p>
  );
}
