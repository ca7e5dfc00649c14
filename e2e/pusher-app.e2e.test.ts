/**
 * The settings screen in Chromium for the `pusher-app` connector, against the real agent, the
 * relay and a Laravel-style app: its section is built from the fields the connector declares (no
 * component of its own), a wrong auth header is shown on that header's field after Test
 * connection, and the right one connects; the header value is never shown.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RENDERER_DIST } from '../cli/build-if-stale.js';
import { createAgent } from '../agent/index.js';
import { createEscPosDriver } from '../agent/pipeline/escpos-driver.js';
import { createConfSettingsStore } from '../agent/settings/conf-settings-store.js';
import { screenshot } from '../test/browser.js';
import { Resources, printerSettings, quietLogger, startTestPrinter, tempDir } from '../test/integration/kitchen-harness.js';
import { SANCTUM_TOKEN, startLaravelStandIn } from '../test/pusher-app/laravel-stand-in.js';
import { CHANNEL, ORDER_EVENT, laravelOrder, pusherAppSettings, startRelayFor } from '../test/pusher-app/pusher-app-harness.js';
import { openBoard } from './stack.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

describe('the pusher-app settings in Chromium', () => {
  it('shows the section from its declared fields, a refused header on that field, and connects with the right one', { timeout: 90_000 }, async () => {
    const relay = await startRelayFor(resources);
    const app = await startLaravelStandIn(resources, relay);
    const printer = await startTestPrinter(resources);
    const dataDir = tempDir(resources);
    const wrong = 'Bearer 1|a-token-of-someone-else';
    createConfSettingsStore(dataDir).write({
      connector: 'pusher-app',
      printers: [printerSettings(printer, ['kitchen'])],
      pusherApp: pusherAppSettings(relay, app, { authHeaders: { Authorization: wrong } }),
    });
    const agent = await createAgent(
      { dataDir, localApi: { host: '127.0.0.1', port: 0 }, rendererDir: RENDERER_DIST },
      { settingsStore: createConfSettingsStore(dataDir), driver: createEscPosDriver({ connectTimeoutMs: 1_000, answerTimeoutMs: 2_000 }), logger: quietLogger },
    );
    resources.add(() => agent.close());

    const { page, errors } = await openBoard(resources, `${agent.localApiUrl}/#/settings`);
    const section = page.getByTestId('settings-section-pusherApp');
    await section.waitFor();
    await expect(page.getByTestId('settings-field-connector').inputValue()).resolves.toBe('pusher-app');
    // Built from the declared fields: the connection, the map, the header (its value never filled in).
    await expect(section.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Pusher app');
    await expect(page.getByTestId('settings-field-pusherApp.channel').inputValue()).resolves.toBe(CHANNEL);
    await expect(page.getByTestId('settings-field-pusherApp.map.items').inputValue()).resolves.toBe('order.items');
    await expect(page.getByTestId('settings-field-pusherApp.authHeaders.#0.name').inputValue()).resolves.toBe('Authorization');
    await expect(page.getByTestId('settings-field-pusherApp.authHeaders.Authorization').inputValue()).resolves.toBe('');
    // Neither TicketRail's backend URL and token nor its realtime section: this connector has none.
    await expect(page.getByTestId('settings-field-backendUrl').count()).resolves.toBe(0);
    await expect(page.getByTestId('settings-field-agentToken').count()).resolves.toBe(0);
    await expect(page.content()).resolves.not.toContain('someone-else');

    // The app's auth endpoint refuses the header: Test connection shows it on that field.
    await page.getByTestId('test-connection').click();
    await page.locator('[data-testid="test-connection-result"][data-ok="false"]').waitFor({ timeout: WAIT_BUDGET_MS });
    const headerError = page.getByTestId('settings-error-pusherApp.authHeaders.Authorization');
    await headerError.waitFor();
    await expect(headerError.textContent()).resolves.toMatch(/refused .*403/);
    await page.locator('[data-testid="connection-banner"][data-mode="offline"]').waitFor();
    await screenshot(page, 'e2e-pusher-app-wrong-header');

    // The right token: saved (the agent reconnects), tested, and the board goes live.
    await page.getByTestId('settings-field-pusherApp.authHeaders.Authorization').fill(`Bearer ${SANCTUM_TOKEN}`);
    await expect(headerError.count()).resolves.toBe(0);
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await page.getByTestId('test-connection').click();
    await page.locator('[data-testid="test-connection-result"][data-ok="true"]').waitFor({ timeout: WAIT_BUDGET_MS });
    await page.locator('[data-testid="connection-banner"][data-mode="live"]').waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.content()).resolves.not.toContain(SANCTUM_TOKEN);
    await screenshot(page, 'e2e-pusher-app-settings');

    // And the card of the next order on the rail.
    await app.broadcast(CHANNEL, ORDER_EVENT, laravelOrder(90, [{ name: 'Gyoza', quantity: 6 }]));
    await page.goto(`${agent.localApiUrl}/#/`);
    await page.getByTestId('source-card-V-90').waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.getByTestId('source-label-V-90').textContent()).resolves.toBe(`Pusher app · ${CHANNEL}`);
    await printer.waitForJobs(1, WAIT_BUDGET_MS);
    expect(errors).toEqual([]);
  });
});
