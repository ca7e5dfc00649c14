import type { TicketPreview } from '../../common/kitchen-api.js';
import type { RasterData } from './command-spec.js';
import { encodeMonochromePng, pngDataUrl } from './monochrome-png.js';

/** One printed line as the preview shows it; style flags appear only when set. */
export interface DecodedLine {
  text: string;
  bold?: boolean;
  underline?: boolean;
  doubleHeight?: boolean;
  doubleWidth?: boolean;
  inverted?: boolean;
  red?: boolean;
  /** Omitted for left, the printer's default. */
  align?: 'left' | 'center' | 'right';
  /** A raster image printed at this point (text is then empty): drawn text lines, logos. */
  image?: RasterData;
}

export interface StatusRequest {
  command: 'GS r' | 'DLE EOT' | 'GS I';
  n: number;
}

/** What a stream of ESC/POS bytes prints. */
export interface DecodedJob {
  lines: DecodedLine[];
  cuts: number;
  buzzer: number;
  statusRequests: StatusRequest[];
  /** Every code page selected (`ESC t n` / `ESC GS t n`), in order. */
  codePages: number[];
  images: number;
  /** Barcodes and 2D symbols (QR, PDF417) printed. */
  barcodes: number;
  /** The data of each 2D symbol printed (a voucher's QR holds its card number), as latin1 text. */
  symbols: string[];
  /** Bytes that were neither text nor a known command, plus an unfinished command at the end. */
  unknownBytes: number;
  /** Cash drawer kicks, by connector pin (2 or 5; Star's drives 1 and 2 count as 2 and 5). */
  drawerKicks: (2 | 5)[];
}

/** Decoded lines are preview lines: the board renders them as they are, raster images as PNGs. */
export function toPreviewLines(lines: readonly DecodedLine[]): TicketPreview['lines'] {
  return lines.map(({ underline: _underline, image, ...line }) =>
    image ? { ...line, image: pngDataUrl(encodeMonochromePng(image.widthBytes, image.height, image.bits)) } : line,
  );
}

export interface TextStyle {
  bold: boolean;
  underline: boolean;
  widthMultiplier: number;
  heightMultiplier: number;
  inverted: boolean;
  red: boolean;
}

export const PLAIN_STYLE: Readonly<TextStyle> = {
  bold: false,
  underline: false,
  widthMultiplier: 1,
  heightMultiplier: 1,
  inverted: false,
  red: false,
};

/** Default tab stops every 8 columns (ESC D can move them; the preview keeps the default). */
const TAB_WIDTH = 8;

interface Piece {
  text: string;
  style: TextStyle;
}

/**
 * Collects styled text into lines. A line takes a style flag when any of its visible characters
 * had it, and the alignment in force when its first character arrived (ESC a only acts at the
 * start of a line on real printers).
 */
export class LineBuilder {
  readonly lines: DecodedLine[] = [];
  private pieces: Piece[] = [];
  private align: DecodedLine['align'] = 'left';
  private columns = 0;

  add(text: string, style: TextStyle, align: NonNullable<DecodedLine['align']>): void {
    if (text.length === 0) return;
    if (this.pieces.length === 0) this.align = align;
    this.pieces.push({ text, style: { ...style } });
    this.columns += [...text].length;
  }

  /** A raster image prints as a line of its own (the caller ended the text line first). */
  image(raster: RasterData, align: NonNullable<DecodedLine['align']>): void {
    this.lines.push({ text: '', image: { ...raster, bits: Uint8Array.from(raster.bits) }, ...(align !== 'left' ? { align } : {}) });
  }

  tab(style: TextStyle, align: NonNullable<DecodedLine['align']>): void {
    this.add(' '.repeat(TAB_WIDTH - (this.columns % TAB_WIDTH)), style, align);
  }

  get isEmpty(): boolean {
    return this.pieces.length === 0;
  }

  /** Ends the line (LF), printing an empty one when nothing was on it. */
  endLine(align: NonNullable<DecodedLine['align']>): void {
    if (this.pieces.length === 0) this.align = align;
    this.lines.push(this.buildLine());
    this.discard();
  }

  /** Drops the unprinted line (ESC @ clears the print buffer). */
  discard(): void {
    this.pieces = [];
    this.columns = 0;
  }

  /** Moves the finished lines out, keeping a line in progress. */
  takeLines(): DecodedLine[] {
    return this.lines.splice(0, this.lines.length);
  }

  private buildLine(): DecodedLine {
    const line: DecodedLine = { text: this.pieces.map((p) => p.text).join('') };
    const visible = this.pieces.filter((p) => /\S/u.test(p.text)).map((p) => p.style);
    if (visible.some((s) => s.bold)) line.bold = true;
    if (visible.some((s) => s.underline)) line.underline = true;
    if (visible.some((s) => s.heightMultiplier > 1)) line.doubleHeight = true;
    if (visible.some((s) => s.widthMultiplier > 1)) line.doubleWidth = true;
    if (visible.some((s) => s.inverted)) line.inverted = true;
    if (visible.some((s) => s.red)) line.red = true;
    if (this.align !== 'left') line.align = this.align;
    return line;
  }
}
