import { isLanguage, textDirection, type Language } from '../../common/i18n/languages.js';

/** Where the board remembers its language between starts, for a page the agent did not render. */
const STORAGE_KEY = 'ticketrail.language';

/** The page's `<html lang dir>`: what screen readers, fonts and the right-to-left layout follow. */
export function applyDocumentLanguage(doc: Document, language: Language): void {
  doc.documentElement.lang = language;
  doc.documentElement.dir = textDirection(language);
}

/**
 * The language the board showed last on this browser. A page loaded from a file (the desktop app)
 * or served without a first screen starts in it rather than in English, until the settings say.
 */
export function rememberedLanguage(): Language | undefined {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage refused (private mode, a full disk): the next start waits for the settings instead.
  }
}
