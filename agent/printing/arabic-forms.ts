/**
 * Arabic letters in their joined shapes, for code pages that hold shapes rather than letters
 * (CP864 has ﺑ, ﺒ, ﺐ… but not ب). Only the `codepage` text mode needs this: drawn lines are shaped
 * by the text engine (raster-text.ts).
 *
 * The table is read off Unicode itself: the Arabic Presentation Forms-B block (U+FE70–U+FEFC) lists
 * each letter's forms in the order isolated, final, initial, medial, and NFKC maps every form back
 * to its letter, so a letter with four forms joins on both sides and one with two joins only to the
 * letter before it (alef, dal, reh, waw…).
 */
const PRESENTATION_FORMS_B = { first: 0xfe70, last: 0xfefc } as const;
const TATWEEL = '\u0640';

interface Forms {
  isolated: string;
  final: string;
  initial?: string;
  medial?: string;
}

const FORMS: ReadonlyMap<string, Forms> = (() => {
  const byLetter = new Map<string, string[]>();
  for (let code = PRESENTATION_FORMS_B.first; code <= PRESENTATION_FORMS_B.last; code++) {
    const form = String.fromCodePoint(code);
    const letter = form.normalize('NFKC');
    if ([...letter].length !== 1) continue; // harakat on tatweel, lam-alef ligatures
    byLetter.set(letter, [...(byLetter.get(letter) ?? []), form]);
  }
  const table = new Map<string, Forms>();
  for (const [letter, forms] of byLetter) {
    if (forms.length === 4) table.set(letter, { isolated: forms[0]!, final: forms[1]!, initial: forms[2]!, medial: forms[3]! });
    else if (forms.length === 2) table.set(letter, { isolated: forms[0]!, final: forms[1]! });
  }
  return table;
})();

/** Whether the letter connects to the one after it (has initial and medial forms). */
function joinsForward(char: string | undefined): boolean {
  return char === TATWEEL || (char !== undefined && FORMS.get(char)?.medial !== undefined);
}

function joinsBackward(char: string | undefined): boolean {
  return char === TATWEEL || (char !== undefined && FORMS.has(char));
}

/**
 * `text` (logical order) with each Arabic letter replaced by the form its neighbours call for,
 * falling back to a form the page has: `has(form)` says whether the code page holds one.
 */
export function toPresentationForms(text: string, has: (form: string) => boolean): string {
  const chars = [...text];
  return chars
    .map((char, i) => {
      const forms = FORMS.get(char);
      if (!forms) return char;
      const before = joinsForward(chars[i - 1]);
      const after = forms.medial !== undefined && joinsBackward(chars[i + 1]);
      const wanted = before && after ? forms.medial : before ? forms.final : after ? forms.initial : forms.isolated;
      // CP864 lacks some forms: a medial prints as its initial, a final as its isolated form.
      const candidates = [wanted, before && after ? forms.initial : undefined, forms.isolated, char];
      return candidates.find((form): form is string => form !== undefined && has(form)) ?? char;
    })
    .join('');
}
