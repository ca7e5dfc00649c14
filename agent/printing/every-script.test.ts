import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bitmap } from './bitmap.js';
import { hasInk, isBlack } from './bitmap.js';
import type { RasterData } from './command-spec.js';
import { decodeEscPos, type DecodedLine } from './escpos-decoder.js';
import { sendToPrinter } from './printer-transport.js';
import { drawTextLine, PLAIN_DRAW_STYLE } from './raster-text.js';
import { FIXED_NOW, kitchenOrder, printerSettings, UTC } from './test-fixtures.js';
import { PAPER_DOTS } from './ticket-builder.js';
import { renderKitchenTicket } from './ticket-renderer.js';
import { startVirtualPrinter, type VirtualPrinter } from './virtual-printer.js';
import { WAIT_BUDGET_MS } from '../../test/wait-budget.js';

/** The names, one item each, in the order they print. */
const NAMES = ['Łukasz', 'Привет', 'Ελληνικά', 'שלום', 'مرحبا', 'สวัสดี', '你好'] as const;
const ITEM_STYLE = { scaleX: 1, scaleY: 2, bold: true, inverted: false, align: 'left', indentDots: 0 } as const;
const SEND = { connectTimeoutMs: 3_000, answerTimeoutMs: 5_000 } as const;

const bitmapOf = (image: RasterData): Bitmap => ({ width: image.widthBytes * 8, height: image.height, data: image.bits });
const sameBits = (a: Bitmap, b: Bitmap): boolean => a.width === b.width && a.height === b.height && Buffer.from(a.data).equals(Buffer.from(b.data));

function mixedOrder() {
  return kitchenOrder({ customer: undefined, notes: undefined, items: NAMES.map((name) => ({ name, qty: 1, station: 'kitchen', modifiers: [] })) });
}

/** The decoded lines between the ticket's two rules: one per item. */
function itemLines(lines: readonly DecodedLine[]): DecodedLine[] {
  const rules = lines.flatMap((line, i) => (line.text.startsWith('-----') ? [i] : []));
  return lines.slice(rules[0]! + 1, rules[1]);
}

let vp: VirtualPrinter;
beforeEach(async () => {
  vp = await startVirtualPrinter({ name: 'scripts' });
});
afterEach(async () => {
  await vp.close();
});

describe('every script on paper (textMode auto, the default, on a default PC858 printer)', () => {
  it('prints no "?": each line decodes through the page the job selected, or arrives as the drawing of that line', async () => {
    const printer = printerSettings({ interface: vp.url });
    expect(printer.characterSet).toBe('PC858_EURO');
    const bytes = renderKitchenTicket(mixedOrder(), { jobId: 'job-1', station: 'kitchen' }, printer, FIXED_NOW, UTC);
    expect(await sendToPrinter(vp.url, bytes, SEND)).toMatchObject({ ok: true, confirmedBy: 'printer' });

    const [job] = await vp.waitForJobs(1, WAIT_BUDGET_MS);
    const lines = job!.decoded.lines;
    expect(lines.filter((line) => line.text.includes('?'))).toEqual([]);
    const items = itemLines(lines);
    expect(items).toHaveLength(NAMES.length);
    NAMES.forEach((name, i) => {
      const line = items[i]!;
      if (line.image) {
        const drawn = bitmapOf(line.image);
        expect(drawn.width, name).toBe(PAPER_DOTS[80]);
        expect(hasInk(drawn), name).toBe(true);
        // The very line, as the renderer draws `1 x NAME` in the item style.
        expect(sameBits(drawn, drawTextLine(`1 x ${name}`, { ...ITEM_STYLE, direction: /[\u0590-\u06ff]/u.test(name) ? 'rtl' : 'ltr' }, PAPER_DOTS[80])), name).toBe(true);
      } else {
        expect(line, name).toMatchObject({ text: `1 x ${name}`, bold: true, doubleHeight: true });
      }
    });
    // The alphabetic scripts go as text through a fallback page, the rest is drawn.
    expect(items.map((line) => (line.image ? 'drawn' : 'text'))).toEqual(['text', 'text', 'text', 'drawn', 'drawn', 'drawn', 'drawn']);
    // Łukasz through CP852 (18), Привет through CP866 (17), Ελληνικά through CP737 (14), each time back to CP858 (19).
    expect(job!.decoded.codePages).toEqual([19, 18, 19, 17, 19, 14, 19]);
  });

  it('codepage mode never draws: what no page holds prints as "?" (as before), image mode draws every line', () => {
    const order = mixedOrder();
    const codepage = decodeEscPos(renderKitchenTicket(order, { jobId: 'j', station: 'kitchen' }, printerSettings({ textMode: 'codepage' }), FIXED_NOW, UTC), { imageLines: true });
    expect(codepage.images).toBe(0);
    expect(itemLines(codepage.lines).map((line) => line.text)).toContain('1 x ??');

    const image = decodeEscPos(renderKitchenTicket(order, { jobId: 'j', station: 'kitchen' }, printerSettings({ textMode: 'image' }), FIXED_NOW, UTC), { imageLines: true });
    expect(image.lines.filter((line) => line.text.trim() !== '')).toEqual([]);
    expect(image.lines.filter((line) => line.image).length).toBeGreaterThanOrEqual(NAMES.length + 6);
    expect(image.cuts).toBe(1);
  });

  it('draws on Star printers with the Star raster command, decoded back to the same lines', () => {
    const bytes = renderKitchenTicket(mixedOrder(), { jobId: 'j', station: 'kitchen' }, printerSettings({ type: 'STAR', width: 58 }), FIXED_NOW, UTC);
    const decoded = decodeEscPos(bytes, { printerType: 'STAR', imageLines: true });
    const drawn = itemLines(decoded.lines).filter((line) => line.image);
    expect(drawn).toHaveLength(4);
    expect(drawn.every((line) => line.image!.widthBytes * 8 === PAPER_DOTS[58])).toBe(true);
    expect(decoded.unknownBytes).toBe(0);
  });
});

describe('right-to-left', () => {
  const WIDTH = PAPER_DOTS[80];
  /** Meem in its initial form: the first letter of مرحبا as it joins the next one. */
  const INITIAL_MEEM = '\ufee3';

  function inkColumns(bitmap: Bitmap): number[] {
    const columns: number[] = [];
    for (let x = 0; x < bitmap.width; x++) {
      for (let y = 0; y < bitmap.height; y++) {
        if (isBlack(bitmap, x, y)) {
          columns.push(x);
          break;
        }
      }
    }
    return columns;
  }

  /** Share of `glyph`'s ink also inked at the same place in `line`. */
  function overlap(line: Bitmap, glyph: Bitmap): number {
    let ink = 0;
    let shared = 0;
    for (let y = 0; y < glyph.height; y++) {
      for (let x = 0; x < glyph.width; x++) {
        if (!isBlack(glyph, x, y)) continue;
        ink++;
        if (isBlack(line, x, y)) shared++;
      }
    }
    return shared / ink;
  }

  it('draws an Arabic line from the right edge, its first letter (joined) in the rightmost columns', () => {
    const line = drawTextLine('مرحبا', PLAIN_DRAW_STYLE, WIDTH);
    const columns = inkColumns(line);
    expect(columns.at(-1)).toBeGreaterThanOrEqual(WIDTH - 3);
    expect(columns[0]).toBeGreaterThan(WIDTH / 2);
    // The first letter, drawn alone in its joining form at the right edge, is where the line ends.
    const meem = drawTextLine(INITIAL_MEEM, { ...PLAIN_DRAW_STYLE, direction: 'rtl' }, WIDTH);
    expect(overlap(line, meem)).toBeGreaterThan(0.9);
    // Laid out left to right instead, the last letter (a final alef) would stand there.
    const reversed = drawTextLine([...'مرحبا'].reverse().join(''), { ...PLAIN_DRAW_STYLE, direction: 'rtl' }, WIDTH);
    expect(overlap(reversed, meem)).toBeLessThan(0.6);
  });

  it('lays out an item line whose name is Arabic right to left: "2 x" first, at the right edge, the name after it', () => {
    const bytes = renderKitchenTicket(kitchenOrder({ items: [{ name: 'مرحبا', qty: 2, station: 'kitchen', modifiers: [] }] }), { jobId: 'j', station: 'kitchen' }, printerSettings(), FIXED_NOW, UTC);
    const [item] = itemLines(decodeEscPos(bytes, { imageLines: true }).lines);
    const drawn = bitmapOf(item!.image!);
    expect(inkColumns(drawn).at(-1)).toBeGreaterThanOrEqual(WIDTH - 3);
    // The quantity comes first, so a right-to-left reader meets it first: at the right edge.
    const digitAtRight = drawTextLine('2', { ...ITEM_STYLE, align: 'right' }, WIDTH);
    expect(overlap(drawn, digitAtRight)).toBeGreaterThan(0.9);
    // Drawn left to right, the line would start at the left edge instead.
    const leftToRight = drawTextLine('2 x مرحبا', { ...ITEM_STYLE, direction: 'ltr' }, WIDTH);
    expect(overlap(leftToRight, digitAtRight)).toBeLessThan(0.5);
  });
});
