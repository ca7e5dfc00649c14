import iconv from 'iconv-lite';
import type { CharacterSet } from '../../common/settings.js';
import { CHARACTER_SET_MAPPINGS, type KanjiCharacterSet, type SingleByteCharacterSet } from './code-pages.js';
import { FS_KANJI_OFF, FS_KANJI_ON } from './escpos-bytes.js';

/**
 * Turns ticket text into printer bytes for one character set: code-page bytes for Latin and
 * Cyrillic (switching to a fallback page for a character the main one lacks, and back), Kanji
 * mode runs for CJK. Text never carries control bytes: an order note must not be able to cut the
 * paper or change the code page.
 */
export type TextSegment = { bytes: Buffer } | { selectCharacterSet: CharacterSet };

const REPLACEMENT = '?';
const ASCII_LIMIT = 0x80;
const FIRST_PRINTABLE = 0x20;
/** DEL and the C1 controls, which some code pages would send as command bytes. */
const DEL_AND_C1 = { from: 0x7f, to: 0x9f } as const;
const WHITESPACE_CONTROLS = new Set([0x09, 0x0a, 0x0d]);

/** Removes everything a printer would read as a command; tabs and newlines become spaces. */
export function sanitizeText(text: string): string {
  let clean = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (WHITESPACE_CONTROLS.has(code)) clean += ' ';
    else if (code >= FIRST_PRINTABLE && (code < DEL_AND_C1.from || code > DEL_AND_C1.to)) clean += char;
  }
  return clean;
}

function isAscii(char: string): boolean {
  return char.codePointAt(0)! < ASCII_LIMIT;
}

/** The bytes of `char` in `encoding`, or undefined when the encoding cannot represent it. */
function encodeChar(char: string, encoding: string): Buffer | undefined {
  const bytes = iconv.encode(char, encoding);
  return iconv.decode(bytes, encoding) === char ? bytes : undefined;
}

export function encodeText(text: string, characterSet: CharacterSet): TextSegment[] {
  const mapping = CHARACTER_SET_MAPPINGS[characterSet];
  const clean = sanitizeText(text);
  return mapping.kind === 'kanji' ? encodeKanji(clean, mapping) : encodeSingleByte(clean, characterSet, mapping);
}

function encodeSingleByte(text: string, primary: CharacterSet, mapping: SingleByteCharacterSet): TextSegment[] {
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
    const other = [primary, ...mapping.fallbacks].find(
      (set) => set !== active && encodeChar(char, CHARACTER_SET_MAPPINGS[set].encoding) !== undefined,
    );
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
    const bytes = isAscii(char) ? undefined : encodeChar(char, mapping.encoding);
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
 * Columns a character takes at font A: a Kanji-mode character is 24 dots wide, twice an ASCII one.
 * Single-byte code pages print every character in one column.
 */
export function charColumns(char: string, characterSet: CharacterSet): number {
  const mapping = CHARACTER_SET_MAPPINGS[characterSet];
  if (mapping.kind !== 'kanji' || isAscii(char)) return 1;
  const bytes = encodeChar(char, mapping.encoding);
  return bytes && bytes.length > 1 ? 2 : 1;
}

export function textColumns(text: string, characterSet: CharacterSet): number {
  let columns = 0;
  for (const char of text) columns += charColumns(char, characterSet);
  return columns;
}
