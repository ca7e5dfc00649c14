/**
 * Writes resources/fonts/*: the Noto fonts (SIL Open Font License 1.1) that tickets are drawn with
 * when a line holds characters no code page of the printer has (docs/printing.md, "Text modes"),
 * cut down to the characters a kitchen ticket needs. Run on a Debian machine after changing a range:
 *   apt-get install fonts-noto-core fonts-noto-cjk libharfbuzz-bin
 *   npx tsx resources/make-fonts.ts
 * hb-subset keeps every OpenType layout feature (`--layout-features=*`): Arabic joining, Indic and
 * Thai mark positioning and ligatures need GSUB/GPOS, which simpler subsetters drop.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { FONT_FILES } from '../agent/printing/fonts.js';

const NOTO = '/usr/share/fonts/truetype/noto';
const NOTO_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
/** Face 2 of the collection is Simplified Chinese; it holds every Japanese and Korean glyph too. */
const CJK_SC_FACE = 2;

/** Spaces, digits and punctuation every script's lines share, so a run never falls back mid-word. */
const COMMON = 'U+0020-007E,U+00A0-00BF,U+00D7,U+00F7,U+200B-200F,U+2010-2027,U+202F,U+2030-205E,U+20A0-20CF,U+25CC';

const SOURCES: Record<string, { from: string; unicodes: string; face?: number }> = {
  'NotoSans-Regular.ttf': { from: `${NOTO}/NotoSans-Regular.ttf`, unicodes: latinGreekCyrillic() },
  'NotoSans-Bold.ttf': { from: `${NOTO}/NotoSans-Bold.ttf`, unicodes: latinGreekCyrillic() },
  'NotoSansArabic-Regular.ttf': { from: `${NOTO}/NotoSansArabic-Regular.ttf`, unicodes: `${COMMON},U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF` },
  'NotoSansArabic-Bold.ttf': { from: `${NOTO}/NotoSansArabic-Bold.ttf`, unicodes: `${COMMON},U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF` },
  'NotoSansHebrew-Regular.ttf': { from: `${NOTO}/NotoSansHebrew-Regular.ttf`, unicodes: `${COMMON},U+0590-05FF,U+FB1D-FB4F` },
  'NotoSansHebrew-Bold.ttf': { from: `${NOTO}/NotoSansHebrew-Bold.ttf`, unicodes: `${COMMON},U+0590-05FF,U+FB1D-FB4F` },
  'NotoSansThai-Regular.ttf': { from: `${NOTO}/NotoSansThai-Regular.ttf`, unicodes: `${COMMON},U+0E00-0E7F` },
  'NotoSansThai-Bold.ttf': { from: `${NOTO}/NotoSansThai-Bold.ttf`, unicodes: `${COMMON},U+0E00-0E7F` },
  'NotoSansDevanagari-Regular.ttf': { from: `${NOTO}/NotoSansDevanagari-Regular.ttf`, unicodes: `${COMMON},U+0900-097F,U+1CD0-1CFF,U+A8E0-A8FF` },
  'NotoSansDevanagari-Bold.ttf': { from: `${NOTO}/NotoSansDevanagari-Bold.ttf`, unicodes: `${COMMON},U+0900-097F,U+1CD0-1CFF,U+A8E0-A8FF` },
  'NotoSansCJK-Regular.otf': { from: NOTO_CJK, unicodes: '', face: CJK_SC_FACE },
};

function latinGreekCyrillic(): string {
  // Latin-1, Extended-A/B (Central European, Turkish, Baltic), Vietnamese, Greek, Cyrillic.
  return `${COMMON},U+00C0-024F,U+0259,U+02B9-02DD,U+0300-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2100-2122,U+2190-2195,U+2212,U+2022,U+25CF,U+FB00-FB06`;
}

/** Every character a double-byte code table encodes, decoded through iconv-lite. */
function doubleByteTable(encoding: string, leads: [number, number], trails: [number, number]): string[] {
  const chars: string[] = [];
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (let trail = trails[0]; trail <= trails[1]; trail++) {
      const char = iconv.decode(Buffer.from([lead, trail]), encoding);
      if (char.length > 0 && !char.includes('\ufffd') && (char.codePointAt(0) ?? 0) >= 0x2e80) chars.push(char);
    }
  }
  return chars;
}

/**
 * What Chinese, Japanese and Korean menus are written with: GB2312 level 1 (the 3,755 most used
 * Simplified hanzi), Big5 level 1 (5,401 frequent Traditional hanzi), JIS X 0208 level 1 (2,965
 * kanji) and the kana, the 2,350 Hangul syllables of KS X 1001, CJK punctuation and full-width
 * forms. A rarer character comes from the PC's own fonts (Windows ships CJK fonts), or prints as a
 * box: see docs/printing.md, "Fonts".
 */
function cjkCodePoints(): string {
  const chars = new Set<string>([
    ...doubleByteTable('gb2312', [0xb0, 0xd7], [0xa1, 0xfe]),
    ...doubleByteTable('big5', [0xa4, 0xc6], [0x40, 0xfe]),
    ...doubleByteTable('euc-jp', [0xb0, 0xcf], [0xa1, 0xfe]),
    ...doubleByteTable('euc-kr', [0xb0, 0xc8], [0xa1, 0xfe]),
  ]);
  const ranges = ['2E80-2EFF', '3000-303F', '3040-30FF', '31F0-31FF', 'FF00-FFEF'];
  return [COMMON, ...ranges.map((r) => `U+${r}`), ...[...chars].map((c) => `U+${c.codePointAt(0)!.toString(16)}`)].join(',');
}

const outDir = join(import.meta.dirname, 'fonts');
mkdirSync(outDir, { recursive: true });
for (const [name, source] of Object.entries(SOURCES)) {
  if (!Object.values(FONT_FILES).some((files) => files.regular === name || files.bold === name)) throw new Error(`${name} is not listed in agent/printing/fonts.ts`);
  const unicodes = source.unicodes || cjkCodePoints();
  const listFile = join(outDir, `${name}.unicodes`);
  writeFileSync(listFile, unicodes);
  const out = join(outDir, name);
  execFileSync('hb-subset', [
    source.from,
    `--face-index=${source.face ?? 0}`,
    `--unicodes-file=${listFile}`,
    '--layout-features=*',
    '--no-hinting',
    `--output-file=${out}`,
  ]);
  rmSync(listFile);
  console.log(`${out}  ${statSync(out).size} bytes`);
}
