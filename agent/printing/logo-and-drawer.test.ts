import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasInk, isBlack, type Bitmap } from './bitmap.js';
import { drawerKickBytes } from './drawer.js';
import { decodeEscPos } from './escpos-decoder.js';
import { decodeMonochromePng, logoBitmap, prepareLogo } from './logo.js';
import { sendToPrinter } from './printer-transport.js';
import { PRINTING_ERRORS } from './printing-errors.js';
import { FIXED_NOW, kitchenOrder, makePng, printerSettings, UTC } from './test-fixtures.js';
import { PAPER_DOTS } from './ticket-builder.js';
import { renderKitchenTicket } from './ticket-renderer.js';
import { startVirtualPrinter, type VirtualPrinter } from './virtual-printer.js';

const dataUrl = (png: Buffer): string => `data:image/png;base64,${png.toString('base64')}`;

/** Share of black dots in a block of the bitmap. */
function blackShare(bitmap: Bitmap, x0: number, y0: number, size: number): number {
  let black = 0;
  for (let y = y0; y < y0 + size; y++) for (let x = x0; x < x0 + size; x++) if (isBlack(bitmap, x, y)) black++;
  return black / (size * size);
}

describe('logo', () => {
  // 1000 × 200: black on the left, a 50 % grey in the middle, white on the right (RGBA greys via alpha-free pixels).
  const wide = makePng(1000, 200, (x, y) => (x < 333 ? true : x < 666 ? (x + y) % 2 === 0 : false));

  it('is scaled to the paper width and dithered: black stays black, a grey becomes a dot pattern, white stays white', async () => {
    const { logo, width, height } = await prepareLogo(dataUrl(wide), PAPER_DOTS[80]);
    expect({ width, height }).toEqual({ width: 576, height: 115 });
    const bitmap = decodeMonochromePng(Buffer.from(logo.split(',')[1]!, 'base64'));
    expect(blackShare(bitmap, 40, 40, 32)).toBe(1);
    const grey = blackShare(bitmap, 270, 40, 32);
    expect(grey).toBeGreaterThan(0.35);
    expect(grey).toBeLessThan(0.65);
    expect(blackShare(bitmap, 500, 40, 32)).toBe(0);
  });

  it('fits 58 mm paper, never taller than 400 dots, and refuses what is not a PNG or JPEG', async () => {
    expect(await prepareLogo(dataUrl(wide), PAPER_DOTS[58])).toMatchObject({ width: 384, height: 77 });
    expect(await prepareLogo(dataUrl(makePng(100, 1000, () => true)), PAPER_DOTS[80])).toMatchObject({ height: 400, width: 40 });
    await expect(prepareLogo('data:image/gif;base64,R0lGODlh', 576)).rejects.toMatchObject({ code: PRINTING_ERRORS.IMAGE_INVALID });
    await expect(prepareLogo('data:image/png;base64,aGVsbG8=', 576)).rejects.toMatchObject({ code: PRINTING_ERRORS.IMAGE_INVALID });
  });

  it('prints at the top of the ticket, before the station, as a raster as wide as the paper', async () => {
    const { logo } = await prepareLogo(dataUrl(wide), PAPER_DOTS[80]);
    const decoded = decodeEscPos(renderKitchenTicket(kitchenOrder(), { jobId: 'j', station: 'kitchen' }, printerSettings({ logo }), FIXED_NOW, UTC), { imageLines: true });
    expect(decoded.lines[0]!.image).toMatchObject({ widthBytes: 72, height: 115 });
    expect(decoded.lines[1]!.text).toBe('KITCHEN');
    // On 58 mm paper the same stored logo is shrunk to fit.
    const narrow = logoBitmap(logo, PAPER_DOTS[58]);
    expect(narrow.width).toBe(384);
    expect(hasInk(narrow)).toBe(true);
  });
});

describe('cash drawer', () => {
  let vp: VirtualPrinter;
  beforeEach(async () => {
    vp = await startVirtualPrinter({ name: 'drawer' });
  });
  afterEach(async () => {
    await vp.close();
  });

  it('kicks with ESC p 0 25 250 on Epson and ESC BEL n1 n2 BEL on Star', () => {
    expect(drawerKickBytes('EPSON')).toEqual(Buffer.from([0x1b, 0x70, 0x00, 25, 250]));
    expect(drawerKickBytes('STAR')).toEqual(Buffer.from([0x1b, 0x07, 20, 20, 0x07]));
    expect(decodeEscPos(drawerKickBytes('EPSON'))).toMatchObject({ drawerKicks: [2], unknownBytes: 0 });
    expect(decodeEscPos(drawerKickBytes('STAR'), { printerType: 'STAR' })).toMatchObject({ drawerKicks: [2], unknownBytes: 0 });
  });

  it('opens the drawer of a printer on the line, confirmed by the printer', async () => {
    expect(await sendToPrinter(vp.url, drawerKickBytes('EPSON'), { connectTimeoutMs: 3_000, answerTimeoutMs: 3_000 })).toMatchObject({ ok: true, confirmedBy: 'printer' });
    expect(vp.drawerKicks).toEqual([2]);
    expect(vp.printed).toEqual([]);
  });
});
