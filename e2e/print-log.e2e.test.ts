import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../common/order.js';
import type { PrintJob } from '../common/print-job.js';
import { Api, Resources, allJobs, eventually, sampleInput } from '../test/integration/kitchen-harness.js';
import { screenshot } from '../test/browser.js';
import { openBoard, startStack } from './stack.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

describe('the print log in Chromium', () => {
  it('offers Reprint on a done job and Retry on a failed one, warning when the ticket may have partly printed', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const printer = kitchen.virtualPrinter!;
    // The roll ends during the order's second ticket: that job is lost after it was sent, so the
    // agent reports it failed at once ("… may have partly printed"), not retried.
    await printer.paperRunsOutAfter(1);
    const order = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    const jobs = await eventually(
      'one ticket done, one failed',
      async () => {
        const mine = (await allJobs(api, undefined, kitchen.tokens.admin)).filter((job: PrintJob) => job.orderId === order.id);
        const done = mine.find((job) => job.status === 'done');
        const failed = mine.find((job) => job.status === 'failed');
        return done && failed ? { done, failed } : undefined;
      },
      15_000,
    );
    expect(jobs.failed.error).toMatch(/may have partly printed/);

    const { page, errors } = await openBoard(resources, `${kitchen.boardUrl as string}#/print-log`);
    await page.getByTestId(`print-log-row-${jobs.failed.id}`).waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.getByTestId(`reprint-${jobs.done.id}`).textContent()).resolves.toBe('Reprint');
    await expect(page.getByTestId(`retry-${jobs.failed.id}`).textContent()).resolves.toBe('Retry');
    await expect(page.getByTestId(`reprint-${jobs.failed.id}`).count()).resolves.toBe(0);
    await expect(page.getByTestId(`retry-${jobs.done.id}`).count()).resolves.toBe(0);

    // Reprint of the done ticket asks first, with no warning; Back leaves it be.
    await page.getByTestId(`reprint-${jobs.done.id}`).click();
    await expect(page.getByTestId('confirm-dialog').getByRole('heading').textContent()).resolves.toBe('Reprint ticket?');
    await expect(page.getByTestId('confirm-warning').count()).resolves.toBe(0);
    await page.getByTestId('confirm-no').click();
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });

    // Retry of the failed one names its error and warns that it may be on paper already.
    await page.getByTestId(`retry-${jobs.failed.id}`).click();
    await expect(page.getByTestId('confirm-dialog').getByRole('heading').textContent()).resolves.toBe('Retry failed print?');
    await expect(page.getByTestId('confirm-message').textContent()).resolves.toContain(jobs.failed.error);
    await expect(page.getByTestId('confirm-warning').textContent()).resolves.toContain('may already have partly printed');
    await expect(page.getByTestId('confirm-yes').textContent()).resolves.toBe('Retry');
    await screenshot(page, 'e2e-print-log-retry');

    await printer.setMode('ok');
    const printedBefore = printer.printed.length;
    await page.getByTestId('confirm-yes').click();
    // The retry is a new job at the backend, made by reprint (the only way to print again).
    const retried = await eventually(
      'the retried ticket printed',
      async () => {
        const again = (await allJobs(api, 'done', kitchen.tokens.admin)).find((job: PrintJob) => job.reprintOf === jobs.failed.id);
        return again && printer.printed.length > printedBefore ? again : undefined;
      },
      15_000,
    );
    await page.locator(`[data-testid="print-log-row-${retried.id}"][data-status="done"]`).waitFor({ timeout: WAIT_BUDGET_MS });
    expect(errors).toEqual([]);
  });
});
