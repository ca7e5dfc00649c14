import { crc32, deflateSync } from 'node:zlib';

/**
 * The smallest PNG writer a ticket card needs: a 1-bit greyscale image from ESC/POS raster data
 * (rows of `widthBytes` bytes, most significant bit leftmost, 1 = black). PNG's 1-bit grey is
 * 0 = black, so every byte is inverted. The board shows it as a data URL.
 */
/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BIT_DEPTH = 1;
const GREYSCALE = 0;
const FILTER_NONE = 0;

/** One PNG chunk: length, type, data, CRC-32 of type and data. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

export function encodeMonochromePng(widthBytes: number, height: number, bits: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(widthBytes * 8, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(BIT_DEPTH, 8);
  header.writeUInt8(GREYSCALE, 9);
  // compression, filter method and interlace stay 0
  const raw = Buffer.alloc((widthBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (widthBytes + 1);
    raw[row] = FILTER_NONE;
    for (let x = 0; x < widthBytes; x++) raw[row + 1 + x] = ~(bits[y * widthBytes + x] ?? 0) & 0xff;
  }
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

export function pngDataUrl(png: Buffer): string {
  return `data:image/png;base64,${png.toString('base64')}`;
}
