import { config } from 'zod';
import { ar, de, en, es, fr, pl, ptBR, tr, zhCN } from 'zod/locales';
import type { Language } from '../../common/i18n/languages.js';

/** zod's own messages for each language the board speaks (zod ships them: a maintained set). */
const ZOD_LOCALES: Readonly<Record<Language, () => Parameters<typeof config>[0]>> = { en, es, pt: ptBR, fr, de, pl, tr, ar, zh: zhCN };

/**
 * The shared schemas' refusals (too small, too big, not a number…) in the board's language.
 * zod's configuration is global to the page, which holds one board in one language. Messages a
 * schema words itself (common/settings.ts: "interface must be tcp://host:port or printer:NAME")
 * stay English, as the agent sends them.
 */
export function setZodLanguage(language: Language): void {
  config(ZOD_LOCALES[language]());
}
