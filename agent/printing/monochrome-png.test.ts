import { describe, expect, it } from 'vitest';
import { LOGO_BITS, LOGO_HEIGHT, LOGO_WIDTH_BYTES } from '../ingest/fixtures/raster-logo-ticket.js';
import { encodeMonochromePng, pngDataUrl } from './monochrome-png.js';
import { printedBits, readPng } from '../cards/png-test-reader.js';

describe('encodeMonochromePng', () => {
  it('writes ESC/POS raster bits as a 1-bit greyscale PNG with black where the printer prints', () => {
    const png = readPng(encodeMonochromePng(LOGO_WIDTH_BYTES, LOGO_HEIGHT, LOGO_BITS));
    expect(png).toMatchObject({ width: 32, height: 16, bitDepth: 1, colourType: 0 });
    expect(printedBits(png).equals(LOGO_BITS)).toBe(true);
  });

  it('gives a data URL the board can put in an img', () => {
    const png = encodeMonochromePng(1, 1, Buffer.from([0x80]));
    expect(pngDataUrl(png)).toBe(`data:image/png;base64,${png.toString('base64')}`);
    // One black pixel at the left, then white: grey bits 0111 1111.
    expect(readPng(png).rows[0]![0]).toBe(0x7f);
  });
});
