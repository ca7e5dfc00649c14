import iconv from 'iconv-lite';
import type { CharacterSet } from '../../common/settings.js';
import { CHARACTER_SET_MAPPINGS, dialectHas, type KanjiCharacterSet, type SingleByteCharacterSet, type SingleByteSetName } from './code-pages.js';
import type { Dialect } from './escpos-commands.js';
import { FS_KANJI_OFF, FS_KANJI_ON } from './escpos-bytes.js';
import { toPresentationForms } from './arabic-forms.js';
import { hasRightToLeft, toVisualOrder } from './visual-order.js';

/**
 * Turns ticket text into printer bytes for one character set: code-page bytes for alphabetic
 * scripts (switching to a fallback code page for a character the main one lacks, and back), Kanji
 * mode runs for CJK. Text never carries control bytes: an order note must not be able to cut the
 * paper or change the code page.
 *
 * `canPrintAsText` is the `auto` text mode's test (docs/printing.md, "Text modes"): whether a line
 * prints right as code-page text, or has to be drawn.
 */
export type TextSegment = { bytes: Buffer } | { selectCharacterSet: CharacterSet };

const REPLACEMENT = '?';
const ASCII_LIMIT = 0x80;
const FIRST_PRINTABLE = 0x20;
/** DEL and the C1 controls, which some code pages would send as command bytes. */
const DEL_AND_C1 = { from: 0x7f, to: 0x9f } as const;
const WHITESPACE_CONTROLS = new Set([0x09, 0x0a, 0x0d]);
/** Combining marks: Thai vowels and tones, Devanagari signs, Vietnamese tones left after NFC. */
const COMBINING_MARK = /\p{M}/u;

/**
 * Removes everything a printer would read as a command; tabs and newlines become spaces. Text is
 * put in NFC first, so `é` typed as e + U+0301 finds the page's `é`.
 */
export function sanitizeText(text: string): string {
  let clean = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (WHITESPACE_CONTROLS.has(code)) clean += ' ';
    else if (code >= FIRST_PRINTABLE && (code < DEL_AND_C1.from || code > DEL_AND_C1.to)) clean += char;
  }
  return clean;
}

function isAscii(char: string): boolean {
  return char.codePointAt(0)! < ASCII_LIMIT;
}

/**
 * The bytes of `char` in `encoding` as one character, or undefined when the encoding lacks it.
 * Remembered per encoding: deciding text or drawing asks this for every character of every line.
 */
const encodedChars = new Map<string, Map<string, Buffer | null>>();
function encodeWhole(char: string, encoding: string): Buffer | undefined {
  let table = encodedChars.get(encoding);
  if (!table) encodedChars.set(encoding, (table = new Map()));
  let bytes = table.get(char);
  if (bytes === undefined) {
    const encoded = iconv.encode(char, encoding);
    bytes = iconv.decode(encoded, encoding) === char ? encoded : null;
    // Bounded: a pathological stream of distinct characters must not grow it for ever.
    if (table.size < MAX_REMEMBERED_CHARS) table.set(char, bytes);
  }
  return bytes ?? undefined;
}
const MAX_REMEMBERED_CHARS = 20_000;

/**
 * The bytes of `char`, allowing a base letter plus combining marks where the page has no
 * precomposed form (Windows-1258 writes `ệ` as `ê` + combining dot below). Tries the largest set
 * of marks composed with the base first.
 */
function encodeChar(char: string, encoding: string): Buffer | undefined {
  const whole = encodeWhole(char, encoding);
  if (whole || isAscii(char)) return whole;
  const [base, ...marks] = [...char.normalize('NFD')];
  if (base === undefined || marks.length === 0) return undefined;
  const subsets = Array.from({ length: 2 ** marks.length }, (_, mask) => mask).sort((a, b) => popCount(b) - popCount(a));
  for (const mask of subsets) {
    const composed = encodeWhole((base + marks.filter((_, i) => mask & (1 << i)).join('')).normalize('NFC'), encoding);
    const rest = marks.filter((_, i) => !(mask & (1 << i))).map((mark) => encodeWhole(mark, encoding));
    if (composed && rest.every((bytes) => bytes !== undefined)) return Buffer.concat([composed, ...(rest as Buffer[])]);
  }
  return undefined;
}

function popCount(n: number): number {
  let count = 0;
  for (let m = n; m > 0; m >>= 1) count += m & 1;
  return count;
}

/** The fallback pages a printer of this dialect has, in order (Star lacks some). */
function candidatePages(primary: CharacterSet, mapping: SingleByteCharacterSet, dialect: Dialect): CharacterSet[] {
  return [primary, ...mapping.fallbacks].filter((set) => dialectHas(set, dialect));
}

/** Pages that hold Arabic shapes (ﺑ ﺒ ﺐ) rather than letters (ب): text is shaped before encoding. */
const SHAPE_PAGES: ReadonlySet<string> = new Set(['cp864']);

/**
 * `text` as bytes. Lines with Hebrew or Arabic are sent in visual order (a printer prints bytes
 * left to right), Arabic shaped first for CP864: only `codepage` mode sends such lines as text,
 * `auto` draws them.
 */
export function encodeText(text: string, characterSet: CharacterSet, dialect: Dialect = 'EPSON'): TextSegment[] {
  const mapping = CHARACTER_SET_MAPPINGS[characterSet];
  const clean = sanitizeText(text);
  if (mapping.kind === 'kanji') return encodeKanji(clean, mapping);
  if (!hasRightToLeft(clean)) return encodeSingleByte(clean, characterSet, candidatePages(characterSet, mapping, dialect));
  const shaped = SHAPE_PAGES.has(mapping.encoding) ? toPresentationForms(clean, (form) => encodeWhole(form, mapping.encoding) !== undefined) : clean;
  return encodeSingleByte(toVisualOrder(shaped), characterSet, candidatePages(characterSet, mapping, dialect));
}

function encodeSingleByte(text: string, primary: CharacterSet, pages: readonly CharacterSet[]): TextSegment[] {
  const segments: TextSegment[] = [];
  let active: CharacterSet = primary;
  let pending: Buffer[] = [];
  const flush = (): void => {
    if (pending.length > 0) segments.push({ bytes: Buffer.concat(pending) });
    pending = [];
  };
  for (const char of text) {
    if (isAscii(char)) {
      pending.push(Buffer.from(char, 'latin1'));
      continue;
    }
    const inActive = encodeChar(char, CHARACTER_SET_MAPPINGS[active].encoding);
    if (inActive) {
      pending.push(inActive);
      continue;
    }
    const other = pages.find((set) => set !== active && encodeChar(char, CHARACTER_SET_MAPPINGS[set].encoding) !== undefined);
    if (other === undefined) {
      pending.push(Buffer.from(REPLACEMENT));
      continue;
    }
    flush();
    segments.push({ selectCharacterSet: other });
    active = other;
    pending.push(encodeChar(char, CHARACTER_SET_MAPPINGS[other].encoding)!);
  }
  flush();
  if (active !== primary) segments.push({ selectCharacterSet: primary });
  return segments;
}

/** ASCII stays single-byte; every run of other characters goes inside `FS &` … `FS .`. */
function encodeKanji(text: string, mapping: KanjiCharacterSet): TextSegment[] {
  const parts: Buffer[] = [];
  let run: Buffer[] = [];
  const closeRun = (): void => {
    if (run.length > 0) parts.push(FS_KANJI_ON, ...run, FS_KANJI_OFF);
    run = [];
  };
  for (const char of text) {
    const bytes = isAscii(char) ? undefined : encodeWhole(char, mapping.encoding);
    if (bytes && bytes.length > 1) {
      run.push(bytes);
      continue;
    }
    closeRun();
    parts.push(bytes ?? Buffer.from(isAscii(char) ? char : REPLACEMENT, 'latin1'));
  }
  closeRun();
  return parts.length > 0 ? [{ bytes: Buffer.concat(parts) }] : [];
}

/**
 * Whether `text` prints right as code-page text on this printer: every character is one cell of
 * the selected or a fallback page (or of the Kanji font), and nothing needs shaping — no
 * right-to-left letters (a printer prints bytes left to right, unjoined) and no combining marks
 * (a printer gives each its own cell).
 */
export function canPrintAsText(text: string, characterSet: CharacterSet, dialect: Dialect = 'EPSON'): boolean {
  const clean = sanitizeText(text);
  if (hasRightToLeft(clean) || COMBINING_MARK.test(clean)) return false;
  const mapping = CHARACTER_SET_MAPPINGS[characterSet];
  if (mapping.kind === 'kanji') {
    return [...clean].every((char) => isAscii(char) || (encodeWhole(char, mapping.encoding)?.length ?? 0) > 1);
  }
  const pages = candidatePages(characterSet, mapping, dialect).map((set) => CHARACTER_SET_MAPPINGS[set].encoding);
  return [...clean].every((char) => isAscii(char) || pages.some((encoding) => encodeWhole(char, encoding)?.length === 1));
}

/**
 * Columns a character takes at font A: a Kanji-mode character is 24 dots wide, twice an ASCII one.
 * Single-byte code pages print every character in one column.
 */
export function charColumns(char: string, characterSet: CharacterSet): number {
  const mapping = CHARACTER_SET_MAPPINGS[characterSet];
  if (mapping.kind !== 'kanji' || isAscii(char)) return 1;
  const bytes = encodeWhole(char, mapping.encoding);
  return bytes && bytes.length > 1 ? 2 : 1;
}

export function textColumns(text: string, characterSet: CharacterSet): number {
  let columns = 0;
  for (const char of text) columns += charColumns(char, characterSet);
  return columns;
}

export type { SingleByteSetName };
