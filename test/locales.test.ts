import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../common/i18n/languages.js';
import { NAMESPACES } from '../common/i18n/namespaces.js';
import { ALL_RESOURCES } from '../common/i18n/resources.js';

/*
 * The translation files are held to English: every language has every key English has and none it
 * lacks, every plural form its grammar needs (Intl.PluralRules, as i18next picks them), the same
 * placeholders, and no empty text. A key added to English alone fails here until it is translated.
 */

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  } else out.set(prefix, `<not text: ${String(value)}>`);
  return out;
}

/** English keys with plural forms, by their base (`agentLink.disconnected`). */
function pluralBases(english: Map<string, string>): Set<string> {
  return new Set([...english.keys()].filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')));
}

/** The keys a language must have: English's, each plural in the language's own categories. */
function expectedKeys(english: Map<string, string>, language: Language): Set<string> {
  const plurals = pluralBases(english);
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const keys = new Set([...english.keys()].filter((key) => !plurals.has(key.replace(PLURAL_SUFFIX, ''))));
  for (const base of plurals) for (const category of categories) keys.add(`${base}_${category}`);
  return keys;
}

const placeholders = (text: string) => new Set([...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]));
const tags = (text: string) => [...text.matchAll(/<\/?(\w+)>/g)].map((match) => match[0]).sort();

describe('translation files', () => {
  it('exist for every language and namespace, and nothing else is in common/locales', () => {
    const root = join(import.meta.dirname, '..', 'common', 'locales');
    expect(readdirSync(root).sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) expect(readdirSync(join(root, language)).sort()).toEqual(NAMESPACES.map((ns) => `${ns}.json`).sort());
  });

  for (const namespace of NAMESPACES) {
    const english = flatten(ALL_RESOURCES[DEFAULT_LANGUAGE][namespace]);
    for (const language of LANGUAGES) {
      describe(`${language}/${namespace}.json`, () => {
        const translated = flatten(ALL_RESOURCES[language][namespace]);

        it('has every key English has, in every plural form the language needs, and no other', () => {
          const expected = expectedKeys(english, language);
          expect([...expected].filter((key) => !translated.has(key)), 'missing').toEqual([]);
          expect([...translated.keys()].filter((key) => !expected.has(key)), 'not in English (or a plural form this language does not use)').toEqual([]);
        });

        it('fills every key, with the placeholders and markup English has', () => {
          for (const [key, text] of translated) {
            expect(text.trim(), key).not.toBe('');
            const base = key.replace(PLURAL_SUFFIX, '');
            const source = english.get(key) ?? english.get(`${base}_other`) ?? '';
            const wanted = placeholders(source);
            const have = placeholders(text);
            // A plural form may spell its number out ("one second"): only `count` may be left out.
            for (const name of wanted) if (name !== 'count') expect(have.has(name), `${key}: {{${name}}}`).toBe(true);
            for (const name of have) expect(wanted.has(name) || name === 'count', `${key}: {{${name}}} is not in English`).toBe(true);
            expect(tags(text), `${key}: markup`).toEqual(tags(source));
          }
        });
      });
    }
  }
});
