/*
 * Allergy words (issue 20): a line of a ticket from any source that names one gets the red allergy
 * block native orders have. The English words are always there; the rest is a list editable in
 * Settings (display.allergyWords), with common translations by default. Matching ignores case and
 * accents and takes whole words, except in scripts written without spaces (Chinese, Japanese),
 * where a word is found inside the line.
 */

/** Always allergy words, whatever the list says. */
export const BUILT_IN_ALLERGY_WORDS = ['ALLERGY', 'ALLERGIES', 'ALLERGEN', 'ALLERGENS', 'ALLERGIC'] as const;

/** The editable list's default: the same words in the board's other languages. */
export const DEFAULT_ALLERGY_WORDS: readonly string[] = [
  // es, pt
  'ALERGIA',
  'ALERGIAS',
  'ALÉRGICO',
  'ALÉRGICA',
  'ALÉRGENO',
  'ALERGÉNIO',
  // fr
  'ALLERGIE',
  'ALLERGIQUE',
  'ALLERGÈNE',
  // de
  'ALLERGISCH',
  'ALLERGIEN',
  // pl
  'ALERGIA',
  'ALERGIE',
  'ALERGEN',
  'UCZULENIE',
  // tr
  'ALERJİ',
  'ALERJİK',
  'ALERJEN',
  // ar
  'حساسية',
  // zh
  '过敏',
];

export const ALLERGY_WORD_LIMITS = { maxWords: 60, maxLength: 40 } as const;

/** Upper case without accents: "Alérgico" and "ALERGICO" are one word; Turkish "ALERJİ" is "ALERJI". */
export function foldForMatch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toUpperCase();
}

const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/** A test for "this line names an allergy", from the editable list plus the built-in words. */
export function allergyMatcher(words: readonly string[]): (line: string) => boolean {
  const folded = [...BUILT_IN_ALLERGY_WORDS, ...words].map((word) => foldForMatch(word.trim())).filter((word) => word.length > 0);
  const whole = new Set(folded.filter((word) => !UNSPACED_SCRIPT.test(word)));
  const inside = folded.filter((word) => UNSPACED_SCRIPT.test(word));
  return (line) => {
    const text = foldForMatch(line);
    if (inside.some((word) => text.includes(word))) return true;
    return text.split(WORD_SPLIT).some((token) => whole.has(token));
  };
}

/**
 * A separator line of a printed ticket: a run of dashes, equals signs or underscores (spaces
 * between them allowed), as POS systems print between sections. The board draws it as one rule.
 */
export function isSeparatorLine(text: string): boolean {
  if (!/^[\s\-=_‐‑–—─━═]+$/u.test(text)) return false;
  return text.replace(/\s+/g, '').length >= 3;
}
