/**
 * The languages TicketRail speaks (issue 22). A language is a BCP 47 primary tag: the agent's
 * `display.language` setting holds one, and so does the diner page's choice. Pure data, no
 * i18next: the settings schema, the agent and the board's startup code all read it.
 */
export const LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'pl', 'tr', 'ar', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language by its own name, as a language picker lists it (someone who reads no English finds theirs). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  es: 'Español',
  pt: 'Português',
  fr: 'Français',
  de: 'Deutsch',
  pl: 'Polski',
  tr: 'Türkçe',
  ar: 'العربية',
  zh: '简体中文',
};

const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set(['ar']);

export type TextDirection = 'ltr' | 'rtl';

/** The `dir` of a page in this language. */
export function textDirection(language: Language): TextDirection {
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The first of `tags` (a browser's `navigator.languages`, most wanted first) that TicketRail speaks,
 * by primary subtag: `pt-BR` → `pt`, `zh-Hans-CN` → `zh`. Traditional Chinese (`zh-Hant`, `zh-TW`,
 * `zh-HK`) is not offered Simplified: those readers get the next choice, or English.
 */
export function matchLanguage(tags: readonly string[], fallback: Language = DEFAULT_LANGUAGE): Language {
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    const primary = lower.split(/[-_]/)[0];
    if (primary === 'zh' && /^zh[-_](hant|tw|hk|mo)\b/.test(lower)) continue;
    if (isLanguage(primary)) return primary;
  }
  return fallback;
}

/**
 * The locale Intl formats with for a language. English is written as en-GB (24-hour clock,
 * day-first dates: the board's times were already drawn so); Arabic keeps Western digits (`nu-latn`)
 * so times and amounts read like the order numbers beside them; Portuguese is Brazil's (the
 * translations are too), Chinese is mainland (Simplified).
 */
export const INTL_LOCALES: Readonly<Record<Language, string>> = {
  en: 'en-GB',
  es: 'es-ES',
  pt: 'pt-BR',
  fr: 'fr-FR',
  de: 'de-DE',
  pl: 'pl-PL',
  tr: 'tr-TR',
  ar: 'ar-u-nu-latn',
  zh: 'zh-CN',
};
