import { describe, expect, it } from 'vitest';
import { PrinterSettingsSchema } from '../../../common/settings.js';
import { decodeEscPos } from '../../printing/escpos-decoder.js';
import { renderTestPage } from '../../printing/ticket-renderer.js';
import { cutBytes, endsWithCut, payloadBytes, payloadTextToBytes } from './payload-bytes.js';
import { PrintPayloadSchema } from './tabletrack-contract.js';

/** A payload exactly as it arrives on the wire: PHP's json_encode escapes every non-ASCII code point. */
const wire = (json: string) => PrintPayloadSchema.parse(JSON.parse(json));

const EPSON_CUT = [0x1b, 0x64, 0x04, 0x1b, 0x64, 0x04, 0x1d, 0x56, 0x00, 0x1b, 0x40];
const ascii = (text: string) => [...Buffer.from(text, 'ascii')];

describe('payloadTextToBytes: the bytes PHP meant', () => {
  it('reads CP858 bytes (é 0x82, ü 0x81, € 0xD5) that PHP widened from ISO-8859-1', () => {
    // ESC @, ESC t 19 (PC858), "Café Müller 5 €", LF — not valid UTF-8, so TableTrack sent it as latin1.
    const payload = wire('{"text":"\\u001b@\\u001bt\\u0013Caf\\u0082 M\\u0081ller 5 \\u00d5\\n","cutPaper":false}');
    const bytes = payloadBytes(payload);
    expect([...bytes]).toEqual([0x1b, 0x40, 0x1b, 0x74, 0x13, ...ascii('Caf'), 0x82, ...ascii(' M'), 0x81, ...ascii('ller 5 '), 0xd5, 0x0a]);
    expect(decodeEscPos(bytes).lines.map((line) => line.text)).toEqual(['Café Müller 5 €']);
  });

  it('reads WPC1252 bytes (é 0xE9, ü 0xFC, € 0x80)', () => {
    const payload = wire('{"text":"\\u001b@\\u001bt\\u0010Caf\\u00e9 M\\u00fcller 5 \\u0080\\n","cutPaper":false}');
    const bytes = payloadBytes(payload);
    expect([...bytes]).toEqual([0x1b, 0x40, 0x1b, 0x74, 0x10, ...ascii('Caf'), 0xe9, ...ascii(' M'), 0xfc, ...ascii('ller 5 '), 0x80, 0x0a]);
    expect(decodeEscPos(bytes).lines.map((line) => line.text)).toEqual(['Café Müller 5 €']);
  });

  it('reads a buffer that was valid UTF-8 (a code point above 0xFF) as UTF-8', () => {
    // TableTrack's tickets print "• variation" lines; "•" (U+2022) makes the whole string UTF-8.
    expect([...payloadTextToBytes('\u2022 Caf\u00e9')]).toEqual([0xe2, 0x80, 0xa2, 0x20, ...ascii('Caf'), 0xc3, 0xa9]);
    expect([...payloadTextToBytes('\u20ac')]).toEqual([0xe2, 0x82, 0xac]);
  });

  it('reads a string of code points up to 0xFF as latin1 even where it could be UTF-8 (the documented ambiguity)', () => {
    expect([...payloadTextToBytes('\u00e9')]).toEqual([0xe9]);
    expect([...payloadTextToBytes('\u00c3\u00a9')]).toEqual([0xc3, 0xa9]);
  });
});

describe('payloadBytes: the cut', () => {
  const text = (latin1: string, cutPaper = true) => ({ text: latin1, cutPaper });

  it('appends the same cut the project’s own tickets end with', () => {
    const printer = PrinterSettingsSchema.parse({ id: 'p', name: 'P', interface: 'tcp://127.0.0.1:9100', stations: ['kitchen'], cut: true });
    const page = renderTestPage(printer, new Date('2026-01-01T12:00:00Z'));
    expect([...page.subarray(page.length - cutBytes('EPSON').length)]).toEqual([...cutBytes('EPSON')]);
    expect([...cutBytes('EPSON')]).toEqual(EPSON_CUT);
    expect([...payloadBytes(text('Hello\n'))]).toEqual([...ascii('Hello\n'), ...EPSON_CUT]);
  });

  it('adds no cut when cutPaper is false', () => {
    expect([...payloadBytes(text('Hello\n', false))]).toEqual(ascii('Hello\n'));
  });

  it.each([
    ['GS V 0', 'Hello\n\x1dV\x00'],
    ['GS V 1 (partial)', 'Hello\n\x1dV\x01'],
    ['GS V 48', 'Hello\n\x1dV0'],
    ['GS V 65 3 (feed and cut, as escpos-php cut() sends it)', 'Hello\n\x1dVA\x03'],
    ['GS V 66 0', 'Hello\n\x1dVB\x00'],
    ['GS V 0 then ESC @ and feeds', 'Hello\n\x1dV\x00\x1b@\n\n\x1bd\x03\x1bJ\x10'],
    ['the project’s own cut', `Hello\n${Buffer.from(EPSON_CUT).toString('latin1')}`],
  ])('keeps the bytes as they are when they end with a cut: %s', (_label, latin1) => {
    expect([...payloadBytes(text(latin1))]).toEqual([...Buffer.from(latin1, 'latin1')]);
  });

  it('cuts again when something prints after the last cut', () => {
    const latin1 = 'First\n\x1dV\x00Second\n';
    expect([...payloadBytes(text(latin1))]).toEqual([...Buffer.from(latin1, 'latin1'), ...EPSON_CUT]);
  });

  it('cuts when the bytes end with an unfinished GS V', () => {
    const latin1 = 'Hello\n\x1dV';
    expect(endsWithCut(Buffer.from(latin1, 'latin1'))).toBe(false);
    expect([...payloadBytes(text(latin1))]).toEqual([...Buffer.from(latin1, 'latin1'), ...EPSON_CUT]);
  });

  it('does not take image data that ends in 1D 56 00 for a cut', () => {
    // GS v 0: raster image, 3 bytes wide (xL=3), 1 dot high; its data is 1D 56 00.
    const image = Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x03, 0x00, 0x01, 0x00, 0x1d, 0x56, 0x00]);
    expect(endsWithCut(image)).toBe(false);
    expect([...payloadBytes(text(image.toString('latin1')))]).toEqual([...image, ...EPSON_CUT]);
  });

  it('uses the Star cut for a Star printer and reads ESC d n as its cut', () => {
    const starCut = [0x0b, 0x0b, 0x1b, 0x64, 0x02, 0x1b, 0x40];
    expect([...payloadBytes(text('Hello\n'), 'STAR')]).toEqual([...ascii('Hello\n'), ...starCut]);
    expect(endsWithCut(Buffer.from('Hello\n\x1bd\x02', 'latin1'), 'STAR')).toBe(true);
  });
});
