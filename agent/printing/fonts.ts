import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { skia } from './skia.js';

/**
 * The fonts the agent draws ticket lines with when the printer's code pages cannot print them
 * (raster-text.ts). Noto (SIL Open Font License 1.1, resources/fonts/OFL.txt), subset by
 * resources/make-fonts.ts to what tickets need. One family per script, tried in order; a character
 * none of them has comes from the PC's own fonts (Skia's fallback), or prints as a blank box.
 *
 * The folder is found the way main/paths.ts finds icons: two levels above this module, which is
 * agent/printing/ in the repository, dist/agent/ for the bundled agent and dist/electron/ in the
 * desktop app (inside its asar, which fs reads; the fonts are registered from buffers, so Skia never
 * needs a real path).
 */
export const FONT_FAMILIES = {
  latin: 'Noto Sans',
  arabic: 'Noto Sans Arabic',
  hebrew: 'Noto Sans Hebrew',
  thai: 'Noto Sans Thai',
  devanagari: 'Noto Sans Devanagari',
  cjk: 'Noto Sans CJK SC',
} as const;

/** Files per family: Regular and Bold where the script has both; CJK has Regular (Skia emboldens it). */
export const FONT_FILES: Readonly<Record<keyof typeof FONT_FAMILIES, { regular: string; bold?: string }>> = {
  latin: { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  arabic: { regular: 'NotoSansArabic-Regular.ttf', bold: 'NotoSansArabic-Bold.ttf' },
  hebrew: { regular: 'NotoSansHebrew-Regular.ttf', bold: 'NotoSansHebrew-Bold.ttf' },
  thai: { regular: 'NotoSansThai-Regular.ttf', bold: 'NotoSansThai-Bold.ttf' },
  devanagari: { regular: 'NotoSansDevanagari-Regular.ttf', bold: 'NotoSansDevanagari-Bold.ttf' },
  cjk: { regular: 'NotoSansCJK-Regular.otf' },
};

/**
 * Bold faces are registered as families of their own ("Noto Sans Bold"): registered under one
 * family name with the Regular face, Skia drew every line with whichever face came last.
 */
const BOLD_SUFFIX = ' Bold';

export const FONTS_DIR = join(import.meta.dirname, '..', '..', 'resources', 'fonts');

/** The CSS font-family lists a canvas uses: every shipped family, in the order they are tried. */
export const FONT_STACKS: Readonly<Record<'regular' | 'bold', string>> = {
  regular: stack(() => ''),
  bold: stack((key) => (FONT_FILES[key].bold ? BOLD_SUFFIX : '')),
};

function stack(suffix: (key: keyof typeof FONT_FAMILIES) => string): string {
  return (Object.keys(FONT_FAMILIES) as (keyof typeof FONT_FAMILIES)[]).map((key) => `"${FONT_FAMILIES[key]}${suffix(key)}"`).join(', ');
}

let registered = false;

/** Registers the shipped fonts once per process (later calls are free). */
export function ensureFontsRegistered(dir: string = FONTS_DIR): void {
  if (registered) return;
  for (const key of Object.keys(FONT_FAMILIES) as (keyof typeof FONT_FAMILIES)[]) {
    const { regular, bold } = FONT_FILES[key];
    skia().GlobalFonts.register(readFileSync(join(dir, regular)), FONT_FAMILIES[key]);
    if (bold) skia().GlobalFonts.register(readFileSync(join(dir, bold)), `${FONT_FAMILIES[key]}${BOLD_SUFFIX}`);
  }
  registered = true;
}
