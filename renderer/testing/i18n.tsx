import type { i18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Language } from '../../common/i18n/languages.js';
import { ALL_RESOURCES } from '../../common/i18n/resources.js';
import { createBoardI18n } from '../i18n/board-i18n.js';

/** The board's words in a language, every file in memory (tests only: the page loads them lazily). */
export function boardWords(language: Language = 'en'): i18n {
  return createBoardI18n(language, { bundled: ALL_RESOURCES }).i18n;
}

/** `element` as the board renders it: inside its words' provider. */
export function withWords(element: ReactNode, language: Language = 'en'): ReactNode {
  return <I18nextProvider i18n={boardWords(language)}>{element}</I18nextProvider>;
}
