import type { i18n } from 'i18next';
import { createI18n, type BundledResources, type ResourceLoader } from '../../common/i18n/create-i18n.js';
import type { Language } from '../../common/i18n/languages.js';
import enBoard from '../../common/locales/en/board.json' with { type: 'json' };

/**
 * The board's words: the `board` namespace (the rail, its shell and dialogs) in English is in the
 * startup chunk; every other language, and the `settings` and `printLog` namespaces, load as
 * chunks of their own when needed (load-locale.ts). The agent's first-screen render passes every
 * file instead (first-screen/board-page.tsx).
 */
export function createBoardI18n(language: Language, source: { load: ResourceLoader } | { bundled: BundledResources }): { i18n: i18n; ready: Promise<unknown> } {
  if ('load' in source) return createI18n({ language, namespaces: ['board'], bundled: { en: { board: enBoard } }, load: source.load });
  return createI18n({ language, namespaces: ['board', 'printLog', 'settings'], bundled: source.bundled });
}
