import type { WebSocketRoute } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { BoardUpdate } from '../common/kitchen-api.js';
import type { Order } from '../common/order.js';
import { Api, Resources, eventually, sampleInput } from '../test/integration/kitchen-harness.js';
import { screenshot } from '../test/browser.js';
import { openBoard, startStack } from './stack.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

/**
 * A rail order as a buggy or newer agent might send it. The real backend refuses malformed orders,
 * so these are put on the board's WebSocket by the test, between the agent and the page.
 */
function wireOrder(fields: Record<string, unknown>): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    id: `injected-${String(fields.number ?? 'x')}`,
    type: 'dine_in',
    items: [{ name: 'Soup', qty: 1, station: 'kitchen', modifiers: [] }],
    status: 'submitted',
    createdAt: now,
    updatedAt: now,
    version: 1,
    pendingActions: 0,
    unconfirmed: false,
    ...fields,
  };
}

describe('the board in Chromium when the agent sends something malformed', () => {
  it('leaves a malformed order out with a visible report, shows a card that cannot render as a placeholder, and the rest of the rail lives', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    // Everything the agent sends still reaches the board (connectToServer forwards both ways); the
    // test can add messages of its own with toBoard.send().
    let toBoard: WebSocketRoute | undefined;
    const uncaught: string[] = [];
    const { page } = await openBoard(resources, kitchen.boardUrl as string, {
      beforeGoto: async (p) => {
        p.on('pageerror', (error) => uncaught.push(error.message));
        await p.routeWebSocket(/\/api\/kitchen\/updates/, (ws) => {
          ws.connectToServer();
          toBoard = ws;
        });
      },
    });
    const inject = (update: Record<string, unknown>) => toBoard!.send(JSON.stringify(update));
    await page.getByTestId('connection-banner').and(page.locator('[data-mode="live"]')).waitFor({ timeout: WAIT_BUDGET_MS });
    const real = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    const realCard = page.getByTestId(`order-card-${real.number}`);
    await realCard.waitFor({ timeout: WAIT_BUDGET_MS });

    // No number, no items: left out, and said so.
    inject({ type: 'order', order: wireOrder({ id: 'broken-1', number: undefined, items: undefined }) });
    const dropped = page.locator('[data-testid="error-toast"][data-code="BOARD_UPDATE_INVALID"]');
    await dropped.waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(dropped.textContent()).resolves.toContain('(broken-1): no number');

    // An unreadable creation time: shown with — and put last, not "NaN:NaN" at a random place.
    inject({ type: 'order', order: wireOrder({ number: '901', createdAt: 'not-a-date' }) });
    await page.getByTestId('order-card-901').waitFor();
    await expect(page.getByTestId('elapsed-901').textContent()).resolves.toBe('—');

    // Passes the intake (its modifiers are only the card's business) but cannot be rendered.
    inject({ type: 'order', order: wireOrder({ number: '902', items: [{ name: 'Pizza', qty: 1, station: 'kitchen', modifiers: [{ size: 'large' }] }] }) });
    const placeholder = page.getByTestId('card-failed-902');
    await placeholder.waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(placeholder.textContent()).resolves.toContain('This ticket could not be shown — #902');

    const rail = await page.locator('[data-testid="rail"] > article').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-testid')));
    expect(rail).toEqual([`order-card-${real.number}`, 'card-failed-902', 'order-card-901']);
    await screenshot(page, 'e2e-malformed-orders');

    // The rest of the board lives: the real card bumps at the backend, a new order arrives. (The
    // report is dismissed first: the toasts sit over the bottom left of the rail.)
    await dropped.getByRole('button', { name: 'Dismiss error' }).click();
    await page.getByTestId(`action-accept-${real.number}`).click();
    await eventually('backend accepted', async () => ((await api.get<Order>(`/api/orders/${real.id}`, kitchen.tokens.admin)).body.status === 'accepted' ? true : undefined));
    // The page may not have handled the agent's answer yet when the backend already has it.
    await page.locator(`[data-testid="order-card-${real.number}"][data-status="accepted"]`).waitFor({ timeout: WAIT_BUDGET_MS });
    const next = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    await page.getByTestId(`order-card-${next.number}`).waitFor({ timeout: WAIT_BUDGET_MS });
    await page.getByTestId('all-day-panel').waitFor();

    // A snapshot carrying a malformed order leaves out only that one. (A snapshot is the whole
    // rail: the orders above are replaced by 903, as after a reconnect.)
    const snapshot: BoardUpdate = {
      type: 'snapshot',
      snapshot: { orders: [], connection: { mode: 'live', lastSeq: 0 }, stations: ['kitchen', 'bar'] },
    };
    inject({ ...snapshot, snapshot: { ...snapshot.snapshot, orders: [wireOrder({ number: '903' }), wireOrder({ id: 'broken-2', number: '904', items: 'soup' })] } });
    await page.getByTestId('order-card-903').waitFor();
    await expect(page.locator('[data-testid="error-toast"]', { hasText: 'order #904 (broken-2): no items' }).count()).resolves.toBe(1);
    await expect(page.getByTestId('order-card-904').count()).resolves.toBe(0);

    expect(uncaught).toEqual([]);
  });
});
