import { describe, expect, it } from 'vitest';
import { CHARACTER_SETS, type CharacterSet } from '../../common/settings.js';
import { decodeEscPos, type DecodedJob } from './escpos-decoder.js';
import { PRINTING_ERRORS } from './printing-errors.js';
import { ascii, containsBytes, FIXED_NOW, hex, kitchenOrder, pngWithRasterRow, makePng, printerSettings, UTC } from './test-fixtures.js';
import { textColumns } from './text-encoder.js';
import { hasRightToLeft, toVisualOrder } from './visual-order.js';
import { CHARACTER_SET_SAMPLES, renderImageJob, renderKitchenTicket, renderRawJob, renderTestPage } from './ticket-renderer.js';

const KITCHEN = { jobId: 'job-1', station: 'kitchen' } as const;
const b = (...parts: (Buffer | string)[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? ascii(p) : p)));

const ESC_INIT = hex(0x1b, 0x40);
const BOLD_ON = hex(0x1b, 0x45, 0x01);
const BOLD_OFF = hex(0x1b, 0x45, 0x00);
const NORMAL_SIZE = hex(0x1b, 0x21, 0x00);
const DOUBLE_HEIGHT = hex(0x1b, 0x21, 0x10);
const INVERT_ON = hex(0x1d, 0x42, 0x01);
const INVERT_OFF = hex(0x1d, 0x42, 0x00);
const LF = hex(0x0a);
const CENTER = hex(0x1b, 0x61, 0x01);
const LEFT = hex(0x1b, 0x61, 0x00);

function render(overrides: Parameters<typeof printerSettings>[0] = {}, order = kitchenOrder(), options = {}): Buffer {
  return renderKitchenTicket(order, KITCHEN, printerSettings(overrides), FIXED_NOW, { ...UTC, ...options });
}

const lineWith = (decoded: DecodedJob, text: string) => decoded.lines.find((l) => l.text.includes(text));

describe('renderKitchenTicket: bytes', () => {
  it('starts with ESC @ and then selects the code page (init resets it)', () => {
    expect(render().subarray(0, 5)).toEqual(hex(0x1b, 0x40, 0x1b, 0x74, 19));
    expect(render({ characterSet: 'PC866_CYRILLIC2' }).subarray(0, 5)).toEqual(hex(0x1b, 0x40, 0x1b, 0x74, 17));
    expect(render({ characterSet: 'WPC1251_CYRILLIC' }).subarray(0, 5)).toEqual(hex(0x1b, 0x40, 0x1b, 0x74, 46));
    expect(render({ type: 'STAR' }).subarray(0, 6)).toEqual(hex(0x1b, 0x40, 0x1b, 0x1d, 0x74, 4));
  });

  it('prints the order number centred at three times the size', () => {
    const expected = b(CENTER, hex(0x1d, 0x21, 0x22), BOLD_ON, '#1042', BOLD_OFF, NORMAL_SIZE, LF, LEFT);
    expect(containsBytes(render(), expected)).toBe(true);
  });

  it('prints `qty x item` in double height, with modifiers and notes indented and reversed', () => {
    const ticket = render();
    expect(containsBytes(ticket, b(DOUBLE_HEIGHT, BOLD_ON, '2 x Margherita', BOLD_OFF, NORMAL_SIZE, LF))).toBe(true);
    expect(containsBytes(ticket, b('    ', INVERT_ON, '+ extra basil', INVERT_OFF, LF))).toBe(true);
    expect(containsBytes(ticket, b('    ', INVERT_ON, '! well done', INVERT_OFF, LF))).toBe(true);
  });

  it('uses ESC r 1 … ESC r 0 around whole lines instead of reversing when asked for red', () => {
    const ticket = render({}, kitchenOrder(), { highlight: 'red' });
    expect(containsBytes(ticket, b(hex(0x1b, 0x72, 0x01), '    + extra basil', LF, hex(0x1b, 0x72, 0x00)))).toBe(true);
    expect(containsBytes(ticket, INVERT_ON)).toBe(false);
  });

  it('writes € as 0xD5 in PC858', () => {
    expect(containsBytes(render(), b('NOTE: Birthday cake 5 ', hex(0xd5), BOLD_OFF))).toBe(true);
  });

  it('writes a Cyrillic word in PC866, switching from PC858 and back when needed', () => {
    const borschInPc866 = hex(0x81, 0xae, 0xe0, 0xe9);
    expect(containsBytes(render({ characterSet: 'PC866_CYRILLIC2' }), b('1 x ', borschInPc866, BOLD_OFF))).toBe(true);
    expect(containsBytes(render(), b('1 x ', hex(0x1b, 0x74, 17), borschInPc866, hex(0x1b, 0x74, 19), BOLD_OFF))).toBe(true);
    expect(containsBytes(render({ characterSet: 'WPC1251_CYRILLIC' }), b('1 x ', hex(0xc1, 0xee, 0xf0, 0xf9), BOLD_OFF))).toBe(true);
  });

  it('writes a Chinese word in GB18030 inside FS & … FS . after selecting China (ESC R 15)', () => {
    const ticket = render({ characterSet: 'CHINA' });
    expect(ticket.subarray(0, 5)).toEqual(hex(0x1b, 0x40, 0x1b, 0x52, 15));
    const kungPao = hex(0x1c, 0x26, 0xb9, 0xac, 0xb1, 0xa3, 0xbc, 0xa6, 0xb6, 0xa1, 0x1c, 0x2e);
    expect(containsBytes(ticket, b('1 x ', kungPao, BOLD_OFF))).toBe(true);
  });

  it('selects Shift_JIS Kanji mode for JAPAN', () => {
    expect(render({ characterSet: 'JAPAN' }).subarray(0, 8)).toEqual(hex(0x1b, 0x40, 0x1b, 0x52, 8, 0x1c, 0x43, 0x01));
  });

  it('ends with the library cut (feed, GS V 0, ESC @) or only a feed when cutting is off', () => {
    const feedTwice = hex(0x1b, 0x64, 0x04, 0x1b, 0x64, 0x04);
    const cutTicket = render({ cut: true });
    expect(cutTicket.subarray(-11)).toEqual(b(feedTwice, hex(0x1d, 0x56, 0x00), ESC_INIT));
    const uncut = render({ cut: false });
    expect(uncut.subarray(-6)).toEqual(feedTwice);
    expect(decodeEscPos(uncut).cuts).toBe(0);
  });

  it('rings the buzzer with ESC B n t only when the printer has it on', () => {
    expect(containsBytes(render({ buzzer: true }), hex(0x1b, 0x42, 2, 3))).toBe(true);
    expect(decodeEscPos(render({ buzzer: false })).buzzer).toBe(0);
  });

  it('cannot be made to cut or switch code page by text in an order', () => {
    const order = kitchenOrder({ notes: 'evil\x1dV\x00\x1bt\x11\x10\x04\x01' });
    const decoded = decodeEscPos(render({}, order));
    expect(decoded.cuts).toBe(1);
    expect(decoded.codePages).toEqual([19, 17, 19]);
    expect(decoded.statusRequests).toEqual([]);
    expect(lineWith(decoded, 'evil')?.text).toBe('NOTE: evilVt');
  });
});

describe('renderKitchenTicket: what it prints (decoded)', () => {
  it('prints the station, reprint marker, number, time and type, customer, items and notes with their styles', () => {
    const ticket = renderKitchenTicket(kitchenOrder(), { ...KITCHEN, reprint: true, copyIndex: 1, copies: 2 }, printerSettings({ textMode: 'codepage' }), FIXED_NOW, UTC);
    const decoded = decodeEscPos(ticket);
    expect(decoded.lines.filter((l) => l.text !== '' && !l.text.startsWith('---'))).toEqual([
      { text: 'KITCHEN', bold: true, doubleHeight: true, doubleWidth: true, align: 'center' },
      { text: '*** REPRINT ***', bold: true, inverted: true, align: 'center' },
      { text: '#1042', bold: true, doubleHeight: true, doubleWidth: true, align: 'center' },
      { text: '12:34 DINE IN - TABLE 7', bold: true },
      { text: 'Anna' },
      { text: '2 x Margherita', bold: true, doubleHeight: true },
      { text: '    + extra basil', inverted: true },
      { text: '    ! well done', inverted: true },
      { text: '1 x Борщ', bold: true, doubleHeight: true },
      // In codepage mode, PC858 and its fallbacks have no Chinese: placeholders, not mojibake (auto draws the line).
      { text: '1 x ????', bold: true, doubleHeight: true },
      { text: 'NOTE: Birthday cake 5 €', bold: true },
      { text: 'job-1 - printed 12:40 - copy 2/2' },
    ]);
    expect(decoded).toMatchObject({ cuts: 1, unknownBytes: 0 });
  });

  it('prints only the items of its station', () => {
    const bar = decodeEscPos(renderKitchenTicket(kitchenOrder(), { jobId: 'job-2', station: 'bar' }, printerSettings(), FIXED_NOW, UTC));
    expect(lineWith(bar, 'Beer')?.text).toBe('3 x Beer');
    expect(lineWith(bar, 'Margherita')).toBeUndefined();
    expect(() => renderKitchenTicket(kitchenOrder(), { jobId: 'j', station: 'expo' }, printerSettings())).toThrow(
      expect.objectContaining({ code: PRINTING_ERRORS.NO_ITEMS_FOR_STATION }),
    );
  });

  it('round-trips CJK text through Kanji mode', () => {
    const decoded = decodeEscPos(render({ characterSet: 'CHINA' }));
    expect(lineWith(decoded, '宫保鸡丁')).toEqual({ text: '1 x 宫保鸡丁', bold: true, doubleHeight: true });
    expect(lineWith(decoded, 'NOTE')?.text).toBe('NOTE: Birthday cake 5 €');
  });

  it.each([
    [58, 32],
    [80, 48],
  ] as const)('wraps every line to the %i mm width (%i columns at normal size)', (width, columns) => {
    const long = 'Extraordinarily long dish name with many words that will never fit on one line';
    const order = kitchenOrder({
      number: 'A-100042',
      customer: { name: 'Maximiliane Alexandra von Hohenzollern-Sigmaringen' },
      items: [{ name: long, qty: 12, station: 'kitchen', modifiers: [long, 'Supercalifragilisticexpialidocious-and-more'], notes: long }],
      notes: long,
    });
    for (const characterSet of ['PC858_EURO', 'CHINA'] as const) {
      const decoded = decodeEscPos(render({ width, characterSet }, { ...order, items: [...order.items, { name: '宫保鸡丁'.repeat(8), qty: 1, station: 'kitchen', modifiers: [] }] }));
      for (const line of decoded.lines) {
        const limit = line.doubleWidth ? Math.floor(columns / 2) : columns;
        expect(textColumns(line.text, characterSet), `${characterSet}: "${line.text}"`).toBeLessThanOrEqual(limit);
      }
      // The order number is printed at three times the width.
      expect(lineWith(decoded, '#A-100042')!.text.length).toBeLessThanOrEqual(Math.floor(columns / 3));
      expect(decoded.lines.map((l) => l.text).join(' ')).toContain('Supercalifragilistic');
    }
  });

  it('renders for Star printers in Star Line Mode', () => {
    const decoded = decodeEscPos(render({ type: 'STAR', buzzer: true }), { printerType: 'STAR' });
    expect(lineWith(decoded, '#1042')).toEqual({ text: '#1042', bold: true, doubleHeight: true, doubleWidth: true, align: 'center' });
    expect(lineWith(decoded, 'Margherita')).toEqual({ text: '2 x Margherita', bold: true, doubleHeight: true });
    expect(lineWith(decoded, 'extra basil')).toEqual({ text: '    + extra basil', inverted: true });
    expect(lineWith(decoded, 'NOTE')?.text).toBe('NOTE: Birthday cake 5 €');
    expect(decoded).toMatchObject({ cuts: 1, buzzer: 1, codePages: [4, 10, 4], unknownBytes: 0 });
  });

  it('refuses CJK character sets on Star printers with a named error', () => {
    expect(() => render({ type: 'STAR', characterSet: 'CHINA' })).toThrow(expect.objectContaining({ code: PRINTING_ERRORS.CHARACTER_SET_UNSUPPORTED }));
  });
});

describe('renderTestPage', () => {
  it.each(CHARACTER_SETS.map((set) => [set]))('prints the %s sample back exactly, with a ruler as wide as the paper', (characterSet: CharacterSet) => {
    const decoded = decodeEscPos(renderTestPage(printerSettings({ characterSet, width: 58 }), FIXED_NOW, UTC), { imageLines: true });
    // Compared as printed: right-to-left samples in visual order, Arabic shapes (CP864) and
    // Vietnamese base + tone mark (Windows-1258) as the letters they show.
    const texts = decoded.lines.map((l) => l.text.normalize('NFKC'));
    const sample = CHARACTER_SET_SAMPLES[characterSet];
    expect(texts).toContain((hasRightToLeft(sample) ? toVisualOrder(sample) : sample).normalize('NFKC'));
    // The drawn copy of the sample follows it (auto mode).
    const sampleIndex = texts.indexOf((hasRightToLeft(sample) ? toVisualOrder(sample) : sample).normalize('NFKC'));
    expect(decoded.lines[sampleIndex + 1]?.image?.widthBytes).toBe(384 / 8);
    expect(texts).toContain('12345678901234567890123456789012');
    expect(lineWith(decoded, 'red on')).toMatchObject({ red: true });
    expect(decoded).toMatchObject({ cuts: 1, unknownBytes: 0 });
  });
});

describe('raw and image jobs', () => {
  it('passes raw bytes through and refuses what is not base64', () => {
    const raw = hex(0x1b, 0x40, 0x41, 0x0a, 0x1d, 0x56, 0x00);
    expect(renderRawJob(raw.toString('base64'))).toEqual(raw);
    for (const bad of ['', 'abc', 'a$b=', '====']) {
      expect(() => renderRawJob(bad), bad).toThrow(expect.objectContaining({ code: PRINTING_ERRORS.RAW_PAYLOAD_INVALID }));
    }
  });

  it('prints a PNG as a GS v 0 raster image, whatever bytes the raster holds', async () => {
    const row = [0x1b, 0x40, 0x0a, 0x1d, 0x56, 0x00];
    const bytes = await renderImageJob(pngWithRasterRow(row).toString('base64'), printerSettings());
    expect(containsBytes(bytes, b(hex(0x1d, 0x76, 0x30, 0x30, row.length, 0x00, 0x02, 0x00), hex(...row), hex(0, 0, 0, 0, 0, 0)))).toBe(true);
    const decoded = decodeEscPos(bytes);
    expect(decoded).toMatchObject({ images: 1, cuts: 1, unknownBytes: 0, statusRequests: [] });
    expect(decoded.lines.every((l) => l.text === '')).toBe(true);
  });

  it('refuses images wider than the paper and payloads that are not PNGs', async () => {
    const tooWide = makePng(584, 1, () => true).toString('base64');
    await expect(renderImageJob(tooWide, printerSettings({ width: 80 }))).rejects.toMatchObject({ code: PRINTING_ERRORS.IMAGE_TOO_WIDE });
    const notPng = Buffer.from('GIF89a is not a png at all....').toString('base64');
    await expect(renderImageJob(notPng, printerSettings())).rejects.toMatchObject({ code: PRINTING_ERRORS.IMAGE_INVALID });
  });
});
