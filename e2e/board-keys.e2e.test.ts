import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../common/order.js';
import { Api, Resources, eventually, sampleInput } from '../test/integration/kitchen-harness.js';
import { screenshot } from '../test/browser.js';
import { openBoard, startStack } from './stack.js';

/*
 * Issue 19 on the board in Chromium: item lines struck through by a tap (kept by the agent, seen by
 * another screen, still there after a reload); the arrow keys move the selection and Enter bumps
 * the selected card; a key map set in Settings drives the board, and a key bound twice is refused.
 */

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

describe('struck lines and bump-bar keys on the board (issue 19)', () => {
  it('strikes a line with a tap, shows it on a second screen, and keeps it over a reload', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const { browser, page, errors } = await openBoard(resources, kitchen.boardUrl as string);
    await page.getByTestId('connection-banner').and(page.locator('[data-mode="live"]')).waitFor({ timeout: 15_000 });
    const order = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    const line = (on: typeof page, index: number) => on.getByTestId(`item-line-${order.number}-${index}`);
    await line(page, 1).waitFor({ timeout: 10_000 });
    await expect(line(page, 1).getAttribute('data-struck')).resolves.toBe('false');

    const second = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await second.goto(kitchen.boardUrl as string);
    await line(second, 1).waitFor({ timeout: 10_000 });

    await line(page, 1).click();
    await page.locator(`[data-testid="item-line-${order.number}-1"][data-struck="true"]`).waitFor({ timeout: 5_000 });
    await expect(line(page, 0).getAttribute('data-struck')).resolves.toBe('false');
    // The other screen sees it live.
    await second.locator(`[data-testid="item-line-${order.number}-1"][data-struck="true"]`).waitFor({ timeout: 5_000 });
    await screenshot(page, 'e2e-struck-line');

    await page.reload();
    await page.locator(`[data-testid="item-line-${order.number}-1"][data-struck="true"]`).waitFor({ timeout: 10_000 });
    await expect(line(page, 0).getAttribute('data-struck')).resolves.toBe('false');
    // A second tap takes the tick back, on both screens.
    await line(page, 1).click();
    await second.locator(`[data-testid="item-line-${order.number}-1"][data-struck="false"]`).waitFor({ timeout: 5_000 });
    expect(errors).toEqual([]);
  });

  it('moves the selection with the arrow keys and bumps the selected card with Enter', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const { page, errors } = await openBoard(resources, kitchen.boardUrl as string);
    await page.getByTestId('connection-banner').and(page.locator('[data-mode="live"]')).waitFor({ timeout: 15_000 });
    const orders: Order[] = [];
    for (let i = 0; i < 8; i += 1) orders.push((await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput({ table: String(i + 1) }))).body);
    const card = (order: Order) => page.getByTestId(`order-card-${order.number}`);
    await card(orders.at(-1)!).waitFor({ timeout: 10_000 });
    const selected = () => page.locator('[data-testid^="order-card-"][data-selected="true"]');

    await page.keyboard.press('ArrowRight');
    await expect(selected().getAttribute('data-order-id')).resolves.toBe(orders[0]!.id);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(selected().getAttribute('data-order-id')).resolves.toBe(orders[2]!.id);
    await page.keyboard.press('ArrowLeft');
    await expect(selected().getAttribute('data-order-id')).resolves.toBe(orders[1]!.id);

    // Down: the card right under it in the grid (same column, next row).
    await page.keyboard.press('ArrowDown');
    await expect(selected().getAttribute('data-order-id')).resolves.not.toBe(orders[1]!.id);
    // Both measured after the move (the rail may have scrolled the new one into view).
    const before = await card(orders[1]!).boundingBox();
    const below = await selected().boundingBox();
    expect(below?.x).toBe(before?.x);
    expect(below!.y).toBeGreaterThan(before!.y + before!.height - 1);
    await page.keyboard.press('ArrowUp');
    await expect(selected().getAttribute('data-order-id')).resolves.toBe(orders[1]!.id);
    await screenshot(page, 'e2e-keyboard-selection');

    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="order-card-${orders[1]!.number}"][data-status="accepted"]`).waitFor({ timeout: 5_000 });
    await eventually('accepted at the backend', async () => ((await api.get<Order>(`/api/orders/${orders[1]!.id}`, kitchen.tokens.admin)).body.status === 'accepted' ? true : undefined));
    for (const other of [orders[0]!, orders[2]!]) await expect(card(other).getAttribute('data-status')).resolves.toBe('submitted');
    expect(errors).toEqual([]);
  });

  it('takes its keys from the key map in Settings, and refuses a key bound twice', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const { page, errors } = await openBoard(resources, kitchen.boardUrl as string);
    await page.getByTestId('connection-banner').and(page.locator('[data-mode="live"]')).waitFor({ timeout: 15_000 });

    await page.getByTestId('tab-settings').click();
    const bump = page.getByTestId('settings-field-display.keys.bump');
    const serve = page.getByTestId('settings-field-display.keys.serve');
    await bump.click();
    await page.keyboard.press('b');
    await expect(bump.inputValue()).resolves.toBe('b');
    await serve.click();
    await page.keyboard.press('Shift+B');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-error-display.keys.serve').waitFor({ timeout: 5_000 });
    await expect(page.getByTestId('settings-error-display.keys.bump').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('settings-saved').count()).resolves.toBe(0);
    await screenshot(page, 'e2e-key-map-duplicate');
    // Nothing was stored: the agent still has the defaults.
    const stored = await (await fetch(`${kitchen.boardUrl as string}/api/kitchen/getSettings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
    expect((stored as { value: { display: { keys: { bump: string } } } }).value.display.keys.bump).toBe('Enter');

    await serve.click();
    await page.keyboard.press('x');
    await expect(page.getByTestId('settings-error-display.keys.serve').count()).resolves.toBe(0);
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor({ timeout: 5_000 });

    await page.getByTestId('tab-board').click();
    const order = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    const card = page.getByTestId(`order-card-${order.number}`);
    await card.waitFor({ timeout: 10_000 });
    const orderActions: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/kitchen/orderAction')) orderActions.push(request.postData() ?? '');
    });
    await page.keyboard.press('1');
    await page.locator(`[data-testid="order-card-${order.number}"][data-selected="true"]`).waitFor({ timeout: 5_000 });
    // Enter bumps no more; B does.
    await page.keyboard.press('Enter');
    await page.keyboard.press('b');
    await page.locator(`[data-testid="order-card-${order.number}"][data-status="accepted"]`).waitFor({ timeout: 5_000 });
    expect(orderActions).toHaveLength(1);
    expect(JSON.parse(orderActions[0]!)).toMatchObject({ orderId: order.id, to: 'accepted' });
    expect(errors).toEqual([]);
  });
});
