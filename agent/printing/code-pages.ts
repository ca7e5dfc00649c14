import type { CharacterSet } from '../../common/settings.js';
import type { Dialect } from './escpos-commands.js';

/**
 * Which bytes a character set means, in both directions.
 *
 * Rendering: each `CHARACTER_SETS` entry of the settings maps to a node-thermal-printer character
 * set (whose select command the library emits: `ESC t n` on Epson, `ESC GS t n` on Star) and an
 * iconv-lite encoding for the text. CJK sets use Kanji mode instead of a code page: `ESC R n`
 * picks the region, `FS &` … `FS .` wrap every multi-byte run.
 *
 * | setting            | Epson            | Star          | text encoding          |
 * |--------------------|------------------|---------------|------------------------|
 * | PC858_EURO         | ESC t 19         | ESC GS t 4    | CP858 (Latin-1 + €)    |
 * | PC437_USA          | ESC t 0          | ESC GS t 1    | CP437                  |
 * | PC866_CYRILLIC2    | ESC t 17         | ESC GS t 10   | CP866                  |
 * | WPC1251_CYRILLIC   | ESC t 46         | ESC GS t 34   | Windows-1251           |
 * | CHINA              | ESC R 15, FS &   | not supported | GB18030 in Kanji mode  |
 * | JAPAN              | ESC R 8, FS C 1, FS & | not supported | Shift_JIS in Kanji mode |
 * | KOREA              | ESC R 13, FS &   | not supported | EUC-KR in Kanji mode   |
 *
 * Decoding: `ESC t n` / `ESC GS t n` numbers → encodings (below), and the Kanji encoding follows
 * `ESC R n` / `FS C n`.
 */

export interface SingleByteCharacterSet {
  kind: 'single-byte';
  /** node-thermal-printer's name; its setCharacterSet() emits the select command per printer type. */
  libraryName: string;
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

type SingleByteSetName = 'PC858_EURO' | 'PC437_USA' | 'PC866_CYRILLIC2' | 'WPC1251_CYRILLIC';

export const CHARACTER_SET_MAPPINGS: Readonly<Record<CharacterSet, CharacterSetMapping>> = {
  PC858_EURO: { kind: 'single-byte', libraryName: 'PC858_EURO', encoding: 'cp858', fallbacks: ['PC866_CYRILLIC2'] },
  PC437_USA: { kind: 'single-byte', libraryName: 'PC437_USA', encoding: 'cp437', fallbacks: ['PC858_EURO', 'PC866_CYRILLIC2'] },
  PC866_CYRILLIC2: { kind: 'single-byte', libraryName: 'PC866_CYRILLIC2', encoding: 'cp866', fallbacks: ['PC858_EURO'] },
  WPC1251_CYRILLIC: { kind: 'single-byte', libraryName: 'WPC1251_CYRILLIC', encoding: 'win1251', fallbacks: ['PC858_EURO'] },
  CHINA: { kind: 'kanji', libraryName: 'CHINA', encoding: 'gb18030' },
  JAPAN: { kind: 'kanji', libraryName: 'JAPAN', encoding: 'shift_jis', codeSystem: 'shift_jis' },
  KOREA: { kind: 'kanji', libraryName: 'KOREA', encoding: 'euc-kr' },
};

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
  [15, 'cp737'], [17, 'cp869'], [21, 'cp874'], [32, 'cp1252'], [33, 'win1250'], [34, 'win1251'],
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
