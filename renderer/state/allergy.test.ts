import { describe, expect, it } from 'vitest';
import { isAllergyNote } from './allergy.js';

describe('isAllergyNote', () => {
  it.each(['Nut allergy!', 'ALLERGIC to shellfish', 'gluten free please', 'no nuts', 'peanut', 'coeliac', 'dairy-free'])('flags %s', (note) => {
    expect(isAllergyNote(note)).toBe(true);
  });

  it.each(['well done', 'ready in a minute', 'extra sauce on the side', 'donut for dessert'])('leaves %s alone', (note) => {
    expect(isAllergyNote(note)).toBe(false);
  });

  it('is false for no note', () => {
    expect(isAllergyNote(undefined)).toBe(false);
  });
});
