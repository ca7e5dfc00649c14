/// <reference types="vite/client" />
import type { ResourceKey } from 'i18next';
import type { ResourceLoader } from '../../common/i18n/create-i18n.js';

/*
 * The board's translation files as lazily loaded chunks: Vite makes one per file, fetched the first
 * time a language (or the settings or print log screen) needs it. Browser only (import.meta.glob is
 * Vite's): the agent's server render is given every file instead.
 */
const FILES = import.meta.glob<ResourceKey>(['../../common/locales/*/{board,printLog,settings}.json', '!../../common/locales/en/board.json'], { import: 'default' });

/** English board words are in the startup chunk (board-i18n.ts): i18next never asks for them. */
export const loadLocale: ResourceLoader = async (language, namespace) => {
  const file = FILES[`../../common/locales/${language}/${namespace}.json`];
  if (!file) throw new Error(`the board has no translation file ${language}/${namespace}.json`);
  return file();
};
