import { describe, expect, it } from 'vitest';
import { payloadBytes } from '../connectors/tabletrack/payload-bytes.js';
import { decodeEscPos } from './escpos-decoder.js';
import { drawTextLine } from './raster-text.js';
import { transcodeRawJob } from './raw-transcoder.js';
import { printerSettings } from './test-fixtures.js';
import { PAPER_DOTS } from './ticket-builder.js';

/** A raw job as TableTrack builds it when its buffer is UTF-8: ESC @, bold title, bullet lines, a cut. */
function tableTrackJob(lines: string[]): Buffer {
  const text = `\x1b@\x1bE\x01Table 4\x1bE\x00\n${lines.map((line) => `${line}\n`).join('')}\x1dV\x00`;
  return payloadBytes({ text, cutPaper: false } as Parameters<typeof payloadBytes>[0]);
}

const texts = (bytes: Buffer) => decodeEscPos(bytes, { imageLines: true }).lines.map((line) => (line.image ? '[drawn]' : line.text));

describe('raw jobs written as UTF-8 (the "•" case)', () => {
  it('prints mojibake as it came: the problem this fixes', () => {
    expect(texts(tableTrackJob(['• 2 Burger']))).toContain('ΓÇó 2 Burger');
  });

  it('auto: draws a line no code page holds, exactly as the renderer draws it, in place', () => {
    const out = transcodeRawJob(tableTrackJob(['• 2 Burger', 'plain line']), printerSettings());
    expect(texts(out)).toEqual(['Table 4', '[drawn]', 'plain line']);
    const drawn = decodeEscPos(out, { imageLines: true }).lines[1]!.image!;
    expect(Buffer.from(drawn.bits)).toEqual(Buffer.from(drawTextLine('• 2 Burger', { scaleX: 1, scaleY: 1, bold: false, inverted: false, align: 'left', indentDots: 0 }, PAPER_DOTS[80]).data));
  });

  it('sends what a code page holds as text through it: Łukasz via CP852, then back to the job own page', () => {
    const job = Buffer.concat([Buffer.from([0x1b, 0x74, 19]), tableTrackJob(['Łukasz 2 x Żurek'])]);
    const out = transcodeRawJob(job, printerSettings());
    const decoded = decodeEscPos(out);
    expect(decoded.lines.map((line) => line.text)).toContain('Łukasz 2 x Żurek');
    expect(decoded.lines.some((line) => line.text.includes('?'))).toBe(false);
  });

  it('codepage mode: "?" for what no page holds, never mojibake', () => {
    expect(texts(transcodeRawJob(tableTrackJob(['• 2 Burger']), printerSettings({ textMode: 'codepage' })))).toContain('? 2 Burger');
  });

  it('leaves code-page text, image data and Kanji runs byte for byte', () => {
    const cp858 = Buffer.from([0x1b, 0x40, 0x1b, 0x74, 19, 0x82, 0x74, 0xe9, 0x0a]); // "été" in CP858: not UTF-8
    expect(transcodeRawJob(cp858, printerSettings())).toBe(cp858);
    const raster = Buffer.from([0x1d, 0x76, 0x30, 0x00, 2, 0, 1, 0, 0xc3, 0xa9, 0x0a]); // image bytes that spell "é" in UTF-8
    expect(transcodeRawJob(raster, printerSettings())).toBe(raster);
    const kanji = Buffer.from([0x1c, 0x26, 0xc4, 0xe3, 0xba, 0xc3, 0x1c, 0x2e, 0x0a]);
    expect(transcodeRawJob(kanji, printerSettings({ characterSet: 'CHINA' }))).toBe(kanji);
  });
});
