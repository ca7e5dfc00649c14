import { describe, expect, it } from 'vitest';
import type { CharacterSet } from '../../common/settings.js';
import { CHARACTER_SET_MAPPINGS, selectCodePageBytes, type SingleByteSetName } from './code-pages.js';
import { decodeEscPos } from './escpos-decoder.js';
import type { Dialect } from './escpos-commands.js';
import { encodeText } from './text-encoder.js';
import { CHARACTER_SET_SAMPLES } from './ticket-renderer.js';
import { hasRightToLeft, toVisualOrder } from './visual-order.js';

/** The table of docs/printing.md ("Code pages"): Epson `ESC t n`, Star `ESC GS t n` (— where Star has none). */
const DOCUMENTED: Readonly<Record<SingleByteSetName, { epson: number; star?: number }>> = {
  PC858_EURO: { epson: 19, star: 4 },
  PC437_USA: { epson: 0, star: 1 },
  PC852_LATIN2: { epson: 18, star: 5 },
  WPC1250_LATIN2: { epson: 45, star: 33 },
  PC857_TURKISH: { epson: 13, star: 12 },
  WPC1254_TURKISH: { epson: 48 },
  PC775_BALTIC: { epson: 33 },
  WPC1257_BALTIC: { epson: 51 },
  PC737_GREEK: { epson: 14, star: 15 },
  WPC1253_GREEK: { epson: 47 },
  PC866_CYRILLIC2: { epson: 17, star: 10 },
  WPC1251_CYRILLIC: { epson: 46, star: 34 },
  PC862_HEBREW: { epson: 36, star: 13 },
  PC864_ARABIC: { epson: 37, star: 14 },
  WPC1256_ARABIC: { epson: 50 },
  PC874_THAI: { epson: 21, star: 21 },
  WPC1258_VIETNAMESE: { epson: 52 },
};

const SETS = Object.keys(DOCUMENTED) as SingleByteSetName[];

/** How the sample reads off paper: right-to-left text in visual order; shapes and base + mark as letters. */
const asPrinted = (text: string): string => (hasRightToLeft(text) ? toVisualOrder(text) : text).normalize('NFKC');

function printed(set: CharacterSet, dialect: Dialect): string {
  const segments = encodeText(CHARACTER_SET_SAMPLES[set], set, dialect);
  const bytes = Buffer.concat([
    Buffer.from([0x1b, 0x40]),
    selectCodePageBytes(set as SingleByteSetName, dialect),
    ...segments.map((segment) => ('bytes' in segment ? segment.bytes : selectCodePageBytes(segment.selectCharacterSet as SingleByteSetName, dialect))),
    Buffer.from([0x0a]),
  ]);
  const decoded = decodeEscPos(bytes, { printerType: dialect });
  expect(decoded.unknownBytes).toBe(0);
  return decoded.lines.map((line) => line.text).join('\n');
}

describe('code pages', () => {
  it.each(SETS.map((set) => [set]))('%s selects the documented page on Epson and Star', (set) => {
    const mapping = CHARACTER_SET_MAPPINGS[set];
    expect(mapping.kind).toBe('single-byte');
    expect(selectCodePageBytes(set, 'EPSON')).toEqual(Buffer.from([0x1b, 0x74, DOCUMENTED[set].epson]));
    if (mapping.kind === 'single-byte') expect(mapping.star).toBe(DOCUMENTED[set].star);
    if (DOCUMENTED[set].star !== undefined) expect(selectCodePageBytes(set, 'STAR')).toEqual(Buffer.from([0x1b, 0x1d, 0x74, DOCUMENTED[set].star]));
  });

  it.each(SETS.map((set) => [set]))('%s: its sample decodes back through ESC t n on Epson, without a single "?"', (set) => {
    const text = printed(set, 'EPSON');
    expect(text).not.toContain('?');
    expect(text.normalize('NFKC')).toBe(asPrinted(CHARACTER_SET_SAMPLES[set]));
  });

  it.each(SETS.filter((set) => DOCUMENTED[set].star !== undefined).map((set) => [set]))('%s: its sample decodes back through ESC GS t n on Star', (set) => {
    expect(printed(set, 'STAR').normalize('NFKC')).toBe(asPrinted(CHARACTER_SET_SAMPLES[set]));
  });

  it('writes Vietnamese tones Windows-1258 has no precomposed letter for as base letter + combining mark', () => {
    // ở = ơ (0xD5) + combining hook above (0xD2); ệ = ê (0xEA) + combining dot below (0xF2).
    const [segment] = encodeText('ởệ', 'WPC1258_VIETNAMESE');
    expect(segment).toEqual({ bytes: Buffer.from([0xf5, 0xd2, 0xea, 0xf2]) });
  });

  it('shapes Arabic for CP864, which holds joined forms rather than letters', () => {
    // بب: an initial beh (ﺑ) joined to a final one, sent right to left. CP864 has no final beh,
    // so the leftmost cell is its isolated form (ﺏ), the closest shape the page holds.
    const [segment] = encodeText('بب', 'PC864_ARABIC');
    const [line] = decodeEscPos(Buffer.concat([Buffer.from([0x1b, 0x74, 37]), (segment as { bytes: Buffer }).bytes, Buffer.from([0x0a])])).lines;
    expect([...line!.text]).toEqual(['\ufe8f', '\ufe91']);
  });
});
