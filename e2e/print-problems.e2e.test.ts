import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../common/order.js';
import { Api, Resources, eventually, printedJobIds, sampleInput } from '../test/integration/kitchen-harness.js';
import { screenshot } from '../test/browser.js';
import { allergyWordsBroken } from './allergy-layout.js';
import { openBoard, startStack } from './stack.js';

/** The docs' screenshots are rewritten only when asked (TICKETRAIL_DOCS_SCREENSHOTS=1), never by an ordinary test run. */
const docsShotDir = process.env.TICKETRAIL_DOCS_SCREENSHOTS === '1' ? 'docs/screenshots' : undefined;

/*
 * Issue 20 in the real board: a printer out of paper shows on the card (a red "Not printed" strip),
 * in the header (a count) and under it ("Printer …: out of paper"), without any sound unlocked;
 * Retry prints the ticket once and everything clears. And the board fits a 1024×768 counter
 * screen: one header row, three card columns, the print log's buttons on screen.
 */

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

interface HeaderLayout {
  width: number;
  items: { name: string; left: number; right: number; top: number; bottom: number }[];
}

/** Where each header element is: every one inside the viewport, all on one row. */
async function headerLayout(page: Page): Promise<HeaderLayout> {
  return page.evaluate(() => {
    // What is not drawn (display: none on a narrow screen) has no place to check.
    const shown = [...document.querySelectorAll('.topbar > *, .topbar .tab')].filter((element) => element.getClientRects().length > 0);
    const items = shown.map((element) => {
      const box = element.getBoundingClientRect();
      return { name: element.className, left: box.left, right: box.right, top: box.top, bottom: box.bottom };
    });
    return { width: window.innerWidth, items };
  });
}

function expectOneRowInside(layout: HeaderLayout): void {
  const outside = layout.items.filter((item) => item.left < 0 || item.right > layout.width + 0.5).map((item) => item.name);
  expect(outside).toEqual([]);
  const isTab = (item: { name: string }) => item.name.split(' ').includes('tab');
  const direct = layout.items.filter((item) => !isTab(item));
  const centres = direct.map((item) => (item.top + item.bottom) / 2);
  // One row: every element's middle on the same line (within a few pixels), and no tab's name on two lines.
  expect(Math.max(...centres) - Math.min(...centres)).toBeLessThan(8);
  const tabHeights = layout.items.filter(isTab).map((item) => item.bottom - item.top);
  expect(Math.max(...tabHeights) - Math.min(...tabHeights)).toBeLessThan(2);
}

/** How many cards share the first row of the rail. */
async function firstRowColumns(page: Page): Promise<number> {
  return page.evaluate(() => {
    const cards = [...document.querySelectorAll('[data-testid="rail"] article.card')].map((card) => card.getBoundingClientRect());
    const top = Math.min(...cards.map((box) => box.top));
    return cards.filter((box) => Math.abs(box.top - top) < 2 && box.right <= window.innerWidth).length;
  });
}

describe('print problems where staff look (issue 20)', () => {
  it('paper out: the card’s red strip, the header count and the printer line show it — sound locked or not; Retry prints it once and clears them', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const printer = kitchen.virtualPrinter!;
    await printer.setMode('paperOut');
    // A desktop browser: no sound before a click. The problem must show anyway.
    const { page, errors } = await openBoard(resources, kitchen.boardUrl as string, { autoplay: 'gesture-required' });
    await page.setViewportSize(SIZES[0]);
    const order = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;

    const strip = page.getByTestId(`print-problem-${order.number}`);
    await strip.waitFor({ timeout: 20_000 });
    await expect(strip.textContent()).resolves.toContain('Not printed: Virtual printer is out of paper');
    const badge = page.getByTestId('unprinted-badge');
    await badge.waitFor();
    const unprinted = Number(await badge.getAttribute('data-count'));
    expect(unprinted).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId('printer-trouble').textContent()).resolves.toContain('Printer Virtual printer: out of paper');
    // The sound prompt is a small header button: the header stays one row, the rail is not pushed down.
    await page.getByTestId('sound-unlock').waitFor();
    await expect(page.getByTestId('sound-unlock').evaluate((button) => button.closest('.topbar') !== null)).resolves.toBe(true);
    await screenshot(page, 'print-problem-paper-out', { dir: docsShotDir, fullPage: false });
    expectOneRowInside(await headerLayout(page));
    // The allergy note in a 1024×768 card column: every word whole on its line.
    const allergy = await allergyWordsBroken(page);
    expect(allergy.words).toBeGreaterThanOrEqual(3);
    expect(allergy.broken).toEqual([]);

    // Print elsewhere lists the other printers; with one printer there is none, and it says so.
    const jobId = (await strip.locator('[data-state="needsAttention"]').first().getAttribute('data-testid'))!.replace('print-strip-', '');
    await page.getByTestId(`print-elsewhere-${jobId}`).click();
    await expect(strip.textContent()).resolves.toContain('No other printer is set up');
    await strip.getByRole('button', { name: 'Cancel' }).click();

    await printer.setMode('ok');
    await page.getByTestId(`print-retry-${jobId}`).click();
    await strip.waitFor({ state: 'detached', timeout: 20_000 });
    await eventually('every ticket of the order on paper', () => (printer.printed.length >= unprinted ? true : undefined));
    await page.getByTestId('printer-trouble').waitFor({ state: 'detached' });
    await page.getByTestId('unprinted-badge').waitFor({ state: 'detached' });
    expect(printedJobIds(printer).get(jobId)).toBe(1);
    expect([...printedJobIds(printer).values()].every((count) => count === 1)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('cover open and unreachable: the strip and the printer line say which, in plain words', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const printer = kitchen.virtualPrinter!;
    await printer.setMode('coverOpen');
    const { page, errors } = await openBoard(resources, kitchen.boardUrl as string);
    await page.setViewportSize(SIZES[1]);
    const order = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    const strip = page.getByTestId(`print-problem-${order.number}`);
    await strip.waitFor({ timeout: 20_000 });
    await expect(strip.textContent()).resolves.toContain('Not printed: Virtual printer has its cover open');
    await expect(page.getByTestId('printer-trouble').textContent()).resolves.toContain('Printer Virtual printer: cover open');
    await screenshot(page, 'print-problem-cover-open', { dir: docsShotDir, fullPage: false });
    // With the count in it, the header still holds one row at 1366 px (no tab's name on two lines).
    expectOneRowInside(await headerLayout(page));

    await printer.setMode('refusing');
    await page.locator('[data-testid="printer-trouble"] [data-problem="unreachable"]').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('printer-trouble').textContent()).resolves.toContain('Printer Virtual printer: unreachable');
    await expect(strip.textContent()).resolves.toContain('Not printed: Virtual printer cannot be reached');
    await screenshot(page, 'print-problem-unreachable', { dir: docsShotDir, fullPage: false });
    expect(errors).toEqual([]);
  });

  it('fits the counter screen: one header row inside the viewport, three card columns at 1024×768, print log buttons on screen', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    for (let index = 0; index < 5; index++) await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput());
    const { page, errors } = await openBoard(resources, kitchen.boardUrl as string);
    await eventually('five cards', async () => ((await page.locator('[data-testid="rail"] article.card').count()) >= 5 ? true : undefined));

    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.goto(`${kitchen.boardUrl as string}#/board`);
      await page.locator('[data-testid="rail"] article.card').nth(4).waitFor();
      expectOneRowInside(await headerLayout(page));
      expect(await firstRowColumns(page)).toBeGreaterThanOrEqual(3);
      await screenshot(page, `board-${size.width}x${size.height}`, { fullPage: false });

      await page.goto(`${kitchen.boardUrl as string}#/print-log`);
      // Every row's last button (Reprint) is on screen, not behind a horizontal scroll.
      for (const button of [page.locator('[data-testid^="preview-"]').first(), page.locator('[data-testid^="reprint-"]').first()]) {
        await button.waitFor({ timeout: 20_000 });
        const box = await button.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= size.width).toBe(true);
      }
      await screenshot(page, `print-log-${size.width}x${size.height}`, { fullPage: false });
    }
    expect(errors).toEqual([]);
  });

  it('the offline banner stays one line at 1400 px; Complete looks enabled (full opacity, its own colour)', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const order = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    const { page } = await openBoard(resources, kitchen.boardUrl as string);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId(`order-card-${order.number}`).waitFor({ timeout: 20_000 });
    await page.getByTestId(`action-accept-${order.number}`).click();
    await page.getByTestId(`action-ready-${order.number}`).click();
    const complete = page.getByTestId(`action-complete-${order.number}`);
    await complete.waitFor();
    const look = await complete.evaluate((button) => {
      const style = getComputedStyle(button);
      return { disabled: (button as HTMLButtonElement).disabled, opacity: style.opacity, background: style.backgroundColor };
    });
    expect(look).toEqual({ disabled: false, opacity: '1', background: 'rgb(11, 114, 133)' });

    await kitchen.backend.close();
    const banner = page.locator('[data-testid="connection-banner"][data-mode="offline"]');
    await banner.waitFor({ timeout: 20_000 });
    const lines = await banner.evaluate((element) => {
      const mode = element.querySelector('.connection-mode')!.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      return { height: box.height, line: mode.height };
    });
    // One line: the banner is no taller than its padding around one line of text.
    expect(lines.height).toBeLessThan(lines.line * 2 + 8);
    await screenshot(page, 'board-offline-1400', { fullPage: false });
  });
});
