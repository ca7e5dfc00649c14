/// <reference types="vite/client" />
import type { ResourceKey } from 'i18next';
import { useTranslation } from 'react-i18next';
import { createI18n } from '../common/i18n/create-i18n.js';
import { DEFAULT_LANGUAGE, isLanguage, matchLanguage, textDirection, type Language } from '../common/i18n/languages.js';
import enDiner from '../common/locales/en/diner.json' with { type: 'json' };

/*
 * The diner's page speaks the diner's language, not the kitchen's: a `?lang=` in the link (the
 * restaurant's setting, when it sends links in one language), else the one the diner picked on
 * this phone before, else the browser's languages, else English. English is in the page; the
 * others load as small chunks of their own.
 */

const STORAGE_KEY = 'ticketrail.diner.language';
const FILES = import.meta.glob<ResourceKey>('../common/locales/*/diner.json', { import: 'default' });

function stored(): Language | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The language to open the page in (see above). */
export function dinerLanguage(search: string, browserLanguages: readonly string[]): Language {
  const asked = new URLSearchParams(search).get('lang');
  if (asked) {
    const matched = matchLanguage([asked], DEFAULT_LANGUAGE);
    if (isLanguage(asked.toLowerCase().split('-')[0]) || matched !== DEFAULT_LANGUAGE) return matched;
  }
  return stored() ?? matchLanguage(browserLanguages);
}

export function createDinerI18n(language: Language) {
  return createI18n({
    language,
    namespaces: ['diner'],
    bundled: { en: { diner: enDiner } },
    load: async (lng, namespace) => {
      const file = FILES[`../common/locales/${lng}/${namespace}.json`];
      if (!file) throw new Error(`the diner's page has no translation file ${lng}/${namespace}.json`);
      return file();
    },
  });
}

/** `<html lang dir>` and the title, for the language the page shows. */
export function applyDinerLanguage(language: Language, title: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = textDirection(language);
  document.title = title;
}

/** Keeps the diner's choice on this phone. */
export function rememberDinerLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage refused: the choice lasts as long as the page.
  }
}

export function useDinerLanguage(): Language {
  const { i18n } = useTranslation('diner');
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}
