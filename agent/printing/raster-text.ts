import type { SKRSContext2D } from '@napi-rs/canvas';
import { skia } from './skia.js';
import { ensureFontsRegistered, FONT_STACKS } from './fonts.js';
import type { Bitmap } from './bitmap.js';
import { paragraphDirection, type Direction } from './visual-order.js';

/**
 * Ticket lines drawn as 1-bit images, for text no code page of the printer holds: Skia shapes it
 * (HarfBuzz: Arabic joining, Indic and Thai marks), orders it (bidi: a right-to-left paragraph
 * starts at the right edge) and falls back across the shipped Noto fonts (fonts.ts).
 *
 * Sizes follow the printer's own font A, 12 × 24 dots: a line is 24 px type in a 34-dot band (room
 * for Thai marks above and Arabic descenders below), and the size multipliers stretch it the way
 * `GS !` stretches printer text (double height doubles the band, not the width).
 */
export const TEXT_PX = 24;
export const LINE_BAND_DOTS = 34;
const BASELINE_DOTS = 26;
/** One column of printer text, for indents given in columns. */
export const COLUMN_DOTS = 12;
/** Anti-aliased pixels darker than this print. */
const INK_THRESHOLD = 140;

export interface DrawStyle {
  /** Width and height multipliers, as `GS !` sets them. */
  scaleX: number;
  scaleY: number;
  bold: boolean;
  /** White on black, as `GS B 1` (also how red highlight is drawn: a raster line has one colour). */
  inverted: boolean;
  align: 'left' | 'center' | 'right';
  /** Blank dots before the text, at the line's start edge (the right one for right-to-left text). */
  indentDots: number;
  /**
   * The paragraph's direction when the line's own first letter would not tell it: `2 x ` before an
   * Arabic dish name belongs to a right-to-left line. Default: from the line's first letter.
   */
  direction?: Direction;
}

export const PLAIN_DRAW_STYLE: Readonly<DrawStyle> = { scaleX: 1, scaleY: 1, bold: false, inverted: false, align: 'left', indentDots: 0 };

let context: { ctx: SKRSContext2D; width: number; height: number; font: string } | undefined;

/** One reusable canvas: creating a Skia surface per line costs more than drawing it. */
function canvasFor(width: number, height: number): SKRSContext2D {
  if (!context || context.width < width || context.height < height) {
    ensureFontsRegistered();
    const canvas = skia().createCanvas(Math.max(width, context?.width ?? 0), Math.max(height, context?.height ?? 0));
    context = { ctx: canvas.getContext('2d'), width: canvas.width, height: canvas.height, font: '' };
  }
  return context.ctx;
}

/** Sets the canvas font only when it changes: parsing a font string costs more than measuring a word. */
function useFont(ctx: SKRSContext2D, bold: boolean): void {
  const font = fontOf(bold);
  if (context!.font === font) return;
  ctx.font = font;
  context!.font = font;
}

/** Widths of words and lines already measured (wrapping measures the same words again and again). */
const measured = new Map<string, number>();
const MAX_MEASURED = 10_000;

function fontOf(bold: boolean): string {
  return `${bold ? 'bold ' : ''}${TEXT_PX}px ${bold ? FONT_STACKS.bold : FONT_STACKS.regular}`;
}

/** Dots `text` takes at `style`'s size. */
export function measureDrawnText(text: string, style: Pick<DrawStyle, 'scaleX' | 'bold'>): number {
  const key = `${style.bold ? 'b' : 'r'}${text}`;
  let width = measured.get(key);
  if (width === undefined) {
    const ctx = canvasFor(1, 1);
    useFont(ctx, style.bold);
    width = ctx.measureText(text).width;
    if (measured.size >= MAX_MEASURED) measured.clear();
    measured.set(key, width);
  }
  return Math.ceil(width * style.scaleX);
}

/** `text` drawn across the paper (`paperDots` wide, a multiple of 8) as one band of rows. */
export function drawTextLine(text: string, style: DrawStyle, paperDots: number): Bitmap {
  const height = LINE_BAND_DOTS * style.scaleY;
  const ctx = canvasFor(paperDots, height);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, paperDots, height);
  useFont(ctx, style.bold);
  const direction = style.direction ?? paragraphDirection(text);
  ctx.direction = direction;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  const textDots = Math.min(paperDots - style.indentDots, measureDrawnText(text, style));
  const x = startOf(textDots, style, direction, paperDots);
  if (style.inverted) {
    ctx.fillStyle = '#000';
    ctx.fillRect(x, 0, textDots, height);
  }
  ctx.fillStyle = style.inverted ? '#fff' : '#000';
  ctx.setTransform(style.scaleX, 0, 0, style.scaleY, x, 0);
  ctx.fillText(text, 0, BASELINE_DOTS);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  // Only the columns the text can reach are read back (glyphs may overhang their advance a little).
  const from = Math.max(0, x - OVERHANG_DOTS);
  return threshold(ctx, paperDots, height, from, Math.min(paperDots, x + textDots + OVERHANG_DOTS));
}

/** How far a glyph may reach past its advance width (italic-like tails, Arabic swashes, Thai marks). */
const OVERHANG_DOTS = 16;

/** Where the text starts: alignment as asked, except that a right-to-left line starts at the right. */
function startOf(textDots: number, style: DrawStyle, direction: Direction, paperDots: number): number {
  const align = style.align === 'left' && direction === 'rtl' ? 'right' : style.align;
  if (align === 'center') return Math.max(0, Math.floor((paperDots - textDots) / 2));
  if (align === 'right') return Math.max(0, paperDots - textDots - (direction === 'rtl' ? style.indentDots : 0));
  return style.indentDots;
}

/** A bitmap `width` dots wide whose ink is read from the canvas's columns `from` to `to`. */
function threshold(ctx: SKRSContext2D, width: number, height: number, from: number, to: number): Bitmap {
  const bytesPerRow = width / 8;
  const data = new Uint8Array(bytesPerRow * height);
  const span = to - from;
  if (span <= 0) return { width, height, data };
  const pixels = ctx.getImageData(from, 0, span, height).data;
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < span; i++) {
      // Black and white only are drawn, so the anti-aliased edges are greys: red alone tells the level.
      if (pixels[(y * span + i) * 4]! < INK_THRESHOLD) {
        const x = from + i;
        const k = y * bytesPerRow + (x >> 3);
        data[k] = data[k]! | (0x80 >> (x & 7));
      }
    }
  }
  return { width, height, data };
}
