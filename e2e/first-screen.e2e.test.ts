import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LOCAL_API } from '../common/kitchen-api-methods.js';
import type { Order } from '../common/order.js';
import { REVEAL } from '../renderer/state/reveal.js';
import { launchBrowser, screenshot } from '../test/browser.js';
import { Api, Resources, eventually, sampleInput } from '../test/integration/kitchen-harness.js';
import { openBoard, startStack } from './stack.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

const CARDS = '[data-testid^="order-card-"]';
const TOTAL = REVEAL.firstCards + 5;

/** The stack with more orders than the first screen shows, and the admin's font scale set. */
async function kitchenWithOrders(fontScale: number) {
  const kitchen = await startStack(resources);
  const api = new Api(kitchen.backend.url);
  const numbers: string[] = [];
  for (let i = 0; i < TOTAL; i++) numbers.push((await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body.number);
  const agent = kitchen.agent!;
  await eventually('all orders in the agent', async () => ((await agent.api.getSnapshot()).orders.length === TOTAL ? true : undefined));
  await agent.api.saveSettings({ display: { ...(await agent.api.getSettings()).display, fontScale } });
  return { kitchen, api, numbers };
}

/** Before the page loads: notes the first card the HTML parser creates, before any of the board's code runs. */
async function noteServedCard(page: Page): Promise<void> {
  await page.addInitScript({
    content: `new MutationObserver((_, observer) => {
      const card = document.querySelector('${CARDS}');
      if (card) { window.__servedCard = card; observer.disconnect(); }
    }).observe(document, { childList: true, subtree: true });`,
  });
}

/** Once every card is in: whether the first one is still the element the parser made (React adopted it, not replaced it). */
async function firstCardWasServed(page: Page): Promise<boolean> {
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid^="order-card-"]').length === count, TOTAL, { timeout: WAIT_BUDGET_MS });
  return page.locator(CARDS).first().evaluate((card) => card === (window as unknown as { __servedCard?: Element }).__servedCard);
}

describe("the board's first screen, rendered by the agent", () => {
  it('is on screen before any of the board’s code runs: the first cards, at the admin’s font scale', async () => {
    const { kitchen, numbers } = await kitchenWithOrders(1.5);
    const browser = await launchBrowser();
    resources.add(() => browser.close());
    // No JavaScript at all: what shows is the served page alone.
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    await page.goto(kitchen.boardUrl as string);

    const shown = await page.locator(CARDS).evaluateAll((cards) => cards.map((card) => card.getAttribute('data-testid')));
    expect(shown).toEqual(numbers.slice(0, REVEAL.firstCards).map((number) => `order-card-${number}`));
    await expect(page.getByTestId(`order-card-${numbers[0]}`).isVisible()).resolves.toBe(true);
    // 18 px × 1.5, from the attribute the stylesheet reads: a style attribute would be refused by the CSP.
    await expect(page.locator('.app').evaluate((app) => getComputedStyle(app).fontSize)).resolves.toBe('27px');
    expect(messages).toEqual([]);
    await screenshot(page, 'first-screen-without-javascript', { fullPage: false });
  });

  it('is taken over by the board as it is — the same elements, nothing rendered again — and works at once', async () => {
    const { kitchen, api, numbers } = await kitchenWithOrders(1.25);
    // Attached before the page loads: the board's start is what they are here to see.
    const warnings: string[] = [];
    const calls: string[] = [];
    const { page, errors } = await openBoard(resources, kitchen.boardUrl as string, {
      beforeGoto: async (p) => {
        p.on('console', (message) => {
          if (message.type() === 'warning') warnings.push(message.text());
        });
        p.on('request', (request) => calls.push(new URL(request.url()).pathname));
        await noteServedCard(p);
      },
    });
    await expect(firstCardWasServed(page)).resolves.toBe(true);
    // The page keeps the scale itself (through the CSSOM), whatever the browser's attr() can read: 18 px × 1.25.
    await expect(page.locator('.app').evaluate((app: HTMLElement) => [app.style.getPropertyValue('--font-scale'), getComputedStyle(app).fontSize])).resolves.toEqual(['1.25', '22.5px']);

    // The board's own clock runs in the served timer, and its buttons act.
    const served = await page.getByTestId(`elapsed-${numbers[0]}`).textContent();
    await page.waitForFunction(([id, text]) => document.querySelector(`[data-testid="${id}"]`)?.textContent !== text, [`elapsed-${numbers[0]}`, served] as const, { timeout: WAIT_BUDGET_MS });
    await page.getByTestId(`action-accept-${numbers[0]}`).click();
    await eventually('accepted at the backend', async () => {
      const orders = (await api.get<{ orders: Order[] }>(`/api/orders?status=active`, kitchen.tokens.admin)).body.orders;
      return orders.find((order) => order.number === numbers[0])?.status === 'accepted' ? true : undefined;
    });
    expect(errors).toEqual([]);
    expect(warnings.filter((text) => text.includes('[ticketrail]'))).toEqual([]);
    // The page came with its snapshot: the board does not ask for it again (the socket's own follows).
    expect(calls).toContain(`${LOCAL_API.prefix}/orderAction`);
    expect(calls).not.toContain(`${LOCAL_API.prefix}/getSnapshot`);
  });

  it('is taken over in a browser whose time zone is not the agent’s, showing the sync time in the browser’s', async () => {
    const { kitchen } = await kitchenWithOrders(1);
    const browser = await launchBrowser();
    resources.add(() => browser.close());
    // UTC+14: no agent here runs in it, so each clock text the agent drew would differ.
    const context = await browser.newContext({ timezoneId: 'Pacific/Kiritimati', viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    await noteServedCard(page);
    await page.goto(kitchen.boardUrl as string);
    await expect(firstCardWasServed(page)).resolves.toBe(true);
    // The agent's last sync as a clock in Kiritimati shows it: the board's copy may be a sync or two
    // older (the agent announces a newer sync time at most once a second, at its next sync), so
    // within a quarter of a minute — but 14 hours off in the agent's own zone.
    const shown = /^last sync (\d\d):(\d\d):(\d\d)$/.exec((await page.getByTestId('last-sync').textContent()) ?? '');
    expect(shown).not.toBeNull();
    const lastSyncAt = (await kitchen.agent!.api.getSnapshot()).connection.lastSyncAt as string;
    const inKiritimati = new Date(Date.parse(lastSyncAt) + 14 * 3_600_000);
    const secondsOfDay = (h: number, m: number, sec: number) => h * 3600 + m * 60 + sec;
    const behind = (secondsOfDay(inKiritimati.getUTCHours(), inKiritimati.getUTCMinutes(), inKiritimati.getUTCSeconds()) - secondsOfDay(...(shown!.slice(1).map(Number) as [number, number, number])) + 86_400) % 86_400;
    expect(behind).toBeLessThanOrEqual(15);
    expect(messages.filter((text) => text.includes('[ticketrail]') || text.startsWith('error'))).toEqual([]);
  });

  it('opens the tab in the address, though the agent drew the board', async () => {
    const { kitchen } = await kitchenWithOrders(1);
    const { page, errors } = await openBoard(resources, `${kitchen.boardUrl as string}/#/settings`);
    await page.getByTestId('settings-form').waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.locator(CARDS).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });
});
