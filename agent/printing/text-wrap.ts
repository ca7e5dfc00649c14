/**
 * Word wrapping by printed columns (a Kanji character takes two). Words longer than a line are cut
 * where the line ends, which is also how CJK text without spaces wraps.
 */
export type ColumnMeasure = (text: string) => number;

export function wrapText(text: string, width: number, measure: ColumnMeasure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w.length > 0)) {
    const candidate = line.length === 0 ? word : `${line} ${word}`;
    if (measure(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line.length > 0) lines.push(line);
    const pieces = measure(word) <= width ? [word] : splitLongWord(word, width, measure);
    lines.push(...pieces.slice(0, -1));
    // The last piece of a cut word may share its line with the next word.
    line = pieces[pieces.length - 1]!;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** Cuts a word into pieces of at most `width` columns (a wide character never straddles). */
function splitLongWord(word: string, width: number, measure: ColumnMeasure): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece.length > 0 && measure(piece + char) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}

/**
 * Wraps with a hanging indent: the first line starts with `prefix`, the following ones with as
 * many spaces, so `2 x ` keeps the item name in a column of its own.
 */
export function wrapWithPrefix(prefix: string, text: string, width: number, measure: ColumnMeasure): string[] {
  const indent = ' '.repeat(measure(prefix));
  const wrapped = wrapText(text, Math.max(1, width - indent.length), measure);
  return wrapped.map((line, i) => (i === 0 ? prefix : indent) + line);
}
