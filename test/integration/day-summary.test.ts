import { afterEach, describe, expect, it } from 'vitest';
import type { VirtualPrinter } from '../../agent/printing/virtual-printer.js';
import { ManualClock } from './manual-clock.js';
import { Resources, TEST_TOKENS, printerSettings, sampleInput, startTestAgent, startTestBackend, startTestPrinter } from './kitchen-harness.js';

/**
 * "Print day summary" (issue 22) through the whole agent: the backend's report of one local day,
 * printed on the counter printer (the one serving the `counter` station) of a real TCP socket.
 */
const resources = new Resources();
afterEach(() => resources.closeAll());

/** The decoded lines of the one print holding `heading`. */
function printedWith(printer: VirtualPrinter, heading: string): string[] | undefined {
  const print = printer.printed.find((job) => job.decoded.lines.some((line) => line.text.includes(heading)));
  return print?.decoded.lines.map((line) => line.text.trim());
}

describe('Print day summary', () => {
  it("prints the day's orders, revenue by currency, gift cards sold and loyalty points on the counter printer, in the agent's language", async () => {
    // 23:30 in Warsaw on 1 July: the day's orders are those of the Warsaw day, not the UTC one.
    const clock = new ManualClock(Date.parse('2026-07-01T21:30:00.000Z'));
    const test = await startTestBackend(resources, { clock });
    const till = await startTestPrinter(resources);
    const kitchen = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, {
      backendUrl: test.backend.url,
      printers: [
        { ...printerSettings(kitchen, ['kitchen', 'bar']), id: 'kitchen' },
        { ...printerSettings(till, ['counter']), id: 'till', name: 'Till' },
      ],
    });

    await test.api.createOrder();
    await test.api.createOrder({ ...sampleInput(), total: { amount: 1850, currency: 'PLN' } });
    const cancelled = await test.api.createOrder();
    expect((await test.api.post(`/api/orders/${cancelled.id}/transitions`, TEST_TOKENS.admin, { to: 'cancelled', reason: 'walked out' })).status).toBe(200);
    expect((await test.api.post('/api/gift-cards', TEST_TOKENS.pos, { amount: 5000, currency: 'EUR' })).status).toBe(201);
    expect((await test.api.post('/api/loyalty/%2B48600123456/add', TEST_TOKENS.pos, { points: 120, reason: 'receipt 1' })).status).toBe(200);
    expect((await test.api.post('/api/loyalty/%2B48600123456/redeem', TEST_TOKENS.pos, { points: 20, reason: 'coffee' })).status).toBe(200);
    // Past midnight in Warsaw: the next day's order is not the 1st's.
    clock.advance(60 * 60_000);
    await test.api.createOrder();

    expect(await agent.api.printDaySummary({ date: '2026-07-01', tz: 'Europe/Warsaw' })).toEqual({ ok: true, message: 'day summary of 2026-07-01 printed on Till' });
    const lines = printedWith(till, 'DAY SUMMARY');
    const rule = '-'.repeat(48);
    // The cancelled order is counted, and its money is not revenue; the 2nd's order is left out.
    expect(lines?.slice(0, -1)).toEqual([
      'DAY SUMMARY',
      '01/07/2026',
      rule,
      'Orders: 3',
      'Completed: 0',
      'Cancelled: 1',
      '',
      'Revenue:',
      'EUR 32.00',
      'PLN 18.50',
      '',
      'Gift cards sold:',
      '1 for EUR 50.00',
      '',
      'Loyalty points given: 120',
      'Loyalty points redeemed: 20',
      rule,
    ]);
    expect(lines?.at(-1)).toMatch(/^printed \d\d:\d\d$/);
    expect(printedWith(kitchen, 'DAY SUMMARY')).toBeUndefined();

    await agent.api.saveSettings({ display: { ...agent.settings.get().display, language: 'de' } });
    expect((await agent.api.printDaySummary({ date: '2026-07-02', tz: 'Europe/Warsaw' })).ok).toBe(true);
    expect(printedWith(till, 'TAGESÜBERSICHT')).toEqual(expect.arrayContaining(['Bestellungen: 1', 'Storniert: 0', 'Verkaufte Gutscheinkarten:', 'keine', 'Vergebene Treuepunkte: 0']));
  });

  it('says so when no printer serves the counter, and passes on the backend refusing a day that does not exist', async () => {
    const test = await startTestBackend(resources);
    const kitchen = await startTestPrinter(resources);
    const kitchenOnly = await startTestAgent(resources, { backendUrl: test.backend.url, printers: [printerSettings(kitchen, ['kitchen', 'bar'])] });
    await expect(kitchenOnly.api.printDaySummary({ date: '2026-07-01', tz: 'UTC' })).rejects.toMatchObject({ code: 'PRINTER_NOT_FOUND', status: 404 });

    const till = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, { backendUrl: test.backend.url, agentId: 'agent-till', printers: [printerSettings(till, ['counter'])] });
    await expect(agent.api.printDaySummary({ date: '2026-02-30', tz: 'UTC' })).rejects.toMatchObject({ status: 400, body: { code: 'REPORT_DATE_INVALID' } });
    await expect(agent.api.printDaySummary({ date: '2026-07-01', tz: 'Mars/Olympus' })).rejects.toMatchObject({ status: 400, body: { code: 'REPORT_TIME_ZONE_INVALID' } });
    expect(till.printed).toEqual([]);
    expect(kitchen.printed).toEqual([]);
  });
});
