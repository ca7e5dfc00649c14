import { config } from 'zod';
import type { Language } from '../../common/i18n/languages.js';

type ZodLocale = () => Parameters<typeof config>[0];

/**
 * zod's own messages for each language the board speaks (zod ships them: a maintained set), each
 * a small chunk of its own fetched when that language is chosen: the settings screen would carry
 * all nine otherwise.
 */
const ZOD_LOCALES: Readonly<Record<Language, () => Promise<{ default: ZodLocale }>>> = {
  en: () => import('zod/v4/locales/en.js'),
  es: () => import('zod/v4/locales/es.js'),
  pt: () => import('zod/v4/locales/pt-BR.js'),
  fr: () => import('zod/v4/locales/fr.js'),
  de: () => import('zod/v4/locales/de.js'),
  pl: () => import('zod/v4/locales/pl.js'),
  tr: () => import('zod/v4/locales/tr.js'),
  ar: () => import('zod/v4/locales/ar.js'),
  zh: () => import('zod/v4/locales/zh-CN.js'),
};

/**
 * The shared schemas' refusals (too small, too big, not a number…) in the board's language.
 * zod's configuration is global to the page, which holds one board in one language. Messages a
 * schema words itself (common/settings.ts: "interface must be tcp://host:port or printer:NAME")
 * stay English, as the agent sends them. A locale that cannot be loaded leaves zod's English.
 */
export async function setZodLanguage(language: Language): Promise<void> {
  try {
    config((await ZOD_LOCALES[language]()).default());
  } catch {
    // The chunk did not load (the agent restarted mid-way): refusals stay in English this time.
  }
}
