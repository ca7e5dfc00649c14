import { describe, expect, it } from 'vitest';
import { allergyMatcher, DEFAULT_ALLERGY_WORDS, isSeparatorLine } from './allergy-words.js';

describe('allergy words', () => {
  const matches = allergyMatcher(DEFAULT_ALLERGY_WORDS);

  it.each([
    'ALLERGY: nuts',
    'allergic to shellfish',
    'Allergens: sesame',
    'ALERGIA: frutos secos',
    'alérgico al marisco',
    'ALERGICO (sin acento)',
    'Allergie aux arachides',
    'ALLERGISCH gegen Nüsse',
    'ALERGIA: orzechy',
    'alerji: fıstık',
    'ALERJİ: FISTIK',
    'حساسية من الفول السوداني',
    '对花生过敏',
  ])('finds %s', (line) => {
    expect(matches(line)).toBe(true);
  });

  it.each(['2 x Burger', 'Table 4 — Gallery', '"ALLERGYX"', 'MALLERGY', 'galergia'])('leaves %s alone (whole words only)', (line) => {
    expect(matches(line)).toBe(false);
  });

  it('takes the words of the settings, and keeps the built-in English ones without them', () => {
    const custom = allergyMatcher(['NOCCIOLE']);
    expect(custom('senza nocciole')).toBe(true);
    expect(custom('ALLERGY: nuts')).toBe(true);
    expect(custom('ALERGIA: nueces')).toBe(false);
  });
});

describe('separator lines', () => {
  it.each(['--------------------------------', '================', '________', '- - - - - - - -', '== == == ==', '  ------  '])('%s is a rule', (line) => {
    expect(isSeparatorLine(line)).toBe(true);
  });
  it.each(['', '--', 'Total ---- 12.00', '-- Table 4 --', '***********'])('%s is not', (line) => {
    expect(isSeparatorLine(line)).toBe(false);
  });
});
