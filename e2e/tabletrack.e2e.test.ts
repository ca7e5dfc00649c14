/**
 * The settings screen in Chromium for the `tabletrack` connector, against the real agent and the
 * TableTrack stand-in: a wrong branch key is shown as an error on the key field (TableTrack's 401),
 * the right one shows what TableTrack has (Pusher off, its printers) and maps its printer to a
 * local one; the key is never shown.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RENDERER_DIST } from '../cli/build-if-stale.js';
import { screenshot } from '../test/browser.js';
import { Resources, eventually, printerSettings, startTestPrinter } from '../test/integration/kitchen-harness.js';
import { STAND_IN_KEY, startStandIn } from '../test/tabletrack/tabletrack-harness.js';
import { createAgent } from '../agent/index.js';
import { createEscPosDriver } from '../agent/pipeline/escpos-driver.js';
import { createConfSettingsStore } from '../agent/settings/conf-settings-store.js';
import { tempDir } from '../test/integration/kitchen-harness.js';
import { openBoard } from './stack.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('the TableTrack settings in Chromium', () => {
  it('shows a wrong key on the key field, then what TableTrack has with the right one, and maps its printer', async () => {
    const tt = await startStandIn(resources, undefined, {
      printers: [
        { id: 1, name: 'Kitchen', type: 'network', print_format: 'thermal80mm' },
        { id: 2, name: 'Bar', type: 'network', print_format: 'thermal56mm' },
      ],
    });
    const printer = await startTestPrinter(resources);
    const dataDir = tempDir(resources);
    const agent = await createAgent(
      { dataDir, localApi: { host: '127.0.0.1', port: 0 }, rendererDir: RENDERER_DIST },
      {
        settingsStore: createConfSettingsStore(dataDir),
        driver: createEscPosDriver({ connectTimeoutMs: 1_000, answerTimeoutMs: 2_000 }),
        logger: quiet,
        settingsOverrides: { connector: 'tabletrack', backendUrl: tt.url, printers: [{ ...printerSettings(printer, ['kitchen']), id: 'pass', name: 'Pass printer' }] },
      },
    );
    resources.add(() => agent.close());

    const { page, errors } = await openBoard(resources, `${agent.localApiUrl}/#/settings`);
    await page.getByTestId('settings-field-connector').waitFor();
    await expect(page.getByTestId('settings-field-connector').inputValue()).resolves.toBe('tabletrack');
    await expect(page.getByTestId('settings-tabletrack-key-state').getAttribute('data-set')).resolves.toBe('false');

    // A wrong key: saved, then Test connection comes back with TableTrack's 401 on the key field.
    await page.getByTestId('settings-field-tabletrack.key').fill('not-the-branch-key');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await page.getByTestId('test-connection').click();
    await page.locator('[data-testid="test-connection-result"][data-ok="false"]').waitFor({ timeout: WAIT_BUDGET_MS });
    const keyError = page.getByTestId('settings-error-tabletrack.key');
    await keyError.waitFor();
    await expect(keyError.textContent()).resolves.toBe('Invalid authentication key');
    await expect(page.getByTestId('settings-field-tabletrack.key').getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'e2e-tabletrack-wrong-key');
    // The board's banner: TableTrack refuses every pull with this key.
    await page.locator('[data-testid="connection-banner"][data-mode="offline"]').waitFor();

    // The right key: the error goes with the edit; Test connection shows Pusher off and both printers.
    await page.getByTestId('settings-field-tabletrack.key').fill(STAND_IN_KEY);
    await expect(keyError.count()).resolves.toBe(0);
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await page.getByTestId('test-connection').click();
    await page.locator('[data-testid="test-connection-result"][data-ok="true"]').waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.getByTestId('test-connection-tabletrack-pusher').getAttribute('data-enabled')).resolves.toBe('false');
    // Pusher off at TableTrack: the agent polls, and the banner says so.
    await page.locator('[data-testid="connection-banner"][data-mode="polling"]').waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.getByTestId('test-connection-tabletrack-printers').textContent()).resolves.toContain('Kitchen (thermal80mm), Bar (thermal56mm)');

    // TableTrack's Bar printer goes to the local pass printer.
    await page.getByTestId('settings-field-tabletrack.printerMap.2').selectOption('pass');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await screenshot(page, 'e2e-tabletrack-settings');
    expect(agent.settings.get().tabletrack).toMatchObject({ key: STAND_IN_KEY, printerMap: { '2': 'pass' } });
    await expect(page.getByTestId('settings-tabletrack-key-state').getAttribute('data-set')).resolves.toBe('true');
    expect(await page.content()).not.toContain(STAND_IN_KEY);

    // And the agent now pulls with it: a Bar job prints on the pass printer.
    const job = await tt.createJob({ printerId: 2, text: '\u001b@Bar ticket\n', cutPaper: true });
    await eventually('the Bar job done', () => tt.reports(job.id)[0]);
    expect(tt.reports(job.id)[0]).toMatchObject({ status: 'done', printer: 'Pass printer' });
    expect(errors).toEqual([]);
  });
});
