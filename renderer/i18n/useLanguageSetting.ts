import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../common/i18n/languages.js';
import { applyDocumentLanguage, rememberLanguage } from './document-language.js';

/**
 * Follows the agent's `display.language`: loads the language's files, then switches the words and
 * the page's `lang`/`dir` together (so the layout does not flip before the text does), and
 * remembers it for the next start. Undefined until the settings are known: the start language stays.
 */
export function useLanguageSetting(language: Language | undefined): void {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (!language) return;
    rememberLanguage(language);
    let current = true;
    const apply = () => {
      if (!current) return;
      applyDocumentLanguage(document, language);
      document.title = t('app.title');
    };
    if (i18n.language === language) apply();
    else i18n.changeLanguage(language).then(apply, apply);
    return () => {
      current = false;
    };
  }, [language, i18n, t]);
}
