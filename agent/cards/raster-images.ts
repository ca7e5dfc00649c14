import { GS, SPACE } from '../printing/escpos-bytes.js';
import { measureCommand, type Dialect } from '../printing/escpos-commands.js';

/** A `GS v 0 m xL xH yL yH d…` raster image found in a job. */
export interface RasterImage {
  /** Offset of the command's first byte, and just past its data. */
  start: number;
  end: number;
  widthBytes: number;
  height: number;
  /** Row-major, most significant bit leftmost, 1 = black. */
  bits: Buffer;
}

const GS_V = 0x76;
const RASTER_FN = [0x00, 0x30]; // '0' and 0: raster image
const HEADER = 8; // GS v 0 m xL xH yL yH

/**
 * The first `max` complete raster images in `bytes`, found with the decoder's own command lengths
 * (so text or other commands' data is never taken for one). An image cut short (a truncated job)
 * is left out. The search stops at the `max`th: a job of 110,000 tiny images must not cost a scan
 * and a PNG for each.
 */
export function findRasterImages(bytes: Buffer, dialect: Dialect, max: number = Number.POSITIVE_INFINITY): RasterImage[] {
  const images: RasterImage[] = [];
  let pos = 0;
  while (pos < bytes.length && images.length < max) {
    if (bytes[pos]! >= SPACE) {
      pos++;
      continue;
    }
    const measured = measureCommand(dialect, bytes, pos);
    if (measured.status === 'incomplete') break;
    if (measured.status === 'complete' && bytes[pos] === GS && bytes[pos + 1] === GS_V && RASTER_FN.includes(bytes[pos + 2]!)) {
      const widthBytes = bytes[pos + 4]! + bytes[pos + 5]! * 256;
      const height = bytes[pos + 6]! + bytes[pos + 7]! * 256;
      const end = pos + measured.length;
      if (widthBytes > 0 && height > 0) images.push({ start: pos, end, widthBytes, height, bits: bytes.subarray(pos + HEADER, end) });
    }
    pos += measured.length;
  }
  return images;
}
