import type { FirstScreenData } from '../../common/first-screen.js';
import { textDirection, type Language } from '../../common/i18n/languages.js';

/** The element that carries the first screen's data in the served page: a JSON data block, which the CSP lets be (it is never run). */
export const FIRST_SCREEN_DATA_ID = 'ticketrail-first-screen';
/** Where the built index.html holds the board, empty until the agent fills it. */
export const ROOT_ELEMENT = '<div id="root"></div>';

/**
 * JSON that cannot end the `<script>` element it sits in: every `<` is written as its escape, so
 * no order note (`</script><script>…`) can break out into the page. JSON.parse reads it back
 * unchanged.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The language the markup is in: the page's `<html lang dir>` and `<title>` say it too. */
export interface PageLanguage {
  language: Language;
  /** The page's title in that language. */
  title: string;
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The template's `<html>` with `lang` and `dir` for the language (so a right-to-left board is laid
 * out mirrored from its first paint) and its title in it.
 */
function withPageLanguage(template: string, { language, title }: PageLanguage): string {
  return template
    .replace(/<html\b[^>]*>/i, (tag) => {
      const others = tag.slice('<html'.length, -1).replace(/\s(lang|dir)="[^"]*"/gi, '');
      return `<html lang="${language}" dir="${textDirection(language)}"${others}>`;
    })
    .replace(/<title>[^<]*<\/title>/i, () => `<title>${escapeText(title)}</title>`);
}

/** The page with the board's markup in #root and its data after it; the template unchanged when it has no empty #root. */
export function fillPage(template: string, markup: string, data: FirstScreenData, language?: PageLanguage): string {
  if (!template.includes(ROOT_ELEMENT)) return template;
  const block = `<script type="application/json" id="${FIRST_SCREEN_DATA_ID}">${jsonForScriptElement(data)}</script>`;
  const page = template.replace(ROOT_ELEMENT, () => `<div id="root">${markup}</div>${block}`);
  return language ? withPageLanguage(page, language) : page;
}

/** The data the served page carries, if it carries any that reads as FirstScreenData. */
export function readFirstScreenData(doc: Document): FirstScreenData | undefined {
  const text = doc.getElementById(FIRST_SCREEN_DATA_ID)?.textContent;
  if (!text) return undefined;
  try {
    const data = JSON.parse(text) as Partial<FirstScreenData> | null;
    const usable = data && typeof data.renderedAt === 'number' && Array.isArray(data.snapshot?.orders) && typeof data.settings === 'object' && data.settings !== null;
    return usable ? (data as FirstScreenData) : undefined;
  } catch {
    return undefined;
  }
}
