import i18next, { type i18n } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, matchLanguage, type Language } from '../../common/i18n/languages.js';
import ar from '../../common/locales/ar/screen.json' with { type: 'json' };
import de from '../../common/locales/de/screen.json' with { type: 'json' };
import en from '../../common/locales/en/screen.json' with { type: 'json' };
import es from '../../common/locales/es/screen.json' with { type: 'json' };
import fr from '../../common/locales/fr/screen.json' with { type: 'json' };
import pl from '../../common/locales/pl/screen.json' with { type: 'json' };
import pt from '../../common/locales/pt/screen.json' with { type: 'json' };
import tr from '../../common/locales/tr/screen.json' with { type: 'json' };
import zh from '../../common/locales/zh/screen.json' with { type: 'json' };

/** The screen's three words in every language: 2 KB, so all are in the page and a change is instant. */
const WORDS = { ar, de, en, es, fr, pl, pt, tr, zh } satisfies Record<Language, typeof en>;

export function createScreenI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: ['screen'],
    defaultNS: 'screen',
    resources: Object.fromEntries(LANGUAGES.map((code) => [code, { screen: WORDS[code] }])),
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** `?lang=` of the page's URL when it names a language: a screen may speak another than the board. */
export function languageFromUrl(search: string): Language | undefined {
  const asked = new URLSearchParams(search).get('lang');
  return asked ? matchLanguage([asked], DEFAULT_LANGUAGE) : undefined;
}
