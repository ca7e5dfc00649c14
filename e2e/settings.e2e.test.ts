import { readFileSync } from 'node:fs';
import type { AgentRealtimeConfig } from '../common/agent-config.js';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Api, Resources, eventually, sampleInput, tempDir } from '../test/integration/kitchen-harness.js';
import { screenshot } from '../test/browser.js';
import { openBoard, startStack } from './stack.js';
import { hostedPusherEnv } from '../cli/all-in-one.js';
import { createConfSettingsStore } from '../agent/settings/conf-settings-store.js';
import { SettingsService } from '../agent/settings/settings-service.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

describe('the settings screen in Chromium', () => {
  it('refuses bad values field by field, keeps good ones across a restart, and never shows the token', async () => {
    // The first run has its own resources so that closing it keeps the data dir for the second.
    const firstRun = new Resources();
    resources.add(() => firstRun.closeAll());
    const kitchen = await startStack(firstRun, tempDir(resources));
    const settingsFile = join(kitchen.dataDir, 'agent', 'settings.json');
    const { page, errors } = await openBoard(firstRun, kitchen.boardUrl as string);
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-field-display.amberAfterMin').waitFor();

    // Bad: red before amber, and a printer interface that is not tcp:// or printer:.
    await page.getByTestId('settings-field-display.amberAfterMin').fill('9');
    await page.getByTestId('settings-field-display.redAfterMin').fill('4');
    await page.getByTestId('settings-field-printers.0.interface').fill('http://printer.local');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-error-display.redAfterMin').waitFor();
    await page.getByTestId('settings-error-printers.0.interface').waitFor();
    await screenshot(page, 'e2e-settings-refused');
    expect((await kitchen.agent!.api.getSettings()).display.redAfterMin).toBe(8);

    // Good values are saved and survive a restart of the whole stack.
    await page.getByTestId('settings-field-printers.0.interface').fill(`tcp://127.0.0.1:${kitchen.virtualPrinter!.port}`);
    await page.getByTestId('settings-field-display.amberAfterMin').fill('6');
    await page.getByTestId('settings-field-display.redAfterMin').fill('12');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await screenshot(page, 'e2e-settings');

    const html = await page.content();
    expect(html).not.toContain(kitchen.tokens.agent);
    await expect(page.getByTestId('settings-token-state').getAttribute('data-set')).resolves.toBe('true');
    expect(readFileSync(settingsFile, 'utf8')).toContain('"redAfterMin": 12');
    expect(errors).toEqual([]);

    await firstRun.closeAll();
    const again = await startStack(resources, kitchen.dataDir);
    const reopened = await openBoard(resources, again.boardUrl as string);
    await reopened.page.getByTestId('tab-settings').click();
    await expect(reopened.page.getByTestId('settings-field-display.redAfterMin').inputValue()).resolves.toBe('12');
    // The saved virtual printer entry is recognised: tickets still print after the restart.
    const order = await new Api(again.backend.url).post<{ id: string }>('/api/orders', again.tokens.pos, sampleInput());
    expect(order.status).toBe(201);
    await eventually('tickets printed after restart', () => ((again.virtualPrinter?.printed.length ?? 0) >= 2 ? true : undefined));
  });

  it('shows the realtime values Test connection found, and a following Save keeps them', async () => {
    const kitchen = await startStack(resources);
    // What the backend tells an agent, as Test connection fetches it.
    const found = (await new Api(kitchen.backend.url).get<AgentRealtimeConfig>('/api/agent/config', kitchen.tokens.agent)).body;
    expect(found.key).not.toBe('');
    const { page, errors } = await openBoard(resources, `${kitchen.boardUrl as string}#/settings`);
    const field = (path: string) => page.getByTestId(`settings-field-realtime.${path}`);
    const realtimeFields = async () => ({ key: await field('key').inputValue(), host: await field('host').inputValue(), port: await field('port').inputValue() });
    const expected = { key: found.key, host: found.host ?? '', port: found.port === undefined ? '' : String(found.port) };
    await field('key').waitFor();
    // A fresh agent has stored none of them: the form starts without them (else this test proves nothing).
    expect(await realtimeFields()).not.toEqual(expected);

    await page.getByTestId('test-connection').click();
    await page.locator('[data-testid="test-connection-result"][data-ok="true"]').waitFor({ timeout: WAIT_BUDGET_MS });
    await page.getByTestId('test-connection-reloaded').waitFor();
    expect(await realtimeFields()).toEqual(expected);
    await screenshot(page, 'e2e-settings-test-connection');

    // An unrelated edit and Save: the realtime section sent with it is the one found, not the old one.
    await page.getByTestId('settings-field-display.amberAfterMin').fill('6');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    expect((await kitchen.agent!.api.getSettings()).realtime).toMatchObject({ key: found.key, ...(found.host ? { host: found.host } : {}), ...(found.port ? { port: found.port } : {}) });

    await page.reload();
    await field('key').waitFor();
    await expect(page.getByTestId('settings-field-display.amberAfterMin').inputValue()).resolves.toBe('6');
    expect(await realtimeFields()).toEqual(expected);
    expect(errors).toEqual([]);
  });

  it('says before saving that a new backend URL or Pusher endpoint forgets the saved token or secret', async () => {
    const kitchen = await startStack(resources);
    const { page, errors } = await openBoard(resources, `${kitchen.boardUrl as string}#/settings`);
    const url = page.getByTestId('settings-field-backendUrl');
    const tokenNotice = page.getByTestId('settings-notice-agentToken');
    await url.waitFor();
    await expect(page.getByTestId('settings-token-state').getAttribute('data-set')).resolves.toBe('true');
    const savedUrl = await url.inputValue();
    expect(await tokenNotice.count()).toBe(0);

    // Another port on the same PC is another server: the notice shows while typing, nothing saved yet.
    await url.fill('http://127.0.0.1:1');
    await tokenNotice.waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(tokenNotice.textContent()).resolves.toMatch(/forgets the saved agent token/);
    await screenshot(page, 'e2e-settings-forget-token-notice');
    expect((await kitchen.agent!.api.getSettings()).backendUrl).toBe(savedUrl);
    // A token typed for the new backend answers it; the same server written another way needs none.
    await page.getByTestId('settings-field-agentToken').fill('token-for-the-new-backend');
    await tokenNotice.waitFor({ state: 'detached' });
    await page.getByTestId('settings-field-agentToken').fill('');
    await tokenNotice.waitFor();
    await url.fill(`${savedUrl}/`);
    await tokenNotice.waitFor({ state: 'detached' });

    // The hosted backend's secret likewise, once credentials are stored.
    const field = (path: string) => page.getByTestId(`settings-field-hostedPusher.${path}`);
    const secretNotice = page.getByTestId('settings-notice-hostedPusher.secret');
    await field('appId').fill('4242');
    await field('key').fill('hosted-key');
    await field('secret').fill('e2e-hosted-secret');
    await field('host').fill('ws.example.org');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    expect(await secretNotice.count()).toBe(0);
    await field('host').fill('ws.attacker.example');
    await secretNotice.waitFor();
    await expect(secretNotice.textContent()).resolves.toMatch(/forgets the saved app secret/);
    await field('host').fill('ws.example.org');
    await secretNotice.waitFor({ state: 'detached' });
    await field('port').fill('8443');
    await secretNotice.waitFor();
    expect((await kitchen.agent!.api.getSettings()).hostedPusher).toMatchObject({ host: 'ws.example.org', secretSet: true });
    expect(errors).toEqual([]);
  });

  it("stores this PC's backend Pusher credentials for the next start, and never shows the secret again", async () => {
    const kitchen = await startStack(resources);
    const secret = 'e2e-hosted-secret-9f3b';
    const { page, errors } = await openBoard(resources, `${kitchen.boardUrl as string}#/settings`);
    const field = (path: string) => page.getByTestId(`settings-field-hostedPusher.${path}`);
    // startStack is the all-in-one: this PC hosts the backend, so the section is there.
    await field('appId').waitFor();
    await expect(page.getByTestId('settings-hosted-state').getAttribute('data-stored')).resolves.toBe('false');

    await field('appId').fill('4242');
    await field('key').fill('hosted-key');
    await field('secret').fill(secret);
    await field('host').fill('ws.example.org');
    await field('port').fill('8443');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await expect(page.getByTestId('settings-hosted-state').getAttribute('data-stored')).resolves.toBe('true');

    await page.reload();
    await field('appId').waitFor();
    const shown = { appId: await field('appId').inputValue(), key: await field('key').inputValue(), host: await field('host').inputValue(), port: await field('port').inputValue(), secret: await field('secret').inputValue() };
    expect(shown).toEqual({ appId: '4242', key: 'hosted-key', host: 'ws.example.org', port: '8443', secret: '' });
    await expect(page.getByTestId('settings-hosted-secret-state').getAttribute('data-set')).resolves.toBe('true');
    await page.getByTestId('settings-hosted-backend').scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-settings-hosted-backend');
    expect(await page.content()).not.toContain(secret);

    // What cli/all-in-one.ts gives the backend at its next start. Headless there is no SecretBox,
    // so the file holds the secret as given (sealed only where the host can: see SettingsService.seal).
    const stored = new SettingsService(createConfSettingsStore(join(kitchen.dataDir, 'agent')), {}).get().hostedPusher;
    expect(hostedPusherEnv(stored, () => undefined)).toEqual({ PUSHER_APP_ID: '4242', PUSHER_KEY: 'hosted-key', PUSHER_SECRET: secret, PUSHER_HOST: 'ws.example.org', PUSHER_PORT: '8443', PUSHER_USE_TLS: 'true' });

    // Back to the embedded relay, without retyping anything.
    await page.getByTestId('hosted-use-embedded').click();
    await page.getByTestId('settings-saved').waitFor();
    await expect(page.getByTestId('settings-hosted-state').getAttribute('data-stored')).resolves.toBe('false');
    await expect(field('appId').inputValue()).resolves.toBe('');
    expect((await kitchen.agent!.api.getSettings()).hostedPusher).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
