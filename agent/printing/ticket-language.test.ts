import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../common/i18n/languages.js';
import type { Voucher } from '../../common/gift-card.js';
import { createEscPosDriver } from '../pipeline/escpos-driver.js';
import { decodeEscPos } from './escpos-decoder.js';
import { sendToPrinter } from './printer-transport.js';
import { FIXED_NOW, UTC, kitchenOrder, printerSettings } from './test-fixtures.js';
import { renderKitchenTicket, renderTestPage } from './ticket-renderer.js';
import { startVirtualPrinter, type VirtualPrinter } from './virtual-printer.js';
import { renderVoucher } from './voucher-renderer.js';

/*
 * The fixed words of tickets follow the agent's display.language (issue 22). What the printer
 * receives is read back with the virtual printer's decoder, as a person would read the paper.
 */

const SEND = { connectTimeoutMs: 2_000, answerTimeoutMs: 2_000 } as const;
const VOUCHER: Voucher = { cardNumber: 'GC-7KQ2M9XH4T', balance: 5000, currency: 'EUR', expiresAt: '2026-12-31T23:00:00.000Z', recipientName: 'Ben' };

const printers: VirtualPrinter[] = [];
afterEach(async () => {
  await Promise.all(printers.splice(0).map((printer) => printer.close()));
});

const texts = (bytes: Buffer) => decodeEscPos(bytes).lines.map((line) => line.text);

describe('tickets in the kitchen’s language', () => {
  it("print Spanish fixed words with display.language 'es', read back off a virtual printer", async () => {
    const printer = await startVirtualPrinter({ name: 'es-kitchen', printerType: 'EPSON' });
    printers.push(printer);
    const settings = printerSettings({ interface: printer.url });
    const bytes = await createEscPosDriver().render(
      { id: 'job-es', kind: 'ticket', orderId: 'ord-1', station: 'kitchen', copies: 2, status: 'pending', attempts: 0, createdAt: FIXED_NOW.toISOString(), updatedAt: FIXED_NOW.toISOString(), version: 1 },
      kitchenOrder({ notes: 'sin gluten' }),
      settings,
      { reprint: true, language: 'es' },
    );
    expect((await sendToPrinter(printer.url, bytes, SEND)).ok).toBe(true);
    const paper = printer.printed[0]!.decoded.lines.map((line) => line.text);
    expect(paper).toEqual(expect.arrayContaining(['*** REIMPRESIÓN ***', 'NOTA: sin gluten']));
    expect(paper.some((line) => line.endsWith('EN SALA - MESA 7'))).toBe(true);
    expect(paper.some((line) => /^job-es - impreso \d\d:\d\d - copia 1\/2$/.test(line))).toBe(true);
    expect(paper.join('\n')).not.toMatch(/REPRINT|DINE IN|TABLE|NOTE:|printed|copy/);
  });

  it('print English by default, as before', () => {
    const paper = texts(renderKitchenTicket(kitchenOrder(), { jobId: 'job-1', station: 'kitchen', reprint: true }, printerSettings(), FIXED_NOW, UTC));
    expect(paper).toEqual(expect.arrayContaining(['*** REPRINT ***', '12:34 DINE IN - TABLE 7', 'NOTE: Birthday cake 5 €', 'job-1 - printed 12:40']));
  });

  it('write a voucher’s words, date and amount as the language does, the currency by its code', () => {
    const paper = texts(renderVoucher(VOUCHER, { jobId: 'job-v', reprint: true }, printerSettings(), FIXED_NOW, { ...UTC, language: 'de' }));
    expect(paper).toEqual(expect.arrayContaining(['GUTSCHEIN', '*** NACHDRUCK ***', 'für Ben', '50,00 EUR', 'gültig bis 31.12.2026', 'Zum Bezahlen diese Nummer vorzeigen.']));
  });

  it('write Chinese fixed words in Kanji mode on a CHINA printer', () => {
    const paper = texts(renderKitchenTicket(kitchenOrder(), { jobId: 'job-1', station: 'kitchen', reprint: true }, printerSettings({ characterSet: 'CHINA' }), FIXED_NOW, { ...UTC, language: 'zh' }));
    expect(paper).toEqual(expect.arrayContaining(['*** 重印 ***', '12:34 堂食 - 7 号桌']));
  });

  /*
   * Until raster text lands (issue 21), words a code page lacks — Arabic on any printer, Chinese or
   * Polish ł on a PC858 one — print as `?`. They must never stop a ticket: every language renders
   * tickets, vouchers and test pages on every character set without throwing.
   */
  it('never fail to print in any language on any Epson character set, even where the code page lacks the words', () => {
    for (const language of LANGUAGES) {
      for (const characterSet of ['PC858_EURO', 'PC437_USA', 'PC866_CYRILLIC2', 'WPC1251_CYRILLIC', 'CHINA', 'JAPAN', 'KOREA'] as const) {
        const printer = printerSettings({ characterSet });
        const options = { ...UTC, language };
        const jobs = [
          renderKitchenTicket(kitchenOrder(), { jobId: 'job-1', station: 'kitchen', reprint: true, copies: 2 }, printer, FIXED_NOW, options),
          renderVoucher(VOUCHER, { jobId: 'job-v', reprint: true }, printer, FIXED_NOW, options),
          renderTestPage(printer, FIXED_NOW, options),
        ];
        for (const bytes of jobs) expect(decodeEscPos(bytes).cuts, `${language} on ${characterSet}`).toBe(1);
      }
    }
    // In codepage mode the Arabic words have no page on PC858: placeholders. In auto mode (the
    // default) they are drawn instead, so nothing prints as "?".
    const arabicOnPc858 = texts(renderKitchenTicket(kitchenOrder(), { jobId: 'job-1', station: 'kitchen', reprint: true }, printerSettings({ textMode: 'codepage' }), FIXED_NOW, { ...UTC, language: 'ar' }));
    expect(arabicOnPc858).toContain('*** ????? ????? ***');
    const drawn = decodeEscPos(renderKitchenTicket(kitchenOrder(), { jobId: 'job-1', station: 'kitchen', reprint: true }, printerSettings(), FIXED_NOW, { ...UTC, language: 'ar' }), { imageLines: true });
    expect(drawn.lines.filter((line) => line.text.includes('?'))).toEqual([]);
    expect(drawn.lines.some((line) => line.image)).toBe(true);
  });
});
