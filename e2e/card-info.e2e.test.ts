import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GiftCardSchema } from '../common/gift-card.js';
import { screenshot } from '../test/browser.js';
import { Api, Resources, freePort, ingestOf, sampleInput } from '../test/integration/kitchen-harness.js';
import { allergyWordsBroken } from './allergy-layout.js';
import { openBoard, startStack } from './stack.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

/** A POS's ticket with separator lines and allergy lines, in English and Spanish. */
function ticketWithAllergies(port: number, number: string): ThermalPrinter {
  const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: `tcp://127.0.0.1:${port}`, characterSet: CharacterSet.PC858_EURO });
  p.println(`Order #${number}`);
  p.println('------------------------------------------------');
  p.println('1 x Pad thai');
  p.println('ALLERGY: nuts');
  p.println('= = = = = = = = = = = = = = = = = = = = = = = =');
  p.println('1 x Paella');
  p.println('Alérgico: marisco');
  p.println('Table by the window');
  p.cut();
  return p;
}

describe('what a card tells the cook, in Chromium', () => {
  it('an ingest ticket: allergy lines get the red allergy block, separator lines are one rule each', async () => {
    const kitchen = await startStack(resources);
    const agent = kitchen.agent!;
    const port = await freePort();
    await agent.api.saveSettings({ ingest: [{ name: 'Front POS', listen: `tcp://127.0.0.1:${port}`, station: 'kitchen', allowLan: false }] });
    await ingestOf(agent).settingsChanged();
    const { page } = await openBoard(resources, kitchen.boardUrl as string);
    await page.getByTestId('tab-board').waitFor();

    await ticketWithAllergies(port, '3101').execute();
    const card = page.getByTestId('source-card-3101');
    await card.waitFor({ timeout: 10_000 });
    const allergies = card.locator('[data-testid="ticket-allergy"][data-allergy="true"]');
    await expect(allergies.count()).resolves.toBe(2);
    await expect(allergies.nth(0).textContent()).resolves.toContain('ALLERGY: nuts');
    await expect(allergies.nth(1).textContent()).resolves.toContain('Alérgico: marisco');
    // The same red block as a native order's allergy note.
    const red = await allergies.nth(0).evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(red).toBe('rgb(201, 42, 42)');
    // In a 1024×768 counter screen's card column every word of the block stays whole on its line.
    await page.setViewportSize({ width: 1024, height: 768 });
    const layout = await allergyWordsBroken(page, '[data-testid="source-card-3101"]');
    expect(layout.words).toBeGreaterThanOrEqual(6);
    expect(layout.broken).toEqual([]);
    // "Table by the window" names no allergy.
    await card.getByText('Table by the window').waitFor();
    await expect(card.locator('[data-testid="ticket-allergy"]', { hasText: 'Table by the window' }).count()).resolves.toBe(0);

    const rules = card.locator('[data-testid="ticket-rule"]');
    await expect(rules.count()).resolves.toBe(2);
    // A rule, not dashes: no text, one line high, as wide as the ticket's lines.
    for (const rule of await rules.all()) {
      expect((await rule.textContent()) ?? '').toBe('');
      const box = (await rule.boundingBox())!;
      expect(box.height).toBeLessThanOrEqual(4);
      expect(box.width).toBeGreaterThan(100);
    }
    expect(await card.textContent()).not.toContain('-----');
    await screenshot(page, 'e2e-card-ingest-allergy');
  });

  it('a TicketRail order shows the customer name, the table or type, and the notes', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const { page } = await openBoard(resources, kitchen.boardUrl as string);
    const takeaway = await api.post<{ number: string }>('/api/orders', kitchen.tokens.pos, sampleInput({ type: 'takeaway', table: undefined, customer: { name: 'Grace' }, notes: 'Extra napkins' }));
    const dineIn = await api.post<{ number: string }>('/api/orders', kitchen.tokens.pos, sampleInput({ customer: { name: 'Ada' }, notes: 'Birthday candle' }));
    expect(takeaway.status).toBe(201);
    const pickup = page.getByTestId(`order-card-${takeaway.body.number}`);
    await pickup.waitFor({ timeout: 10_000 });
    await expect(page.getByTestId(`card-customer-${takeaway.body.number}`).textContent()).resolves.toBe('Grace');
    await expect(pickup.locator('.card-type').textContent()).resolves.toBe('Takeaway');
    await expect(page.getByTestId(`order-note-${takeaway.body.number}`).textContent()).resolves.toContain('Extra napkins');

    const table = page.getByTestId(`order-card-${dineIn.body.number}`);
    await table.waitFor();
    await expect(table.locator('.card-table').textContent()).resolves.toBe('Table 12');
    await expect(page.getByTestId(`card-customer-${dineIn.body.number}`).textContent()).resolves.toBe('Ada');
    await expect(page.getByTestId(`order-note-${dineIn.body.number}`).textContent()).resolves.toContain('Birthday candle');
    await screenshot(page, 'e2e-card-customer');
  });

  it("counter notices stay for the day: a reload shows today's notices again", async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const { page } = await openBoard(resources, `${kitchen.boardUrl as string}#/counter`);
    await page.getByTestId('connection-banner').and(page.locator('[data-mode="live"]')).waitFor({ timeout: 15_000 });
    const sale = await api.post('/api/gift-cards', kitchen.tokens.pos, { amount: 5000, currency: 'EUR' });
    const card = GiftCardSchema.parse(sale.body);
    const notice = page.locator('[data-kind="gift_card.purchased"]');
    await notice.waitFor({ timeout: 10_000 });

    await page.reload();
    await notice.waitFor({ timeout: 10_000 });
    await expect(notice.textContent()).resolves.toContain(`GC-…${card.cardNumber.slice(-4)}`);
    // A board opened afresh too.
    const other = await openBoard(resources, `${kitchen.boardUrl as string}#/counter`);
    await other.page.locator('[data-kind="gift_card.purchased"]').waitFor({ timeout: 10_000 });
  });
});
