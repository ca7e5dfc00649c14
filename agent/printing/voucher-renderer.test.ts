import { afterEach, describe, expect, it } from 'vitest';
import type { Voucher } from '../../common/gift-card.js';
import type { PrintJob } from '../../common/print-job.js';
import { createEscPosDriver } from '../pipeline/escpos-driver.js';
import { decodeEscPos } from './escpos-decoder.js';
import { sendToPrinter } from './printer-transport.js';
import { FIXED_NOW, UTC, printerSettings } from './test-fixtures.js';
import { startVirtualPrinter, type VirtualPrinter } from './virtual-printer.js';
import { renderVoucher } from './voucher-renderer.js';

const SEND = { connectTimeoutMs: 2_000, answerTimeoutMs: 2_000 } as const;
const VOUCHER: Voucher = { cardNumber: 'GC-7KQ2M9XH4T', balance: 5000, currency: 'EUR', expiresAt: '2026-12-31T23:00:00.000Z', recipientName: 'Ben' };

const printers: VirtualPrinter[] = [];
afterEach(async () => {
  await Promise.all(printers.splice(0).map((printer) => printer.close()));
});

async function virtualPrinter(printerType: 'EPSON' | 'STAR'): Promise<VirtualPrinter> {
  const printer = await startVirtualPrinter({ name: `voucher-${printerType}`, printerType });
  printers.push(printer);
  return printer;
}

describe('gift card vouchers', () => {
  it('reach the virtual printer over TCP with the card number large, its balance, expiry and a QR code of the number', async () => {
    const printer = await virtualPrinter('EPSON');
    const bytes = renderVoucher(VOUCHER, { jobId: 'job_v1' }, printerSettings({ id: 'counter-1', stations: ['counter'], interface: printer.url }), FIXED_NOW, UTC);
    const outcome = await sendToPrinter(printer.url, bytes, SEND);
    expect(outcome.ok).toBe(true);

    expect(printer.printed).toHaveLength(1);
    const decoded = printer.printed[0]!.decoded;
    expect(decoded).toMatchObject({ cuts: 1, barcodes: 1, symbols: [VOUCHER.cardNumber], unknownBytes: 0 });
    const texts = decoded.lines.map((line) => line.text);
    expect(texts).toEqual(expect.arrayContaining(['GIFT CARD', 'for Ben', 'EUR 50.00', 'valid until 31/12/2026', VOUCHER.cardNumber]));
    expect(decoded.lines.find((line) => line.text === VOUCHER.cardNumber)).toMatchObject({ bold: true, doubleWidth: true, doubleHeight: true, align: 'center' });
    // The QR code comes after the number it encodes, before the cut.
    expect(texts.indexOf(VOUCHER.cardNumber)).toBeGreaterThan(texts.indexOf('EUR 50.00'));
  });

  it('print on a Star printer too, the QR in Star Line Mode', async () => {
    const printer = await virtualPrinter('STAR');
    const bytes = renderVoucher({ cardNumber: VOUCHER.cardNumber, balance: 1500, currency: 'JPY' }, { jobId: 'job_v2', reprint: true }, printerSettings({ type: 'STAR', width: 58, characterSet: 'PC437_USA', interface: printer.url }), FIXED_NOW, UTC);
    expect((await sendToPrinter(printer.url, bytes, SEND)).ok).toBe(true);
    const decoded = printer.printed[0]!.decoded;
    expect(decoded).toMatchObject({ cuts: 1, symbols: [VOUCHER.cardNumber], unknownBytes: 0 });
    expect(decoded.lines.map((line) => line.text)).toEqual(expect.arrayContaining(['*** REPRINT ***', 'JPY 1,500', 'no expiry date', VOUCHER.cardNumber]));
  });

  it('are what the agent renders for a voucher print job, once per copy', async () => {
    const job: PrintJob = {
      id: 'job_v3',
      kind: 'voucher',
      station: 'counter',
      copies: 2,
      status: 'printing',
      attempts: 1,
      voucher: VOUCHER,
      createdAt: FIXED_NOW.toISOString(),
      updatedAt: FIXED_NOW.toISOString(),
      version: 2,
    };
    const driver = createEscPosDriver();
    const bytes = await driver.render(job, undefined, printerSettings({ stations: ['counter'] }), { reprint: false, language: 'en' });
    const decoded = decodeEscPos(bytes);
    expect(decoded).toMatchObject({ cuts: 2, symbols: [VOUCHER.cardNumber, VOUCHER.cardNumber] });
    const { voucher: _voucher, ...withoutVoucher } = job;
    await expect(driver.render(withoutVoucher, undefined, printerSettings(), { reprint: false, language: 'en' })).rejects.toThrow(/has no voucher/);
  });
});
