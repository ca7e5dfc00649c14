import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { OrderCreated } from '../common/order.js';
import type { PrintJob } from '../common/print-job.js';
import { Api, Resources, allJobs, eventually, printedJobIds, sampleInput } from '../test/integration/kitchen-harness.js';
import { screenshot } from '../test/browser.js';
import { openBoard, startStack } from './stack.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

/** The words a reprinted ticket carries on paper (common/locales/en/ticket.json). */
const REPRINT_MARK = 'REPRINT';

describe('the History tab in Chromium', () => {
  it('finds the order by name without accents and by the phone typed differently; Reprint prints each ticket once more, marked REPRINT; offline it answers from the cache and says so', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const printer = kitchen.virtualPrinter!;
    const other = (await api.post<OrderCreated>('/api/orders', kitchen.tokens.pos, sampleInput({ customer: { name: 'Łukasz' }, table: '7' }))).body;
    const order = (await api.post<OrderCreated>('/api/orders', kitchen.tokens.pos, sampleInput({ table: '31', customer: { name: 'María Gómez', phone: '+44 20 7946 0958' } }))).body;
    const originals = await eventually('the tickets of both orders printed', async () => {
      const jobs = (await allJobs(api, undefined, kitchen.tokens.admin)).filter((job: PrintJob) => job.orderId === order.id || job.orderId === other.id);
      return jobs.length === 4 && jobs.every((job) => job.status === 'done') ? jobs.filter((job) => job.orderId === order.id) : undefined;
    });
    expect(originals).toHaveLength(2);
    const printedBefore = printer.printed.length;

    const { page, errors } = await openBoard(resources, `${kitchen.boardUrl as string}#/history`);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByTestId('tab-history').waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.getByTestId('tab-history').textContent()).resolves.toBe('History');
    // Today's orders, both, before any search.
    await page.getByTestId(`history-row-${other.id}`).waitFor({ timeout: WAIT_BUDGET_MS });
    await page.getByTestId(`history-row-${order.id}`).waitFor({ timeout: WAIT_BUDGET_MS });

    await page.getByTestId('history-search').fill('maria');
    await page.getByTestId(`history-row-${other.id}`).waitFor({ state: 'detached', timeout: WAIT_BUDGET_MS });
    await expect(page.getByTestId(`history-row-${order.id}`).textContent()).resolves.toContain(`#${order.number}`);

    await page.getByTestId('history-search').fill('02079460958');
    await page.getByTestId(`history-row-${other.id}`).waitFor({ state: 'detached', timeout: WAIT_BUDGET_MS });
    const row = page.getByTestId(`history-row-${order.id}`);
    await row.waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(row.getByTestId('history-status').textContent()).resolves.toBe('New');
    await expect(row.getByTestId('history-payment').textContent()).resolves.toBe('No payment');
    await expect(page.getByTestId('history-from-cache').count()).resolves.toBe(0);

    await row.getByTestId('history-open').click();
    const detail = page.getByTestId('history-detail');
    await expect(detail.textContent()).resolves.toMatch(/Cheeseburger[\s\S]*IPA draft/);
    await screenshot(page, 'e2e-history-1024', { fullPage: false });
    // Nothing of the screen hangs past the 1024 px counter screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);

    await detail.getByTestId('history-reprint').click();
    await expect(page.getByTestId('history-reprinted').textContent()).resolves.toBe('2 tickets sent to print again');
    const reprinted = await eventually('both reprints on paper', () => (printer.printed.length === printedBefore + 2 ? printer.printed.slice(printedBefore) : undefined));
    for (const job of reprinted) expect(job.decoded.lines.some((line) => line.text.includes(REPRINT_MARK))).toBe(true);

    // At the backend: one reprint of each original, no more; on paper each new ticket once.
    const jobs = (await allJobs(api, undefined, kitchen.tokens.admin)).filter((job: PrintJob) => job.orderId === order.id);
    const reprints = jobs.filter((job) => job.reprintOf !== undefined);
    expect(reprints.map((job) => job.reprintOf).sort()).toEqual(originals.map((job) => job.id).sort());
    await eventually('the reprints done', async () => ((await allJobs(api, undefined, kitchen.tokens.admin)).filter((job: PrintJob) => job.reprintOf !== undefined && job.orderId === order.id).every((job) => job.status === 'done') ? true : undefined));
    const counts = printedJobIds(printer);
    for (const job of reprints) expect(counts.get(job.id)).toBe(1);
    expect(printer.printed.length).toBe(printedBefore + 2);
    // The button does not offer a second round for the same opening.
    await expect(detail.getByTestId('history-reprint').isDisabled()).resolves.toBe(true);

    // The backend gone: the same search answers from this PC's cache, and the tab says so.
    await kitchen.backend.close();
    await page.getByTestId('history-search').fill('MARÍA');
    await expect(page.getByTestId('history-from-cache').textContent({ timeout: WAIT_BUDGET_MS })).resolves.toBe('The server is unreachable: showing the last 7 days from this PC');
    await page.getByTestId(`history-row-${order.id}`).waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.getByTestId(`history-row-${other.id}`).count()).resolves.toBe(0);
    await screenshot(page, 'e2e-history-1024-offline', { fullPage: false });
    expect(errors.filter((error) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(error))).toEqual([]);
  });
});
