import { crc32, inflateSync } from 'node:zlib';

/** For tests: reads a 1-bit greyscale PNG by the spec (every CRC checked), to compare pixels. */
export interface ReadPng {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** Each row's packed pixels, filter byte removed. */
  rows: Buffer[];
}

export function readPng(png: Buffer): ReadPng {
  if (png.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG signature');
  const chunks = new Map<string, Buffer[]>();
  for (let pos = 8; pos < png.length; ) {
    const length = png.readUInt32BE(pos);
    const type = png.subarray(pos + 4, pos + 8).toString('latin1');
    if (png.readUInt32BE(pos + 8 + length) !== crc32(png.subarray(pos + 4, pos + 8 + length)) >>> 0) throw new Error(`bad CRC in ${type}`);
    chunks.set(type, [...(chunks.get(type) ?? []), png.subarray(pos + 8, pos + 8 + length)]);
    pos += 12 + length;
  }
  const header = chunks.get('IHDR')?.[0];
  if (!header || !chunks.has('IDAT') || !chunks.has('IEND')) throw new Error('IHDR, IDAT or IEND missing');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(chunks.get('IDAT')!));
  const stride = Math.ceil(width / 8) + 1;
  const rows = Array.from({ length: height }, (_, y) => {
    if (raw[y * stride] !== 0) throw new Error(`row ${y} uses a filter`);
    return raw.subarray(y * stride + 1, (y + 1) * stride);
  });
  return { width, height, bitDepth: header[8]!, colourType: header[9]!, rows };
}

/** The rows as ESC/POS would print them: 1 = black (PNG grey 0). */
export function printedBits(png: ReadPng): Buffer {
  return Buffer.concat(png.rows.map((row) => Buffer.from(row.map((b) => ~b & 0xff))));
}
