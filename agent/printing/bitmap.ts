import { ESC, GS } from './escpos-bytes.js';
import type { Dialect } from './escpos-commands.js';

/**
 * A 1-bit image as printers take it: rows of `width / 8` bytes, most significant bit leftmost,
 * 1 = black. Drawn text lines (raster-text.ts) and logos (logo.ts) are bitmaps; rasterCommand turns
 * one into the printer's raster command.
 */
export interface Bitmap {
  /** Dots per row, a multiple of 8. */
  width: number;
  height: number;
  data: Uint8Array;
}

/** `GS v 0 m xL xH yL yH d…` (Epson, m = 0: normal density). */
const EPSON_RASTER = [GS, 0x76, 0x30, 0x00];
/** `ESC GS S m xL xH yL yH n d…` (Star Line Mode raster image, m = 1, n = 0: one colour). */
const STAR_RASTER = [ESC, GS, 0x53, 0x01];
const STAR_SINGLE_COLOUR = 0x00;

export function rasterCommand(bitmap: Bitmap, dialect: Dialect): Buffer {
  const widthBytes = bitmap.width / 8;
  const size = [widthBytes & 0xff, widthBytes >> 8, bitmap.height & 0xff, bitmap.height >> 8];
  const header = dialect === 'STAR' ? [...STAR_RASTER, ...size, STAR_SINGLE_COLOUR] : [...EPSON_RASTER, ...size];
  return Buffer.concat([Buffer.from(header), bitmap.data]);
}

/** Whether any dot of the bitmap is black. */
export function hasInk(bitmap: Bitmap): boolean {
  return bitmap.data.some((byte) => byte !== 0);
}

export function isBlack(bitmap: Bitmap, x: number, y: number): boolean {
  return ((bitmap.data[y * (bitmap.width / 8) + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

/**
 * Floyd–Steinberg error diffusion of a greyscale image (0 = black, 255 = white) into a bitmap
 * `width` dots wide (rounded up to a multiple of 8; the extra columns stay white). Thermal heads
 * print dots, not greys: diffusion keeps a photo's shading where a plain threshold would blot it.
 */
export function ditherGrey(grey: Float32Array, width: number, height: number): Bitmap {
  const paddedWidth = Math.ceil(width / 8) * 8;
  const data = new Uint8Array((paddedWidth / 8) * height);
  const error = Float32Array.from(grey);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const old = error[i]!;
      const black = old < 128;
      const diff = old - (black ? 0 : 255);
      if (black) {
        const k = y * (paddedWidth / 8) + (x >> 3);
        data[k] = data[k]! | (0x80 >> (x & 7));
      }
      if (x + 1 < width) error[i + 1]! += (diff * 7) / 16;
      if (y + 1 < height) {
        if (x > 0) error[i + width - 1]! += (diff * 3) / 16;
        error[i + width]! += (diff * 5) / 16;
        if (x + 1 < width) error[i + width + 1]! += diff / 16;
      }
    }
  }
  return { width: paddedWidth, height, data };
}
