import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import type { TicketPreview } from '../../common/kitchen-api.js';
import { toPreviewLines } from './decoded-job.js';
import { ESC, FS, GS, DLE, LF } from './escpos-bytes.js';
import { decodeEscPos, EscPosDecoder, type DecodedJob } from './escpos-decoder.js';
import { ascii, hex } from './test-fixtures.js';

const job = (...parts: Buffer[]): Buffer => Buffer.concat(parts);
const texts = (decoded: DecodedJob): string[] => decoded.lines.map((l) => l.text);

/** GS v 0 m xL xH yL yH with `data` as the raster (xL bytes per row, one row). */
function rasterImage(data: number[]): Buffer {
  return job(hex(GS, 0x76, 0x30, 0x00, data.length, 0x00, 0x01, 0x00), hex(...data));
}

/** Bytes that mean something when read as commands: ESC @, LF, DLE EOT 1, GS V 0, ESC d 5. */
const COMMAND_LOOKING_DATA = [ESC, 0x40, LF, DLE, 0x04, 0x01, GS, 0x56, 0x00, ESC, 0x64, 0x05];

describe('decodeEscPos: text and styles', () => {
  it('splits lines at LF and keeps text between commands', () => {
    const decoded = decodeEscPos(job(ascii('one\ntwo\n\nthree'), hex(LF)));
    expect(texts(decoded)).toEqual(['one', 'two', '', 'three']);
    expect(decoded.unknownBytes).toBe(0);
  });

  it('reads bold, underline, reverse, red and alignment with their parameter bytes', () => {
    const decoded = decodeEscPos(
      job(
        hex(ESC, 0x61, 0x01, ESC, 0x45, 0x01), ascii('Bold'), hex(ESC, 0x45, 0x00, LF),
        hex(ESC, 0x61, 0x32, ESC, 0x2d, 0x31), ascii('Under'), hex(ESC, 0x2d, 0x30, LF),
        hex(ESC, 0x61, 0x00), ascii('  '), hex(GS, 0x42, 0x01), ascii('Inv'), hex(GS, 0x42, 0x00, LF),
        hex(ESC, 0x72, 0x01), ascii('Red'), hex(LF, ESC, 0x72, 0x00), ascii('Plain'), hex(LF),
      ),
    );
    expect(decoded.lines).toEqual([
      { text: 'Bold', bold: true, align: 'center' },
      { text: 'Under', underline: true, align: 'right' },
      // Unstyled indentation does not make the line plain.
      { text: '  Inv', inverted: true },
      { text: 'Red', red: true },
      { text: 'Plain' },
    ]);
  });

  it('sizes text with ESC ! and GS !, which share one size (and ESC ! clears emphasis)', () => {
    const decoded = decodeEscPos(
      job(
        hex(GS, 0x21, 0x22), ascii('Triple'), hex(LF),
        hex(ESC, 0x21, 0x10), ascii('Tall'), hex(LF),
        hex(ESC, 0x21, 0x20), ascii('Wide'), hex(LF),
        hex(ESC, 0x45, 0x01, ESC, 0x21, 0x00), ascii('Normal'), hex(LF),
      ),
    );
    expect(decoded.lines).toEqual([
      { text: 'Triple', doubleHeight: true, doubleWidth: true },
      { text: 'Tall', doubleHeight: true },
      { text: 'Wide', doubleWidth: true },
      { text: 'Normal' },
    ]);
  });

  it('expands HT to the next 8-column stop and ignores CR', () => {
    expect(texts(decodeEscPos(job(ascii('ab\tc\r\n'))))).toEqual(['ab      c']);
  });

  it('flushes text on feed commands without inventing blank lines', () => {
    const decoded = decodeEscPos(job(ascii('A'), hex(ESC, 0x64, 0x33), ascii('B'), hex(ESC, 0x4a, 0x41), ascii('C'), hex(LF)));
    expect(texts(decoded)).toEqual(['A', 'B', 'C']);
  });

  it('produces lines the board preview accepts as they are', () => {
    const lines: TicketPreview['lines'] = toPreviewLines(decodeEscPos(job(hex(ESC, 0x2d, 0x01), ascii('x'), hex(LF))).lines);
    expect(lines).toEqual([{ text: 'x' }]);
  });
});

describe('decodeEscPos: parameter lengths', () => {
  it('skips a GS v 0 raster image whose data contains command bytes', () => {
    const decoded = decodeEscPos(job(ascii('before\n'), rasterImage(COMMAND_LOOKING_DATA), ascii('after\n')));
    expect(texts(decoded)).toEqual(['before', 'after']);
    expect(decoded).toMatchObject({ images: 1, cuts: 0, statusRequests: [], unknownBytes: 0 });
  });

  it('reads the raster size as xL xH × yL yH (a 300-byte, 2-row image)', () => {
    const data = Array.from({ length: 300 * 2 }, (_, i) => COMMAND_LOOKING_DATA[i % COMMAND_LOOKING_DATA.length]!);
    const image = job(hex(GS, 0x76, 0x30, 0x00, 300 % 256, 1, 2, 0), hex(...data));
    const decoded = decodeEscPos(job(image, ascii('after\n')));
    expect(texts(decoded)).toEqual(['after']);
    expect(decoded.cuts).toBe(0);
  });

  it.each([
    ['GS V 0 (one parameter)', hex(GS, 0x56, 0x00)],
    ['GS V 1 (one parameter)', hex(GS, 0x56, 0x01)],
    ['GS V 48 (one parameter)', hex(GS, 0x56, 0x30)],
    ['GS V 49 (one parameter)', hex(GS, 0x56, 0x31)],
    ['GS V 65 n (two parameters)', hex(GS, 0x56, 0x41, 0x42)],
    ['GS V 66 n (two parameters)', hex(GS, 0x56, 0x42, 0x41)],
    ['GS V 97 n (two parameters)', hex(GS, 0x56, 0x61, 0x43)],
  ])('cuts on %s and prints the next text whole', (_name, cut) => {
    const decoded = decodeEscPos(job(ascii('ticket\n'), cut, ascii('Next\n')));
    expect(texts(decoded)).toEqual(['ticket', 'Next']);
    expect(decoded.cuts).toBe(1);
    expect(decoded.unknownBytes).toBe(0);
  });

  it('does not print the printable parameters of ESC B, ESC p, ESC t, ESC R, ESC J', () => {
    const decoded = decodeEscPos(
      job(hex(ESC, 0x42, 0x41, 0x42), hex(ESC, 0x70, 0x30, 0x32, 0x32), hex(ESC, 0x74, 0x41), hex(ESC, 0x52, 0x41), ascii('ok\n')),
    );
    expect(texts(decoded)).toEqual(['ok']);
    expect(decoded.buzzer).toBe(1);
    expect(decoded.codePages).toEqual([0x41]);
  });

  it('skips QR data (GS ( k pL pH) and both GS k barcode forms', () => {
    const qrData = ascii('https://x.test/\n\x1b@');
    const qrStore = job(hex(GS, 0x28, 0x6b, qrData.length + 3, 0x00, 0x31, 0x50, 0x30), qrData);
    const qrPrint = hex(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30);
    const barcodeA = job(hex(GS, 0x6b, 0x04), ascii('12345'), hex(0x00));
    const barcodeB = job(hex(GS, 0x6b, 0x49, 0x04), hex(0x7b, 0x42, 0x0a, 0x41));
    const decoded = decodeEscPos(job(qrStore, qrPrint, barcodeA, barcodeB, ascii('end\n')));
    expect(texts(decoded)).toEqual(['end']);
    expect(decoded.barcodes).toBe(3);
    expect(decoded.unknownBytes).toBe(0);
  });

  it('records GS r and DLE EOT requests in order, not as text', () => {
    const decoded = decodeEscPos(hex(DLE, 0x04, 0x02, GS, 0x72, 0x01, DLE, 0x04, 0x04, GS, 0x72, 0x31));
    expect(decoded.statusRequests).toEqual([
      { command: 'DLE EOT', n: 2 },
      { command: 'GS r', n: 1 },
      { command: 'DLE EOT', n: 4 },
      { command: 'GS r', n: 1 },
    ]);
    expect(decoded.lines).toEqual([]);
  });

  it('counts unknown commands and an unfinished command at the end as unknown bytes', () => {
    const decoded = decodeEscPos(job(hex(ESC, 0xff), ascii('a\n'), hex(0x00), hex(GS, 0x76, 0x30, 0x00, 0x10, 0x00, 0x10, 0x00, 0x01, 0x02)));
    expect(texts(decoded)).toEqual(['a']);
    expect(decoded.unknownBytes).toBe(2 + 1 + 10);
  });
});

describe('decodeEscPos: code pages and Kanji mode', () => {
  it('decodes through the code page ESC t selects, resetting to the power-on page at ESC @', () => {
    const decoded = decodeEscPos(
      job(
        hex(ESC, 0x74, 19), ascii('5 '), hex(0xd5, LF), // € in PC858
        hex(ESC, 0x74, 17), hex(0x81, 0xae, 0xe0, 0xe9, LF), // Борщ in PC866
        hex(ESC, 0x74, 46), hex(0xc1, 0xee, 0xf0, 0xf9, LF), // Борщ in Windows-1251
        hex(ESC, 0x40), hex(0x81, LF), // PC437 again: ü
      ),
    );
    expect(texts(decoded)).toEqual(['5 €', 'Борщ', 'Борщ', 'ü']);
    expect(decoded.codePages).toEqual([19, 17, 46]);
  });

  it('uses the configured power-on code page', () => {
    expect(texts(decodeEscPos(hex(0xd5, LF), { codePage: 19 }))).toEqual(['€']);
  });

  it.each([
    ['GB18030 after ESC R 15', hex(ESC, 0x52, 15), hex(0xb9, 0xac, 0xb1, 0xa3, 0xbc, 0xa6, 0xb6, 0xa1), '宫保鸡丁'],
    ['Shift_JIS after ESC R 8, FS C 1', hex(ESC, 0x52, 8, FS, 0x43, 0x01), hex(0x83, 0x89, 0x81, 0x5b, 0x83, 0x81, 0x83, 0x93), 'ラーメン'],
    ['EUC-KR after ESC R 13', hex(ESC, 0x52, 13), hex(0xb1, 0xe8, 0xc4, 0xa1), '김치'],
    ['JIS after FS C 0', hex(FS, 0x43, 0x00), hex(0x25, 0x69, 0x21, 0x3c), 'ラー'],
  ])('decodes Kanji mode text as %s', (_name, setup, kanji, expected) => {
    const decoded = decodeEscPos(job(setup, ascii('A '), hex(FS, 0x26), kanji, hex(FS, 0x2e), ascii(' B\n')));
    expect(texts(decoded)).toEqual([`A ${expected} B`]);
  });

  it('reads the same bytes as single-byte text outside Kanji mode', () => {
    const decoded = decodeEscPos(job(hex(ESC, 0x52, 15), hex(0xb9, 0xac, LF)));
    expect(texts(decoded)).toEqual(['╣¼']);
  });
});

describe('EscPosDecoder: streaming', () => {
  const ticket = job(
    hex(ESC, 0x40, ESC, 0x74, 19, ESC, 0x61, 0x01, GS, 0x21, 0x22), ascii('#42'), hex(ESC, 0x21, 0x00, LF),
    rasterImage(COMMAND_LOOKING_DATA), hex(ESC, 0x52, 15, FS, 0x26, 0xb9, 0xac, FS, 0x2e, LF),
    ascii('Total 5 '), hex(0xd5, LF, ESC, 0x42, 0x02, 0x03, GS, 0x56, 0x41, 0x03, ESC, 0x40, GS, 0x72, 0x01),
  );

  it('decodes the same whichever way the bytes are split', () => {
    const whole = decodeEscPos(ticket);
    expect(texts(whole)).toEqual(['#42', '宫', 'Total 5 €']);
    for (let split = 1; split < ticket.length; split++) {
      const decoder = new EscPosDecoder();
      decoder.push(ticket.subarray(0, split));
      decoder.push(ticket.subarray(split));
      decoder.end();
      expect(decoder.takeJob(), `split at ${split}`).toEqual(whole);
    }
    const byteByByte = new EscPosDecoder();
    for (const byte of ticket) byteByByte.push(hex(byte));
    byteByByte.end();
    expect(byteByByte.takeJob()).toEqual(whole);
  });

  it('reports a status request as soon as its last byte arrives, and a cut with its stream offset', () => {
    const events: string[] = [];
    const decoder = new EscPosDecoder({}, {
      onStatusRequest: (r) => events.push(`${r.command} ${r.n}`),
      onCut: (offset) => events.push(`cut@${offset}`),
    });
    decoder.push(hex(DLE, 0x04));
    expect(events).toEqual([]);
    decoder.push(hex(0x01));
    expect(events).toEqual(['DLE EOT 1']);
    decoder.push(job(ascii('x\n'), hex(GS, 0x56, 0x00)));
    expect(events).toEqual(['DLE EOT 1', 'cut@8']);
  });
});

describe('decodeEscPos: Star Line Mode', () => {
  it('reads ESC d as a cut, ESC E/F as bold, ESC 4/5 as highlight, ESC i as size, ESC GS t/a', () => {
    const decoded = decodeEscPos(
      job(
        hex(ESC, 0x40, ESC, GS, 0x74, 4, ESC, GS, 0x61, 1, ESC, 0x69, 1, 1, ESC, 0x45), ascii('Big'), hex(ESC, 0x46, ESC, 0x69, 0, 0, LF),
        hex(ESC, GS, 0x61, 0, ESC, 0x34), ascii('Hi '), hex(0xd5, ESC, 0x35, LF),
        hex(ESC, 0x64, 0x02),
      ),
      { printerType: 'STAR' },
    );
    expect(decoded.lines).toEqual([
      { text: 'Big', bold: true, doubleHeight: true, doubleWidth: true, align: 'center' },
      { text: 'Hi €', inverted: true },
    ]);
    expect(decoded).toMatchObject({ cuts: 1, codePages: [4], unknownBytes: 0 });
  });

  it('skips an ESC k fine image of (n1 + n2×256) × 24 bytes', () => {
    const data = Array.from({ length: 2 * 24 }, (_, i) => COMMAND_LOOKING_DATA[i % COMMAND_LOOKING_DATA.length]!);
    const decoded = decodeEscPos(job(hex(ESC, 0x6b, 2, 0), hex(...data), ascii('after\n')), { printerType: 'STAR' });
    expect(texts(decoded)).toEqual(['after']);
    expect(decoded).toMatchObject({ images: 1, cuts: 0 });
  });

  it('counts the Star external buzzer', () => {
    const decoded = decodeEscPos(hex(ESC, GS, 0x19, 0x11, 1, 10, 5, ESC, GS, 0x19, 0x12, 1, 2, 0), { printerType: 'STAR' });
    expect(decoded).toMatchObject({ buzzer: 1, unknownBytes: 0, lines: [] });
  });
});

describe('decodeEscPos on node-thermal-printer output', () => {
  it('decodes every EPSON command the library emits without unknown bytes', async () => {
    const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: 'tcp://127.0.0.1:9', characterSet: CharacterSet.PC858_EURO });
    p.alignCenter();
    p.underline(true);
    p.println('Menu');
    p.underline(false);
    p.alignLeft();
    p.setTextSize(1, 1);
    p.println('Soup 4,50 €');
    p.setTextNormal();
    p.setTypeFontB();
    p.println('small');
    p.setTypeFontA();
    p.printQR('https://ticketrail.test/o/1');
    p.code128('A-1042');
    p.printBarcode('4006381333931', 67);
    p.pdf417('pdf');
    p.setLineSpacing(40);
    p.resetLineSpacing();
    p.upsideDown(false);
    p.beep(1, 1);
    p.cut();
    const decoded = decodeEscPos(p.getBuffer());
    expect(texts(decoded)).toEqual(['Menu', 'Soup 4,50 €', 'small']);
    expect(decoded).toMatchObject({ cuts: 1, buzzer: 1, barcodes: 4, unknownBytes: 0, codePages: [19] });
  });

  it('reads the library\'s short drawer kick (ESC p m without t1 t2) as a printer would', () => {
    const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: 'tcp://127.0.0.1:9' });
    p.openCashDrawer();
    p.println('x');
    // `1b 70 00 1b 70 01`: the first ESC p takes `1b 70` as its pulse times, leaving 0x01 over.
    const decoded = decodeEscPos(p.getBuffer());
    expect(decoded.unknownBytes).toBe(1);
    expect(texts(decoded)).toEqual(['x']);
  });
});
