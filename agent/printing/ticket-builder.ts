import { BreakLine, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { CharacterSet, PrinterSettings, TextMode } from '../../common/settings.js';
import { rasterCommand, type Bitmap } from './bitmap.js';
import { logoBitmap } from './logo.js';
import { CHARACTER_SET_MAPPINGS, dialectHas, selectCodePageBytes, type SingleByteSetName } from './code-pages.js';
import { COLUMN_DOTS, drawTextLine, measureDrawnText, type DrawStyle } from './raster-text.js';
import { paragraphDirection } from './visual-order.js';
import {
  BUZZER_BEEPS,
  BUZZER_DURATION_UNITS,
  ESC_COLOR_BLACK,
  ESC_COLOR_RED,
  ESC_INIT,
  FS_KANJI_SHIFT_JIS,
  GS_TEXT_SIZE_3X,
  STAR_BUZZER_RING,
  STAR_BUZZER_SETUP,
  STAR_TEXT_SIZE_3X,
} from './escpos-bytes.js';
import { PRINTING_ERRORS, PrintingError } from './printing-errors.js';
import { canPrintAsText, encodeText, sanitizeText, textColumns } from './text-encoder.js';
import { wrapText, wrapWithPrefix } from './text-wrap.js';

/** Characters per line at font A: 58 mm paper prints 32, 80 mm prints 48. */
export const PAPER_COLUMNS: Readonly<Record<PrinterSettings['width'], number>> = { 58: 32, 80: 48 };
/** Printable dots per line, the widest image that fits. */
export const PAPER_DOTS: Readonly<Record<PrinterSettings['width'], number>> = { 58: 384, 80: 576 };

export type TextSize = 'normal' | 'doubleHeight' | 'double' | 'triple';
export type Highlight = 'inverted' | 'red';

export interface LineStyle {
  size?: TextSize;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  /** Plain text before the highlighted part (indentation stays unhighlighted). */
  indent?: string;
  highlight?: Highlight;
}

/** Dots per QR module: large enough to scan off thermal paper, small enough for 58 mm. */
const QR_CELL_SIZE = 6;

/** Star Line Mode QR: `ESC GS y S 0|1|2 n` (model 2, correction M, cell size), `ESC GS y D 1 0 nL nH d…` (data, auto mode), `ESC GS y P`. */
function starQrCode(data: string): Buffer {
  const prefix = [0x1b, 0x1d, 0x79];
  const bytes = Buffer.from(data, 'latin1');
  return Buffer.concat([
    Buffer.from([...prefix, 0x53, 0x30, 2, ...prefix, 0x53, 0x31, 1, ...prefix, 0x53, 0x32, QR_CELL_SIZE]),
    Buffer.from([...prefix, 0x44, 0x31, 0x00, bytes.length % 256, Math.floor(bytes.length / 256)]),
    bytes,
    Buffer.from([...prefix, 0x50]),
  ]);
}

/** Columns one character of a size takes. */
const WIDTH_MULTIPLIER: Readonly<Record<TextSize, number>> = { normal: 1, doubleHeight: 1, double: 2, triple: 3 };

/**
 * The buffer builder handed to node-thermal-printer. Its typings want a string, but it accepts an
 * interface object (lib/interfaces/index.js); this one refuses to run, so a renderer can never
 * send by mistake — sending is the transport's job, which waits for the printer's answer.
 */
const BUFFER_ONLY_INTERFACE = {
  execute: () => Promise.reject(new Error('ticket builders never send: use sendToPrinter()')),
  isPrinterConnected: () => Promise.resolve(false),
};

export type BuilderSettings = Pick<PrinterSettings, 'type' | 'width' | 'characterSet'> & Partial<Pick<PrinterSettings, 'textMode'>>;

/** Dots per size multiplier, as `GS !` scales printer text. */
const SCALE: Readonly<Record<TextSize, { x: number; y: number }>> = {
  normal: { x: 1, y: 1 },
  doubleHeight: { x: 1, y: 2 },
  double: { x: 2, y: 2 },
  triple: { x: 3, y: 3 },
};
/** A drawn rule: a 2-dot line in the middle of a band as tall as a text line. */
const RULE_BAND_DOTS = 24;
const RULE_THICKNESS_DOTS = 2;

/**
 * A fresh node-thermal-printer per ticket, plus what the library lacks: text encoded by our code
 * page mapping (with Kanji mode), lines drawn as images where the code pages cannot print them
 * (the printer's `textMode`, docs/printing.md), wrapping by printed columns (or dots, for drawn
 * lines), 3× size and red on impact printers.
 */
export class TicketBuilder {
  readonly columns: number;
  readonly paperDots: number;
  readonly textMode: TextMode;
  private readonly printer: ThermalPrinter;
  private readonly type: PrinterSettings['type'];
  private readonly characterSet: CharacterSet;

  constructor(settings: BuilderSettings) {
    this.textMode = settings.textMode ?? 'auto';
    // In image mode no text reaches the printer, so any printer can print any character set.
    if (this.textMode !== 'image' && !dialectHas(settings.characterSet, settings.type)) {
      const kanji = CHARACTER_SET_MAPPINGS[settings.characterSet].kind === 'kanji';
      throw new PrintingError(
        PRINTING_ERRORS.CHARACTER_SET_UNSUPPORTED,
        kanji
          ? `character set ${settings.characterSet} needs an ESC/POS printer (type EPSON); set the Star printer to ESC/POS emulation, or use text mode image`
          : `Star printers have no code page for ${settings.characterSet}; pick another character set or text mode image`,
      );
    }
    this.type = settings.type;
    this.characterSet = settings.characterSet;
    this.columns = PAPER_COLUMNS[settings.width];
    this.paperDots = PAPER_DOTS[settings.width];
    // No characterSet in the config: the library would emit the code page before ESC @, which resets it.
    this.printer = new ThermalPrinter({
      type: settings.type === 'STAR' ? PrinterTypes.STAR : PrinterTypes.EPSON,
      interface: BUFFER_ONLY_INTERFACE as unknown as string,
      width: this.columns,
      breakLine: BreakLine.NONE,
    });
  }

  /** `ESC @`, then the character set: init resets the code page, so the order matters. */
  start(): this {
    this.printer.append(ESC_INIT);
    this.selectCharacterSet(this.characterSet);
    const mapping = CHARACTER_SET_MAPPINGS[this.characterSet];
    if (mapping.kind === 'kanji' && mapping.codeSystem === 'shift_jis') this.printer.append(FS_KANJI_SHIFT_JIS);
    return this;
  }

  /** Prints `text` wrapped to the line width of its size, every line in the same style. */
  paragraph(text: string, style: LineStyle = {}): this {
    if (this.mustDraw(text, style)) return this.drawParagraph('', text, style);
    const width = this.widthFor(style);
    for (const line of wrapText(text, width, this.measure)) this.textLine(line, style);
    return this;
  }

  /** Like paragraph, with a hanging indent after `prefix` (`2 x ` before an item name). */
  prefixed(prefix: string, text: string, style: LineStyle = {}): this {
    if (this.mustDraw(prefix + text, style)) return this.drawParagraph(prefix, text, style);
    const width = this.widthFor(style);
    for (const line of wrapWithPrefix(prefix, text, width, this.measure)) this.textLine(line, style);
    return this;
  }

  /** One physical line; the caller made sure it fits. */
  line(text: string, style: LineStyle = {}): this {
    if (this.mustDraw(text, style)) return this.drawParagraph('', text, style);
    return this.textLine(text, style);
  }

  /** One line sent as code-page text whatever the text mode (the test page's code page check). */
  codePageLine(text: string, style: LineStyle = {}): this {
    return this.textLine(text, style);
  }

  /** One paragraph drawn whatever the text mode. */
  drawnLine(text: string, style: LineStyle = {}): this {
    return this.drawParagraph('', text, style);
  }

  /**
   * Whether a line is drawn rather than sent as text: always in `image` mode, never in `codepage`
   * mode, and in `auto` when the printer's code pages cannot print it right.
   */
  private mustDraw(text: string, style: LineStyle): boolean {
    if (this.textMode === 'codepage') return false;
    if (this.textMode === 'image') return true;
    return !canPrintAsText(`${style.indent ?? ''}${text}`, this.characterSet, this.type);
  }

  /** Wraps by drawn width (dots) and prints each line as an image; continuation lines hang under the text after `prefix`. */
  private drawParagraph(prefix: string, text: string, style: LineStyle): this {
    const scale = SCALE[style.size ?? 'normal'];
    const draw: DrawStyle = {
      scaleX: scale.x,
      scaleY: scale.y,
      bold: style.bold ?? false,
      // A raster line has one colour: red highlight is drawn reversed.
      inverted: style.highlight !== undefined,
      align: style.align ?? 'left',
      indentDots: (style.indent?.length ?? 0) * COLUMN_DOTS,
      // Decided by the text, not by a prefix of ours (`2 x `).
      direction: paragraphDirection(sanitizeText(text)),
    };
    const clean = sanitizeText(text);
    const measure = (t: string): number => measureDrawnText(t, draw);
    const prefixDots = prefix ? measure(prefix) : 0;
    const lines = wrapText(clean, Math.max(1, this.paperDots - draw.indentDots - prefixDots), measure);
    lines.forEach((line, i) => {
      const drawn = i === 0 ? `${prefix}${line}` : line;
      this.image1bit(drawTextLine(drawn, { ...draw, indentDots: draw.indentDots + (i === 0 ? 0 : prefixDots) }, this.paperDots));
    });
    if (lines.length === 0 && prefix) this.image1bit(drawTextLine(prefix, draw, this.paperDots));
    return this;
  }

  /**
   * The printer's logo (a 1-bit PNG made by logo.ts), centred. A stored logo that cannot be read
   * (a hand-edited settings file) is left out rather than failing the ticket.
   */
  logo(dataUrl: string | undefined): this {
    if (!dataUrl) return this;
    let bitmap: Bitmap;
    try {
      bitmap = logoBitmap(dataUrl, this.paperDots);
    } catch {
      return this;
    }
    return this.image1bit(bitmap);
  }

  /** A bitmap as the printer's raster command (GS v 0 on Epson, ESC GS S on Star). */
  image1bit(bitmap: Bitmap): this {
    this.printer.append(rasterCommand(bitmap, this.type));
    return this;
  }

  private textLine(text: string, style: LineStyle = {}): this {
    const p = this.printer;
    const red = style.highlight === 'red' && this.type === 'EPSON';
    // ESC r only acts at the start of a line, so colour is switched around the whole line.
    if (red) p.append(ESC_COLOR_RED);
    if (style.align === 'center') p.alignCenter();
    else if (style.align === 'right') p.alignRight();
    const size = style.size ?? 'normal';
    // Size before bold: ESC ! (Epson's size command) also clears emphasis.
    if (size !== 'normal') this.setSize(size);
    if (style.bold) p.bold(true);
    if (style.indent) this.appendText(style.indent);
    // On Star, highlight is one command: red on two-colour printers, reverse on thermal ones.
    const inverted = style.highlight === 'inverted' || (style.highlight === 'red' && this.type === 'STAR');
    if (inverted) p.invert(true);
    this.appendText(text);
    if (inverted) p.invert(false);
    if (style.bold) p.bold(false);
    if (size !== 'normal') this.setSize('normal');
    p.newLine();
    if (style.align && style.align !== 'left') p.alignLeft();
    if (red) p.append(ESC_COLOR_BLACK);
    return this;
  }

  rule(): this {
    if (this.textMode !== 'image') {
      this.printer.drawLine('-');
      return this;
    }
    const widthBytes = this.paperDots / 8;
    const data = new Uint8Array(widthBytes * RULE_BAND_DOTS);
    const top = Math.floor((RULE_BAND_DOTS - RULE_THICKNESS_DOTS) / 2);
    data.fill(0xff, top * widthBytes, (top + RULE_THICKNESS_DOTS) * widthBytes);
    return this.image1bit({ width: this.paperDots, height: RULE_BAND_DOTS, data });
  }

  blank(): this {
    this.printer.newLine();
    return this;
  }

  buzzer(): this {
    if (this.type === 'STAR') this.printer.append(Buffer.concat([STAR_BUZZER_SETUP, STAR_BUZZER_RING]));
    else this.printer.beep(BUZZER_BEEPS, BUZZER_DURATION_UNITS);
    return this;
  }

  /** Cut (the library appends `ESC @` after it), or just feed to the tear bar. */
  finish(cut: boolean): this {
    if (cut) {
      this.printer.cut();
    } else {
      this.printer.printVerticalTab();
      this.printer.printVerticalTab();
    }
    return this;
  }

  append(bytes: Buffer): this {
    this.printer.append(bytes);
    return this;
  }

  /** node-thermal-printer's image encoder (raster `GS v 0` on Epson, `ESC k` bands on Star). */
  async image(png: Buffer): Promise<this> {
    this.printer.alignCenter();
    await this.printer.printImageBuffer(png);
    this.printer.newLine();
    this.printer.alignLeft();
    return this;
  }

  /**
   * A QR code of `data` (ASCII), centred. Model 2, error correction M, 6-dot modules: about 2.5 cm
   * for a card number, easy for a till's scanner. Epson: node-thermal-printer's printQR (`GS ( k`
   * store, then print). Star: written here, because the library's Star printQR (4.x) leaves out the
   * data command's `ESC GS y D 1 m` before the length, so a Star printer would get no symbol.
   */
  qr(data: string): this {
    this.printer.alignCenter();
    if (this.type === 'STAR') this.printer.append(starQrCode(data));
    else this.printer.printQR(data, { model: 2, cellSize: QR_CELL_SIZE, correction: 'M' });
    this.printer.newLine();
    this.printer.alignLeft();
    return this;
  }

  toBuffer(): Buffer {
    return Buffer.from(this.printer.getBuffer());
  }

  /** Columns a text takes at normal size. */
  readonly measure = (text: string): number => textColumns(text, this.characterSet);

  private widthFor(style: LineStyle): number {
    const indent = style.indent ? this.measure(style.indent) : 0;
    return Math.max(1, Math.floor((this.columns - indent) / WIDTH_MULTIPLIER[style.size ?? 'normal']));
  }

  private setSize(size: TextSize): void {
    const p = this.printer;
    if (size === 'normal') p.setTextNormal();
    else if (size === 'doubleHeight') p.setTextDoubleHeight();
    else if (size === 'double') p.setTextQuadArea();
    else p.append(this.type === 'STAR' ? STAR_TEXT_SIZE_3X : GS_TEXT_SIZE_3X);
  }

  private selectCharacterSet(set: CharacterSet): void {
    const mapping = CHARACTER_SET_MAPPINGS[set];
    if (mapping.kind === 'kanji') this.printer.setCharacterSet(mapping.libraryName);
    // A Star printer in image mode may be set to a page Star lacks: nothing to select then.
    else if (dialectHas(set, this.type)) this.printer.append(selectCodePageBytes(set as SingleByteSetName, this.type));
  }

  private appendText(text: string): void {
    for (const segment of encodeText(text, this.characterSet, this.type)) {
      if ('bytes' in segment) this.printer.append(segment.bytes);
      else this.selectCharacterSet(segment.selectCharacterSet);
    }
  }
}
