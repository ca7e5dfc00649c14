import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GiftCardSchema } from '../common/gift-card.js';
import { Api, Resources, eventually } from '../test/integration/kitchen-harness.js';
import { screenshot, soundPlays } from '../test/browser.js';
import { openBoard, startStack } from './stack.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

describe('the counter view in Chromium', () => {
  it('shows a gift card sale as a notice with its own sound, and the voucher prints at the counter', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const { page, errors } = await openBoard(resources, `${kitchen.boardUrl as string}#/counter`);
    await page.getByTestId('connection-banner').and(page.locator('[data-mode="live"]')).waitFor({ timeout: WAIT_BUDGET_MS });
    await page.getByTestId('counter-empty').waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.getByTestId('tab-counter').getAttribute('aria-current')).resolves.toBe('page');

    const sale = await api.post('/api/gift-cards', kitchen.tokens.pos, { amount: 5000, currency: 'EUR' });
    expect(sale.status).toBe(201);
    const card = GiftCardSchema.parse(sale.body);

    const notice = page.locator('[data-kind="gift_card.purchased"]');
    await notice.waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(notice.textContent()).resolves.toContain(`Gift card sold: €50.00 (GC-…${card.cardNumber.slice(-4)})`);
    // Not an order card: the rail has nothing new on it.
    await expect(page.locator('[data-testid^="order-card-"]').count()).resolves.toBe(0);
    await eventually('the notice sound played', async () =>
      (await soundPlays(page, 'notice.wav')).length > 0 ? true : undefined,
    );

    // The voucher came out of the all-in-one's virtual printer (it serves the counter station).
    const voucher = await eventually('the voucher on paper', () => kitchen.virtualPrinter?.printed.find((job) => job.decoded.symbols.includes(card.cardNumber)));
    expect(voucher.decoded.lines.map((line) => line.text)).toContain(card.cardNumber);
    await screenshot(page, 'e2e-counter');

    // One sound per notice, however often the update comes.
    expect(await soundPlays(page, 'notice.wav')).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
