/**
 * Right-to-left text for printers that print bytes left to right. Drawn lines (raster-text.ts)
 * get real bidi from the text engine; this simplified reordering is for the `codepage` text mode
 * only, which sends Hebrew and Arabic as code-page bytes: right-to-left runs are reversed, runs of
 * Latin letters and digits keep their order, and in a right-to-left line the runs themselves are
 * laid out from the right. (The full Unicode Bidirectional Algorithm has more cases — mirrored
 * brackets, embeddings — that a kitchen line rarely holds.)
 */
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
const LTR_LETTER = /[\p{L}\p{N}]/u;

export type Direction = 'ltr' | 'rtl';

export function hasRightToLeft(text: string): boolean {
  return RTL_LETTER.test(text);
}

/** The direction of a paragraph: that of its first letter (Unicode's rule P2), else left to right. */
export function paragraphDirection(text: string): Direction {
  for (const char of text) {
    if (RTL_LETTER.test(char)) return 'rtl';
    if (LTR_LETTER.test(char)) return 'ltr';
  }
  return 'ltr';
}

type Kind = 'rtl' | 'ltr' | 'neutral';

function kindOf(char: string): Kind {
  if (RTL_LETTER.test(char)) return 'rtl';
  return LTR_LETTER.test(char) ? 'ltr' : 'neutral';
}

/** The characters of `text` in the order a left-to-right printer must print them. */
export function toVisualOrder(text: string): string {
  const base = paragraphDirection(text);
  const chars = [...text];
  const kinds = chars.map(kindOf);
  // A neutral between two runs of one direction takes it; any other neutral takes the paragraph's.
  const resolved = kinds.map((kind, i) => {
    if (kind !== 'neutral') return kind;
    const before = kinds.slice(0, i).reverse().find((k) => k !== 'neutral');
    const after = kinds.slice(i + 1).find((k) => k !== 'neutral');
    return before !== undefined && before === after ? before : base;
  });
  const runs: { direction: Direction; chars: string[] }[] = [];
  chars.forEach((char, i) => {
    const direction = resolved[i] as Direction;
    const last = runs[runs.length - 1];
    if (last && last.direction === direction) last.chars.push(char);
    else runs.push({ direction, chars: [char] });
  });
  const ordered = base === 'rtl' ? runs.reverse() : runs;
  return ordered.map((run) => (run.direction === 'rtl' ? [...run.chars].reverse() : run.chars).join('')).join('');
}
