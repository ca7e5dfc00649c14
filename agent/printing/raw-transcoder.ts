import type { CharacterSet, PrinterSettings } from '../../common/settings.js';
import { rasterCommand } from './bitmap.js';
import { CHARACTER_SET_MAPPINGS, dialectHas, selectCodePageBytes, type SingleByteSetName } from './code-pages.js';
import type { EscPosEffects } from './command-spec.js';
import { LF, SPACE } from './escpos-bytes.js';
import { measureCommand, type Dialect } from './escpos-commands.js';
import { drawTextLine } from './raster-text.js';
import { PAPER_DOTS } from './ticket-builder.js';
import { canPrintAsText, encodeText } from './text-encoder.js';

/**
 * Raw jobs (a TableTrack job, a POS's ticket forwarded by ingest) hold another system's ESC/POS
 * bytes. Some of those systems write their text as UTF-8, which a printer reads through its code
 * page: TableTrack's "•" (E2 80 A2) prints as "ΓÇó" on CP437. This pass finds text runs that are
 * valid UTF-8 with characters beyond ASCII, outside Kanji mode, and prints them right for this
 * printer: through its code pages (the page selected for the run, the job's own page restored
 * after it), or — in `auto` and `image` modes, for a run no page holds — drawn as an image line.
 * Everything else passes byte for byte; commands are measured with the decoder's own tables, so
 * image data is never taken for text.
 *
 * Named limits: a run that was meant as code-page text and happens to be valid UTF-8 (two bytes
 * like C3 A9) is read as UTF-8; a drawn run becomes a line of its own, in the style the job had
 * set (bold, size, alignment, reverse) as far as the drawing can show it.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Follows the job's state through its commands: what a drawn run needs to look like the rest. */
class JobState implements EscPosEffects {
  kanji = false;
  /** The code page the job selected itself (`ESC t n` / `ESC GS t n`), to restore after a run. */
  codePage: number | undefined;
  bold = false;
  inverted = false;
  scaleX = 1;
  scaleY = 1;
  align: 'left' | 'center' | 'right' = 'left';
  lineHasText = false;

  init(): void {
    Object.assign(this, { kanji: false, codePage: undefined, bold: false, inverted: false, scaleX: 1, scaleY: 1, align: 'left', lineHasText: false });
  }
  lineFeed(): void {
    this.lineHasText = false;
  }
  flushLine(): void {
    this.lineHasText = false;
  }
  tab(): void {}
  setBold(on: boolean): void {
    this.bold = on;
  }
  setUnderline(): void {}
  setSize(width: number | undefined, height: number | undefined): void {
    if (width !== undefined) this.scaleX = width;
    if (height !== undefined) this.scaleY = height;
  }
  setInverted(on: boolean): void {
    this.inverted = on;
  }
  setRed(): void {}
  setAlign(align: 'left' | 'center' | 'right'): void {
    this.align = align;
  }
  selectCodePage(n: number): void {
    this.codePage = n;
  }
  selectInternationalSet(): void {}
  setKanjiMode(on: boolean): void {
    this.kanji = on;
  }
  selectKanjiCodeSystem(): void {}
  cut(): void {
    this.lineHasText = false;
  }
  buzzer(): void {}
  statusRequest(): void {}
  image(): void {
    this.lineHasText = false;
  }
  barcode(): void {
    this.lineHasText = false;
  }
}

function utf8Text(run: Uint8Array): string | undefined {
  if (!run.some((byte) => byte >= 0x80)) return undefined;
  try {
    return UTF8.decode(run);
  } catch {
    return undefined;
  }
}

/** The job's own page again after a run of ours, when it had selected one. */
function restorePage(state: JobState, dialect: Dialect): Buffer {
  if (state.codePage === undefined) return Buffer.alloc(0);
  return dialect === 'STAR' ? Buffer.from([0x1b, 0x1d, 0x74, state.codePage]) : Buffer.from([0x1b, 0x74, state.codePage]);
}

export function transcodeRawJob(bytes: Buffer, printer: Pick<PrinterSettings, 'type' | 'width' | 'characterSet' | 'textMode'>): Buffer {
  const dialect: Dialect = printer.type;
  const set: CharacterSet = printer.characterSet;
  const state = new JobState();
  const out: Buffer[] = [];
  let changed = false;
  let pos = 0;
  while (pos < bytes.length) {
    if (bytes[pos]! < SPACE) {
      const measured = measureCommand(dialect, bytes, pos);
      const length = measured.status === 'incomplete' ? bytes.length - pos : measured.length;
      if (measured.status === 'complete') measured.spec.apply?.(state, bytes.subarray(pos + 2, pos + measured.length));
      out.push(bytes.subarray(pos, pos + length));
      pos += length;
      continue;
    }
    let end = pos + 1;
    while (end < bytes.length && bytes[end]! >= SPACE) end++;
    const run = bytes.subarray(pos, end);
    const text = state.kanji ? undefined : utf8Text(run);
    pos = end;
    if (text === undefined) {
      out.push(run);
      state.lineHasText = true;
      continue;
    }
    changed = true;
    const draw = printer.textMode === 'image' || (printer.textMode !== 'codepage' && !canPrintAsText(text, set, dialect));
    if (draw) {
      // A raster image is a line of its own: end the text before it, and let it take the LF after it.
      if (state.lineHasText) out.push(Buffer.from([LF]));
      const bitmap = drawTextLine(text.trim(), { scaleX: state.scaleX, scaleY: state.scaleY, bold: state.bold, inverted: state.inverted, align: state.align, indentDots: 0 }, PAPER_DOTS[printer.width]);
      out.push(rasterCommand(bitmap, dialect));
      if (bytes[pos] === LF) pos++;
      state.lineHasText = false;
      continue;
    }
    const singleByte = CHARACTER_SET_MAPPINGS[set].kind === 'single-byte' && dialectHas(set, dialect);
    const primary = singleByte ? selectCodePageBytes(set as SingleByteSetName, dialect) : Buffer.alloc(0);
    out.push(primary);
    for (const segment of encodeText(text, set, dialect)) {
      out.push('bytes' in segment ? segment.bytes : selectCodePageBytes(segment.selectCharacterSet as SingleByteSetName, dialect));
    }
    out.push(restorePage(state, dialect));
    state.lineHasText = true;
  }
  return changed ? Buffer.concat(out) : bytes;
}
