import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../common/order.js';
import { Api, Resources, eventually, sampleInput } from '../test/integration/kitchen-harness.js';
import { screenshot } from '../test/browser.js';
import { openBoard, startStack } from './stack.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

describe('stations on the board in Chromium (issue 19)', () => {
  it('bumps only the bar with the Bar filter on, makes the order ready from the kitchen, and brings a served order back', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const backendOrder = async (id: string) => (await api.get<Order>(`/api/orders/${id}`, kitchen.tokens.admin)).body;
    const { page, errors } = await openBoard(resources, kitchen.boardUrl as string);
    await page.getByTestId('connection-banner').and(page.locator('[data-mode="live"]')).waitFor({ timeout: WAIT_BUDGET_MS });

    // kitchen: a burger, bar: a beer.
    const order = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    const n = order.number;
    const card = page.getByTestId(`order-card-${n}`);
    await card.waitFor({ timeout: WAIT_BUDGET_MS });
    const chip = (station: string) => page.getByTestId(`card-station-${n}-${station}`);
    await expect(chip('bar').getAttribute('data-status')).resolves.toBe('pending');

    await page.getByTestId('station-chip-bar').click();
    // The whole order stays on the card; the kitchen's items are dimmed.
    await expect(card.locator('[data-station="kitchen"]').getAttribute('data-dimmed')).resolves.toBe('true');
    await expect(card.locator('[data-station="bar"]').getAttribute('data-dimmed')).resolves.toBe('false');
    const barReady = page.getByTestId(`action-station-ready-${n}`);
    await expect(barReady.textContent()).resolves.toBe('bar ready');
    await barReady.click();
    await page.locator(`[data-testid="card-station-${n}-bar"][data-status="ready"]`).waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(chip('kitchen').getAttribute('data-status')).resolves.toBe('pending');
    await eventually('bar ready at the backend', async () => ((await backendOrder(order.id)).stations?.find((s) => s.station === 'bar')?.status === 'ready' ? true : undefined));
    expect((await backendOrder(order.id)).status).toBe('accepted');
    await expect(card.getAttribute('data-status')).resolves.toBe('accepted');
    await screenshot(page, 'e2e-station-bar-ready');

    // The kitchen's bump is the last one: the order is ready.
    await page.getByTestId('station-chip-all').click();
    await page.getByTestId('station-chip-kitchen').click();
    await page.getByTestId(`action-station-ready-${n}`).click();
    await page.locator(`[data-testid="order-card-${n}"][data-status="ready"]`).waitFor({ timeout: WAIT_BUDGET_MS });
    await eventually('ready at the backend', async () => ((await backendOrder(order.id)).status === 'ready' ? true : undefined));

    // The expo sees every open order with its stations; a ready one stands out, and Serve completes it.
    const waiting = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    await page.getByTestId('tab-expo').click();
    const expoCard = page.getByTestId(`expo-card-${n}`);
    await expoCard.waitFor({ timeout: WAIT_BUDGET_MS });
    await page.getByTestId(`expo-card-${waiting.number}`).waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.getByTestId(`expo-serve-${waiting.number}`).count()).resolves.toBe(0);
    await expect(page.getByTestId(`card-station-${n}-kitchen`).getAttribute('data-status')).resolves.toBe('ready');
    await screenshot(page, 'e2e-expo');
    await page.getByTestId(`expo-serve-${n}`).click();
    await expoCard.waitFor({ state: 'detached', timeout: WAIT_BUDGET_MS });
    await eventually('completed at the backend', async () => ((await backendOrder(order.id)).status === 'completed' ? true : undefined));

    // Served by mistake: brought back from the list of served orders, on the Board.
    await page.getByTestId('tab-board').click();
    await page.getByTestId('served-button').click();
    const served = page.getByTestId(`served-${n}`);
    await served.waitFor({ timeout: WAIT_BUDGET_MS });
    await screenshot(page, 'e2e-served-dialog');
    await served.click();
    await page.locator(`[data-testid="order-card-${n}"][data-status="ready"]`).waitFor({ timeout: WAIT_BUDGET_MS });
    await eventually('ready again at the backend', async () => ((await backendOrder(order.id)).status === 'ready' ? true : undefined));
    expect(errors).toEqual([]);
  });
});
