import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { screenshot } from '../test/browser.js';
import { Resources, eventually, freePort, ingestOf } from '../test/integration/kitchen-harness.js';
import { STATUS_QUERY_BEFORE_SEND, jobBytesOf, posTicket } from '../test/integration/ingest-harness.js';
import { openBoard, startStack } from './stack.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

describe('ingest printers in Chromium against the all-in-one stack', () => {
  it('adds an ingest printer in Settings; a ticket sent to its port appears as a card on the board and prints once', async () => {
    const kitchen = await startStack(resources);
    const agent = kitchen.agent!;
    const { page, errors } = await openBoard(resources, kitchen.boardUrl as string);
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('ingest-add').click();
    const field = (name: string) => page.getByTestId(`settings-field-ingest.0.${name}`);

    // Refused field by field: a LAN address without the opt-in, then the virtual printer's own port.
    await field('name').fill('Front POS');
    await field('listen').fill('tcp://0.0.0.0:9101');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-error-ingest.0.listen').filter({ hasText: /opens port 9101 to the network/ }).waitFor();
    await field('listen').fill(`tcp://127.0.0.1:${kitchen.virtualPrinter!.port}`);
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-error-ingest.0.listen').filter({ hasText: /already in use/ }).waitFor();
    expect(agent.settings.get().ingest).toEqual([]);

    const port = await freePort();
    await field('listen').fill(`tcp://127.0.0.1:${port}`);
    await field('forwardTo').selectOption('virtual');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    // The listener starts on the settings change; this waits for that restart to be done.
    await ingestOf(agent).settingsChanged();
    expect(ingestOf(agent).listeners.map((listener) => listener.port)).toEqual([port]);
    await screenshot(page, 'e2e-settings-ingest');

    await page.getByTestId('tab-board').click();
    const ticket = posTicket(port, '2207');
    await ticket.execute();
    const card = page.getByTestId('source-card-2207');
    await card.waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.getByTestId('source-label-2207').textContent()).resolves.toBe('POS printer · Front POS');
    await expect(card.textContent()).resolves.toMatch(/Crème brûlée[\s\S]*Fries/);
    await screenshot(page, 'e2e-ingest-card');

    const printed = await eventually('the ticket at the virtual printer', () => kitchen.virtualPrinter!.printed.find((job) => job.bytes.includes(jobBytesOf(ticket))));
    expect(printed.bytes.equals(Buffer.concat([STATUS_QUERY_BEFORE_SEND, jobBytesOf(ticket)]))).toBe(true);
    // The two refused saves are the agent's 400 answers, which Chromium logs; nothing else went wrong.
    expect(errors.filter((error) => !/status of 400 \(Bad Request\)/.test(error))).toEqual([]);
    expect(errors).toHaveLength(2);
  });
});
