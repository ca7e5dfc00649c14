/**
 * Words that make a note an allergy warning. Matched at the start of a word, so "nut" catches
 * "nuts" and "nut-free" but not "minute"; "allerg" catches allergy, allergic and allergen.
 */
const ALLERGY_PATTERN =
  /\b(allerg|anaphyla|epipen|gluten|coeliac|celiac|nuts?\b|peanut|tree ?nut|almond|cashew|hazelnut|walnut|pistachio|dairy|lactose|shellfish|crustacean|mollus|sesame|soy|sulphite|sulfite|lupin|mustard|celery|egg-free|intoleran)/i;

export function isAllergyNote(note: string | undefined): boolean {
  return note !== undefined && ALLERGY_PATTERN.test(note);
}
