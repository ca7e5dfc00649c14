import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ICON_FILES } from './icons.js';

/** Reads a PNG's chunks, checking every CRC, and returns its header and pixels. */
function readPng(bytes: Buffer) {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  const idat: Buffer[] = [];
  let header: { width: number; height: number; bitDepth: number; colorType: number } | undefined;
  const types: string[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    expect(bytes.readUInt32BE(offset + 8 + length)).toBe(crc32(bytes.subarray(offset + 4, offset + 8 + length)));
    types.push(type);
    if (type === 'IHDR') header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8] ?? 0, colorType: data[9] ?? 0 };
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  if (!header) throw new Error('no IHDR');
  return { header, types, raw: inflateSync(Buffer.concat(idat)) };
}

const SIZES: Record<keyof typeof ICON_FILES, number> = {
  'icon.png': 512,
  'tray.png': 32,
  'tray-live.png': 32,
  'tray-polling.png': 32,
  'tray-offline.png': 32,
};

describe.each(Object.entries(SIZES))('%s', (name, size) => {
  const bytes = readFileSync(join(import.meta.dirname, 'icons', name));

  it(`is a valid ${size}×${size} RGBA PNG`, () => {
    const { header, types, raw } = readPng(bytes);
    expect(header).toEqual({ width: size, height: size, bitDepth: 8, colorType: 6 });
    expect(types[0]).toBe('IHDR');
    expect(types.at(-1)).toBe('IEND');
    expect(raw.length).toBe(size * (size * 4 + 1));
  });

  it('is what resources/make-icons.ts generates', () => {
    // Pixels, not bytes: deflate output may differ between zlib builds for the same image.
    expect(readPng(bytes).raw.equals(readPng(ICON_FILES[name as keyof typeof ICON_FILES]()).raw)).toBe(true);
  });
});
