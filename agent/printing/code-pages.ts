import type { CharacterSet } from '../../common/settings.js';
import type { Dialect } from './escpos-commands.js';

/**
 * Which bytes a character set means, in both directions (the full table with Epson and Star
 * numbers is in docs/printing.md, "Code pages").
 *
 * Rendering: each `CHARACTER_SETS` entry of the settings maps to a code page number per dialect
 * (`ESC t n` on Epson, `ESC GS t n` on Star, sent after `ESC @`) and an iconv-lite encoding for the
 * text. CJK sets use Kanji mode instead of a code page: `ESC R n` picks the region, `FS &` … `FS .`
 * wrap every multi-byte run.
 *
 * Decoding: `ESC t n` / `ESC GS t n` numbers → encodings (below), and the Kanji encoding follows
 * `ESC R n` / `FS C n`.
 */

export interface SingleByteCharacterSet {
  kind: 'single-byte';
  /** `ESC t n` on Epson ESC/POS. */
  epson: number;
  /** `ESC GS t n` in Star Line Mode; undefined when Star's table has no such page. */
  star?: number;
  encoding: string;
  /** Code pages tried, in order, for a character the main one lacks (a Russian name on a PC858 printer). */
  fallbacks: readonly SingleByteSetName[];
}

export interface KanjiCharacterSet {
  kind: 'kanji';
  /** node-thermal-printer's name; for EPSON it emits `ESC R n` (the region of the Kanji font). */
  libraryName: string;
  encoding: string;
  /** Extra command after the region, e.g. `FS C 1` for Shift_JIS on Japanese models. */
  codeSystem?: 'shift_jis';
}

export type CharacterSetMapping = SingleByteCharacterSet | KanjiCharacterSet;

type SingleByteSetName = Exclude<CharacterSet, 'CHINA' | 'JAPAN' | 'KOREA'>;

/**
 * The pages a line may switch to for a character its own page lacks: Western, Central European,
 * Turkish, Baltic, Greek and Cyrillic letters, which print one cell per character in logical order.
 * Hebrew, Arabic, Thai and Vietnamese are not fallbacks: a printer prints their code-page bytes
 * left to right, unjoined, or with marks in cells of their own, so `auto` draws those lines
 * instead (text-encoder.ts, needsDrawing).
 */
const SIMPLE_SCRIPT_PAGES: readonly SingleByteSetName[] = ['PC858_EURO', 'PC852_LATIN2', 'PC857_TURKISH', 'PC775_BALTIC', 'PC737_GREEK', 'PC866_CYRILLIC2'];
const fallbacksOf = (self: SingleByteSetName): SingleByteSetName[] => SIMPLE_SCRIPT_PAGES.filter((set) => set !== self);

function singleByte(self: SingleByteSetName, epson: number, star: number | undefined, encoding: string): SingleByteCharacterSet {
  return { kind: 'single-byte', epson, ...(star === undefined ? {} : { star }), encoding, fallbacks: fallbacksOf(self) };
}

export const CHARACTER_SET_MAPPINGS: Readonly<Record<CharacterSet, CharacterSetMapping>> = {
  PC858_EURO: singleByte('PC858_EURO', 19, 4, 'cp858'),
  PC437_USA: singleByte('PC437_USA', 0, 1, 'cp437'),
  PC852_LATIN2: singleByte('PC852_LATIN2', 18, 5, 'cp852'),
  WPC1250_LATIN2: singleByte('WPC1250_LATIN2', 45, 33, 'win1250'),
  PC857_TURKISH: singleByte('PC857_TURKISH', 13, 12, 'cp857'),
  WPC1254_TURKISH: singleByte('WPC1254_TURKISH', 48, undefined, 'win1254'),
  PC775_BALTIC: singleByte('PC775_BALTIC', 33, undefined, 'cp775'),
  WPC1257_BALTIC: singleByte('WPC1257_BALTIC', 51, undefined, 'win1257'),
  PC737_GREEK: singleByte('PC737_GREEK', 14, 15, 'cp737'),
  WPC1253_GREEK: singleByte('WPC1253_GREEK', 47, undefined, 'win1253'),
  PC866_CYRILLIC2: singleByte('PC866_CYRILLIC2', 17, 10, 'cp866'),
  WPC1251_CYRILLIC: singleByte('WPC1251_CYRILLIC', 46, 34, 'win1251'),
  PC862_HEBREW: singleByte('PC862_HEBREW', 36, 13, 'cp862'),
  PC864_ARABIC: singleByte('PC864_ARABIC', 37, 14, 'cp864'),
  WPC1256_ARABIC: singleByte('WPC1256_ARABIC', 50, undefined, 'win1256'),
  PC874_THAI: singleByte('PC874_THAI', 21, 21, 'tis620'),
  WPC1258_VIETNAMESE: singleByte('WPC1258_VIETNAMESE', 52, undefined, 'win1258'),
  CHINA: { kind: 'kanji', libraryName: 'CHINA', encoding: 'gb18030' },
  JAPAN: { kind: 'kanji', libraryName: 'JAPAN', encoding: 'shift_jis', codeSystem: 'shift_jis' },
  KOREA: { kind: 'kanji', libraryName: 'KOREA', encoding: 'euc-kr' },
};

/** Whether a printer of `dialect` has the page (Star's table lacks the Windows pages but 1250/1251, and CP775). */
export function dialectHas(set: CharacterSet, dialect: Dialect): boolean {
  const mapping = CHARACTER_SET_MAPPINGS[set];
  if (mapping.kind === 'kanji') return KANJI_DIALECTS.includes(dialect);
  return dialect === 'EPSON' || mapping.star !== undefined;
}

/** The bytes that select a single-byte page: `ESC t n` (Epson) or `ESC GS t n` (Star). */
export function selectCodePageBytes(set: SingleByteSetName, dialect: Dialect): Buffer {
  const mapping = CHARACTER_SET_MAPPINGS[set] as SingleByteCharacterSet;
  if (dialect === 'STAR') return Buffer.from([0x1b, 0x1d, 0x74, mapping.star ?? 0]);
  return Buffer.from([0x1b, 0x74, mapping.epson]);
}

export type { SingleByteSetName };

/** Printer types whose Kanji mode we know how to drive (Star Line Mode has its own, unsupported here). */
export const KANJI_DIALECTS: readonly Dialect[] = ['EPSON'];

/** The encoding a printer uses before any `ESC t`: code page 0 on both dialects. */
export const DEFAULT_CODE_PAGE = 0;
export const FALLBACK_ENCODING = 'cp437';

/** Epson `ESC t n` → iconv-lite encoding (pages iconv-lite lacks are left out and decode as CP437). */
const EPSON_CODE_PAGES: ReadonlyMap<number, string> = new Map([
  [0, 'cp437'], [2, 'cp850'], [3, 'cp860'], [4, 'cp863'], [5, 'cp865'], [13, 'cp857'], [14, 'cp737'],
  [15, 'iso-8859-7'], [16, 'cp1252'], [17, 'cp866'], [18, 'cp852'], [19, 'cp858'], [21, 'tis620'],
  [32, 'cp720'], [33, 'cp775'], [34, 'cp855'], [35, 'cp861'], [36, 'cp862'], [37, 'cp864'], [38, 'cp869'],
  [39, 'iso-8859-2'], [40, 'iso-8859-15'], [44, 'cp1125'], [45, 'win1250'], [46, 'win1251'], [47, 'win1253'],
  [48, 'win1254'], [49, 'win1255'], [50, 'win1256'], [51, 'win1257'], [52, 'win1258'], [53, 'rk1048'],
]);

/** Star `ESC GS t n` → iconv-lite encoding. */
const STAR_CODE_PAGES: ReadonlyMap<number, string> = new Map([
  [0, 'cp437'], [1, 'cp437'], [3, 'cp437'], [4, 'cp858'], [5, 'cp852'], [6, 'cp860'], [7, 'cp861'],
  [8, 'cp863'], [9, 'cp865'], [10, 'cp866'], [11, 'cp855'], [12, 'cp857'], [13, 'cp862'], [14, 'cp864'],
  [15, 'cp737'], [17, 'cp869'], [21, 'tis620'], [32, 'cp1252'], [33, 'win1250'], [34, 'win1251'],
]);

export function codePageEncoding(dialect: Dialect, codePage: number): string {
  const table = dialect === 'STAR' ? STAR_CODE_PAGES : EPSON_CODE_PAGES;
  return table.get(codePage) ?? FALLBACK_ENCODING;
}

/** The Kanji encoding a printer assumes before any `ESC R` / `FS C`: Chinese models are the common case. */
export const DEFAULT_KANJI_ENCODING = 'gb18030';

/** `ESC R n` international sets that come with a Kanji font. */
const KANJI_BY_REGION: ReadonlyMap<number, string> = new Map([
  [8, 'shift_jis'], // Japan
  [13, 'euc-kr'], // Korea
  [15, 'gb18030'], // China
]);

export function kanjiEncodingForRegion(internationalSet: number): string | undefined {
  return KANJI_BY_REGION.get(internationalSet);
}

/**
 * `FS C n`: 0 selects JIS (two 7-bit bytes per character, decoded as EUC-JP after setting the high
 * bits), 1 selects Shift_JIS.
 */
export const JIS_ENCODING = 'jis';
export function kanjiEncodingForCodeSystem(n: number): string | undefined {
  if (n === 0 || n === 0x30) return JIS_ENCODING;
  if (n === 1 || n === 0x31 || n === 2 || n === 0x32) return 'shift_jis';
  return undefined;
}
