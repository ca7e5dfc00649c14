import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../common/order.js';
import { Api, Resources, eventually, sampleInput } from '../test/integration/kitchen-harness.js';
import { screenshot, soundPlays } from '../test/browser.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';
import { openBoard, startStack } from './stack.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

/** What a customer must never see: the phone, the surname, items, notes, the table. */
const PRIVATE = { name: 'Zofia Wiśniewska', phone: '+48 600 123 456', item: 'Secret Burger', notes: 'allergic to sesame', table: 'T-99' };

async function firstFeedState(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body?.getReader();
  if (!reader) throw new Error('the feed has no body');
  let text = '';
  while (!text.includes('\n\n')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  await reader.cancel();
  return text;
}

describe('the customer screen in Chromium', () => {
  it('moves a bumped number from Preparing to Ready with a chime, drops it when served, and shows no staff data', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const boardUrl = kitchen.boardUrl as string;
    const screenUrl = new URL('/screen', boardUrl).toString();
    const order = (
      await api.post<Order>(
        '/api/orders',
        kitchen.tokens.pos,
        sampleInput({ type: 'dine_in', table: PRIVATE.table, customer: { name: PRIVATE.name, phone: PRIVATE.phone }, notes: PRIVATE.notes, items: [{ name: PRIVATE.item, qty: 1, station: 'kitchen' }] }),
      )
    ).body;

    const { page, errors } = await openBoard(resources, screenUrl);
    await page.setViewportSize({ width: 1920, height: 1080 });
    const preparing = page.getByTestId('screen-preparing').locator(`[data-number="${order.number}"]`);
    const ready = page.getByTestId('screen-ready').locator(`[data-number="${order.number}"]`);
    await preparing.waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.getByTestId('screen-heading-ready').textContent()).resolves.toBe('Ready');

    // The bump: the kitchen marks it ready at the backend; the screen follows through the agent.
    expect((await api.post(`/api/orders/${order.id}/transitions`, kitchen.tokens.agent, { to: 'accepted' })).status).toBe(200);
    const bumped = performance.now();
    expect((await api.post(`/api/orders/${order.id}/transitions`, kitchen.tokens.agent, { to: 'ready' })).status).toBe(200);
    await ready.waitFor({ timeout: WAIT_BUDGET_MS });
    const bumpToReadyMs = performance.now() - bumped;
    await expect(preparing.count()).resolves.toBe(0);
    await eventually('the chime played', async () => ((await soundPlays(page, 'notice.wav')).length === 1 ? true : undefined));
    console.log(`customer screen: bump → Ready ${bumpToReadyMs.toFixed(0)} ms`);
    await screenshot(page, 'e2e-customer-screen', { fullPage: false });

    // Nothing but the number reaches the customer's side: not in the page, not in its feed.
    const html = await page.content();
    const feed = await firstFeedState(new URL('/api/screen/feed', boardUrl).toString());
    expect(feed).toContain(`"number":"${order.number}"`);
    for (const text of [html, feed]) {
      for (const secret of [PRIVATE.phone, PRIVATE.name, 'Zofia', PRIVATE.item, PRIVATE.notes, PRIVATE.table, order.id]) expect(text).not.toContain(secret);
    }
    expect(Object.keys(JSON.parse(feed.replace(/^data: /, '')) as object).sort()).toEqual(['language', 'preparing', 'ready']);

    // Served: it leaves Ready.
    expect((await api.post(`/api/orders/${order.id}/transitions`, kitchen.tokens.agent, { to: 'completed' })).status).toBe(200);
    await eventually('the served number left Ready', async () => ((await ready.count()) === 0 ? true : undefined));
    expect(errors).toEqual([]);
  });
});

describe('the Reports tab in Chromium', () => {
  it('shows the day the backend computed from its log: orders, cancelled apart, charts, the day summary printed, in the board language', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const boardUrl = kitchen.boardUrl as string;
    const served = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput({ items: [{ name: 'Soup', qty: 2, station: 'kitchen' }] }))).body;
    const cancelled = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    for (const to of ['accepted', 'ready', 'completed']) expect((await api.post(`/api/orders/${served.id}/transitions`, kitchen.tokens.agent, { to })).status).toBe(200);
    expect((await api.post(`/api/orders/${cancelled.id}/transitions`, kitchen.tokens.agent, { to: 'cancelled', reason: 'guest left' })).status).toBe(200);

    const { page, errors } = await openBoard(resources, `${boardUrl}#/reports`);
    const figure = (name: string) => page.getByTestId(`report-total-${name}`).locator('dd').textContent();
    await page.getByTestId('report-totals').waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(figure('orders')).resolves.toBe('2');
    await expect(figure('completed')).resolves.toBe('1');
    await expect(figure('cancelled')).resolves.toBe('1');
    await expect(figure('late')).resolves.toBe('0');
    // Drawn by uPlot: a canvas per chart, the served order's hour and its station.
    await page.getByTestId('report-chart-hours').locator('canvas').waitFor();
    await expect(page.getByTestId('report-chart-stations').getAttribute('data-points')).resolves.toMatch(/^\d/);
    await page.getByTestId('report-late-none').waitFor();
    await page.getByTestId('report-period-week').click();
    // The week's report is fetched after the click: wait for its rows, then count them (counting at
    // once raced the fetch and read 0 under load).
    await page.locator('[data-testid^="report-day-"]').nth(6).waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.locator('[data-testid^="report-day-"]').count()).resolves.toBe(7);
    await screenshot(page, 'e2e-reports', { fullPage: false });

    // Print day summary: today's totals on the counter printer (the stack's virtual printer serves `counter`).
    await page.getByTestId('report-print-day').click();
    await page.locator('[data-testid="report-print-result"][data-status="printed"]').waitFor({ timeout: WAIT_BUDGET_MS });
    const summary = kitchen.virtualPrinter?.printed.find((job) => job.decoded.lines.some((line) => line.text.includes('DAY SUMMARY')));
    expect(summary?.decoded.lines.map((line) => line.text.trim())).toEqual(expect.arrayContaining(['Orders: 2', 'Completed: 1', 'Cancelled: 1', 'Gift cards sold:']));

    // In German: the tab's words, and dates written the German way.
    const settings = await fetch(`${boardUrl}/api/kitchen/getSettings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.json() as Promise<{ value: { display: Record<string, unknown> } }>);
    const saved = await fetch(`${boardUrl}/api/kitchen/saveSettings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ display: { ...settings.value.display, language: 'de' } }) });
    expect(saved.status).toBe(200);
    await page.reload();
    await page.getByTestId('report-totals').waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.getByTestId('tab-reports').textContent()).resolves.toBe('Berichte');
    await expect(page.locator('[data-testid^="report-day-"] td').first().textContent()).resolves.toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(errors).toEqual([]);
  });
});
