import { describe, expect, it } from 'vitest';
import type { PrintJob } from '../../common/print-job.js';
import { decodeEscPos } from '../printing/escpos-decoder.js';
import { printerSettings, kitchenOrder } from '../printing/test-fixtures.js';
import { createEscPosDriver } from './escpos-driver.js';

const AT = '2025-03-01T12:40:00.000Z';

function job(overrides: Partial<PrintJob>): PrintJob {
  return { id: 'job_1', kind: 'raw', station: 'kitchen', copies: 1, status: 'pending', attempts: 0, createdAt: AT, updatedAt: AT, version: 1, ...overrides };
}

describe('the ESC/POS driver renders', () => {
  const driver = createEscPosDriver();
  const posBytes = Buffer.from('\x1b@Table 4\n2 x Fries\n\x1dV\x00', 'latin1');

  it("a raw job's bytes unchanged and once, whatever the printer's copies: another system's finished print", async () => {
    const bytes = await driver.render(job({ payload: posBytes.toString('base64') }), undefined, printerSettings({ copies: 3 }), { reprint: false, language: 'en' });
    expect(bytes.equals(posBytes)).toBe(true);
  });

  it("a raw job as many times as the job itself asks", async () => {
    const bytes = await driver.render(job({ payload: posBytes.toString('base64'), copies: 2 }), undefined, printerSettings({ copies: 3 }), { reprint: false, language: 'en' });
    expect(bytes.equals(Buffer.concat([posBytes, posBytes]))).toBe(true);
  });

  it("a kitchen ticket once per copy of the job times the printer's copies", async () => {
    const order = kitchenOrder();
    const one = await driver.render(job({ kind: 'ticket', orderId: order.id }), order, printerSettings({ copies: 1 }), { reprint: false, language: 'en' });
    const three = await driver.render(job({ kind: 'ticket', orderId: order.id }), order, printerSettings({ copies: 3 }), { reprint: false, language: 'en' });
    const cuts = (bytes: Buffer) => bytes.toString('latin1').split('\x1dV').length - 1;
    expect(cuts(three)).toBe(3 * cuts(one));
  });

  it('a raw job written as UTF-8 (a POS, TableTrack\'s bullets) put right for the printer, never as mojibake', async () => {
    const utf8 = Buffer.from('\x1b@Łukasz\n• 2 Fries\n\x1dV\x00', 'utf8');
    const bytes = await driver.render(job({ payload: utf8.toString('base64') }), undefined, printerSettings(), { reprint: false, language: 'en' });
    const lines = decodeEscPos(bytes, { imageLines: true }).lines;
    expect(lines[0]!.text).toBe('Łukasz');
    // No code page of a PC858 printer holds the bullet: that line is drawn, in place.
    expect(lines[1]!.image).toBeDefined();
    expect(lines.map((line) => line.text).join('\n')).not.toMatch(/Å|ΓÇó|\?/u);
  });
});
