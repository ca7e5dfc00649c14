import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../common/order.js';
import { screenshot } from '../test/browser.js';
import { Api, Resources, eventually, sampleInput } from '../test/integration/kitchen-harness.js';
import { openBoard, startStack } from './stack.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

/** The stack with three orders on the rail, oldest first, and the board's language set. */
async function kitchenIn(language: 'ar' | 'en') {
  const kitchen = await startStack(resources);
  const api = new Api(kitchen.backend.url);
  const numbers: string[] = [];
  for (let i = 0; i < 3; i++) numbers.push((await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body.number);
  const agent = kitchen.agent!;
  await eventually('orders in the agent', async () => ((await agent.api.getSnapshot()).orders.length === 3 ? true : undefined));
  await agent.api.saveSettings({ display: { ...(await agent.api.getSettings()).display, language } });
  return { kitchen, numbers };
}

const box = async (page: Page, testId: string) => {
  const found = await page.getByTestId(testId).boundingBox();
  if (!found) throw new Error(`${testId} has no box`);
  return found;
};

const documentLanguage = (page: Page) => page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir, title: document.title }));

describe('the board in the kitchen’s language', () => {
  it('in Arabic is laid out right to left from the served page on: the oldest ticket on the right', async () => {
    const { kitchen, numbers } = await kitchenIn('ar');
    // The page as the agent serves it already says so: no flash of a left-to-right board.
    const served = await (await fetch(kitchen.boardUrl as string)).text();
    expect(served).toMatch(/<html lang="ar" dir="rtl"/);
    expect(served).toContain('<title>TicketRail — شاشة المطبخ</title>');

    const { page, errors } = await openBoard(resources, kitchen.boardUrl as string);
    const [first, second] = [`order-card-${numbers[0]}`, `order-card-${numbers[1]}`];
    await page.getByTestId(second).waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'ar', dir: 'rtl', title: 'TicketRail — شاشة المطبخ' });
    await expect(page.getByTestId('tab-board').textContent()).resolves.toBe('الطلبات');
    await expect(page.getByTestId(`action-accept-${numbers[0]}`).textContent()).resolves.toBe('قبول');

    // Mirrored: the oldest card sits right of the next one, on the same row; the tabs start on the right.
    const [a, b] = [await box(page, first), await box(page, second)];
    expect(a.y).toBe(b.y);
    expect(a.x).toBeGreaterThan(b.x + b.width - 1);
    const [boardTab, settingsTab] = [await box(page, 'tab-board'), await box(page, 'tab-settings')];
    expect(boardTab.x).toBeGreaterThan(settingsTab.x);
    // The all-day panel, beside the rail, moves to the left side.
    expect((await box(page, 'all-day-panel')).x).toBeLessThan(b.x);
    await screenshot(page, 'e2e-rail-ar', { fullPage: false });
    expect(errors).toEqual([]);
  });

  it('switches language from Settings at once: words, dir and the rail’s direction', async () => {
    const { kitchen, numbers } = await kitchenIn('en');
    const { page, errors } = await openBoard(resources, `${kitchen.boardUrl as string}#/settings`);
    const select = page.getByTestId('settings-field-display.language');
    await select.waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.getByTestId('settings-save').textContent()).resolves.toBe('Save');
    await select.selectOption('ar');
    await page.getByTestId('settings-save').click();
    // Saved, then shown in Arabic: the settings screen's own words too (its file loads on demand).
    await page.getByTestId('settings-save').and(page.locator(':text-is("حفظ")')).waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(documentLanguage(page)).resolves.toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect((await kitchen.agent!.api.getSettings()).display.language).toBe('ar');

    await page.getByTestId('tab-board').click();
    await page.getByTestId(`order-card-${numbers[1]}`).waitFor();
    const [a, b] = [await box(page, `order-card-${numbers[0]}`), await box(page, `order-card-${numbers[1]}`)];
    expect(a.x).toBeGreaterThan(b.x);

    // And back to English, left to right.
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-field-display.language').selectOption('en');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-save').and(page.locator(':text-is("Save")')).waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(documentLanguage(page)).resolves.toMatchObject({ lang: 'en', dir: 'ltr' });
    expect(errors).toEqual([]);
  });
});
