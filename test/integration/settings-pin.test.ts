/**
 * The settings PIN (issue 20) as the agent enforces it: the real agent's own local API on
 * 127.0.0.1 and the IPC path (the real main handlers and preload bridge over the mocked Electron
 * IPC) go through the same dispatch, so both refuse Settings and Reports without an unlock. Time
 * is the agent's test clock: the one-minute lock-out ends when the test says, not when a wait does.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_API } from '../../common/kitchen-api.js';
import { PIN_LOCKOUT_MS, SETTINGS_UNLOCK_FIELD, UNLOCK_IDLE_MS } from '../../common/settings-lock.js';
import { registerKitchenIpc } from '../../main/ipc-handlers.js';
import { SecretRegistry } from '../../main/secret-guard.js';
import { createRecordingLogger } from '../../main/test-fixtures.js';
import { createBridge } from '../../preload/bridge.js';
import { electronMock, ipcRenderer, resetElectronMock } from '../electron-mock.js';
import { Resources, startTestAgent, startTestBackend } from './kitchen-harness.js';
import { ManualClock } from './manual-clock.js';
import { createConfSettingsStore } from '../../agent/settings/conf-settings-store.js';

const resources = new Resources();
beforeEach(() => resetElectronMock());
afterEach(async () => {
  await resources.closeAll();
  resetElectronMock();
});

const PIN = '4821';

async function start() {
  const clock = new ManualClock();
  const { backend } = await startTestBackend(resources);
  const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [], realtime: false, clock });
  const call = async (method: string, input: object = {}, unlock?: string) => {
    const response = await fetch(`${agent.localApiUrl}${LOCAL_API.prefix}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(unlock ? { ...input, [SETTINGS_UNLOCK_FIELD]: unlock } : input),
    });
    return { status: response.status, body: (await response.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; details?: Record<string, unknown> } } };
  };
  return { clock, agent, call };
}

/** Sets the PIN and returns the unlock that came with it. */
async function withPin(call: Awaited<ReturnType<typeof start>>['call']): Promise<string> {
  const set = await call('setSettingsPin', { pin: PIN });
  expect(set.status).toBe(200);
  const unlock = set.body.value?.unlock as { token: string } | undefined;
  expect(unlock?.token).toEqual(expect.any(String));
  return unlock!.token;
}

describe('the settings PIN over the local HTTP API', () => {
  it('without a PIN nothing is locked; with one Settings and Reports need an unlock, the board never does', async () => {
    const { call } = await start();
    expect((await call('settingsLockStatus')).body.value).toEqual({ pinSet: false });
    expect((await call('getSettings')).status).toBe(200);

    await withPin(call);
    expect((await call('settingsLockStatus')).body.value).toEqual({ pinSet: true });
    for (const [method, input] of [
      ['getSettings', {}],
      ['saveSettings', { display: { language: 'de' } }],
      ['testConnection', {}],
      ['serviceReport', { from: '2026-12-01', to: '2026-12-07', tz: 'Europe/Madrid' }],
      ['printDaySummary', { date: '2026-12-07', tz: 'Europe/Madrid' }],
    ] as const) {
      const refused = await call(method, input);
      expect(refused.status, method).toBe(403);
      expect(refused.body.error?.code, method).toBe('SETTINGS_LOCKED');
    }
    // A made-up unlock is no unlock.
    expect((await call('getSettings', {}, 'not-a-token')).body.error?.code).toBe('SETTINGS_LOCKED');
    // The board's own operations stay open.
    expect((await call('getSnapshot')).status).toBe(200);
    expect((await call('printLog', { limit: 10 })).status).toBe(200);
    const board = await call('boardSettings');
    expect(board.status).toBe(200);
    expect(Object.keys(board.body.value ?? {}).sort()).toEqual(['display', 'pinSet', 'sound']);
  });

  it('the right PIN unlocks; the answer and the settings never carry the PIN, its hash or its salt', async () => {
    const { agent, call } = await start();
    await withPin(call);
    const unlock = await call('unlockSettings', { pin: PIN });
    expect(unlock.status).toBe(200);
    const token = (unlock.body.value as { token: string }).token;
    const settings = await call('getSettings', {}, token);
    expect(settings.status).toBe(200);
    expect(settings.body.value?.pinSet).toBe(true);
    const stored = agent.settings.get().settingsPin!;
    expect(stored.algorithm).toBe('scrypt');
    const answer = JSON.stringify(settings.body);
    expect(answer).not.toContain('settingsPin');
    expect(answer).not.toContain(stored.hash);
    expect(answer).not.toContain(stored.salt);
    // At rest: the salted hash, never the PIN itself.
    const file = readFileSync(createConfSettingsStore(agent.dataDir).location, 'utf8');
    expect(file).toContain(stored.hash);
    expect(file).not.toContain(`"${PIN}"`);
    // Saving other settings keeps the PIN.
    expect((await call('saveSettings', { display: { language: 'de' } }, token)).status).toBe(200);
    expect(agent.settings.get().settingsPin).toEqual(stored);
    expect((await call('serviceReport', { from: '2026-12-01', to: '2026-12-07', tz: 'Europe/Madrid' }, token)).body.error?.code).not.toBe('SETTINGS_LOCKED');
  });

  it('five wrong PINs lock it out for one minute on the agent clock, the right one included; then it opens', async () => {
    const { clock, call } = await start();
    await withPin(call);
    for (const attemptsLeft of [4, 3, 2, 1]) {
      const wrong = await call('unlockSettings', { pin: '0000' });
      expect(wrong.status).toBe(403);
      expect(wrong.body.error).toMatchObject({ code: 'SETTINGS_PIN_WRONG', details: { attemptsLeft } });
    }
    const fifth = await call('unlockSettings', { pin: '0000' });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error).toMatchObject({ code: 'SETTINGS_PIN_LOCKED_OUT', details: { secondsLeft: 60 } });
    expect((await call('unlockSettings', { pin: PIN })).body.error?.code).toBe('SETTINGS_PIN_LOCKED_OUT');
    expect((await call('settingsLockStatus')).body.value).toEqual({ pinSet: true, lockedOutSeconds: 60 });

    clock.advance(PIN_LOCKOUT_MS - 1_000);
    expect((await call('unlockSettings', { pin: PIN })).body.error).toMatchObject({ code: 'SETTINGS_PIN_LOCKED_OUT', details: { secondsLeft: 1 } });
    clock.advance(1_000);
    const opened = await call('unlockSettings', { pin: PIN });
    expect(opened.status).toBe(200);
    expect((await call('getSettings', {}, (opened.body.value as { token: string }).token)).status).toBe(200);
    // The count starts again after a right PIN.
    expect((await call('unlockSettings', { pin: '1111' })).body.error).toMatchObject({ details: { attemptsLeft: 4 } });
  });

  it('an unlock lapses after it sat unused; using it keeps it alive', async () => {
    const { clock, call } = await start();
    const token = await withPin(call);
    clock.advance(UNLOCK_IDLE_MS - 1_000);
    expect((await call('getSettings', {}, token)).status).toBe(200);
    clock.advance(UNLOCK_IDLE_MS - 1_000);
    expect((await call('getSettings', {}, token)).status).toBe(200);
    clock.advance(UNLOCK_IDLE_MS + 1);
    expect((await call('getSettings', {}, token)).body.error?.code).toBe('SETTINGS_LOCKED');
  });

  it('changing or clearing the PIN takes the current one', async () => {
    const { call } = await start();
    await withPin(call);
    expect((await call('setSettingsPin', { pin: '9999' })).body.error?.code).toBe('SETTINGS_PIN_WRONG');
    expect((await call('setSettingsPin', { currentPin: '1234', pin: null })).body.error?.code).toBe('SETTINGS_PIN_WRONG');
    expect((await call('setSettingsPin', { currentPin: PIN, pin: '12' })).body.error?.code).toBe('VALIDATION_FAILED');
    expect((await call('setSettingsPin', { currentPin: PIN, pin: '9999' })).status).toBe(200);
    expect((await call('unlockSettings', { pin: PIN })).body.error?.code).toBe('SETTINGS_PIN_WRONG');
    expect((await call('unlockSettings', { pin: '9999' })).status).toBe(200);
    const cleared = await call('setSettingsPin', { currentPin: '9999', pin: null });
    expect(cleared.body.value).toEqual({ pinSet: false });
    expect((await call('getSettings')).status).toBe(200);
  });

  it('a settings patch cannot set or remove the PIN', async () => {
    const { agent, call } = await start();
    const token = await withPin(call);
    const stored = agent.settings.get().settingsPin;
    const sneaky = await call('saveSettings', { settingsPin: { algorithm: 'scrypt', salt: 'A'.repeat(24), hash: 'B'.repeat(44) } }, token);
    expect(sneaky.status).toBe(400);
    expect(agent.settings.get().settingsPin).toEqual(stored);
  });
});

describe('the settings PIN over IPC', () => {
  it('the desktop bridge is refused the same way, and passes the unlock the same way', async () => {
    const { agent, call } = await start();
    const token = await withPin(call);
    registerKitchenIpc({ api: agent.api, isTrustedSender: () => true, secrets: new SecretRegistry(), logger: createRecordingLogger() });
    const bridge = createBridge(ipcRenderer);
    expect(electronMock.handlers.size).toBeGreaterThan(0);
    expect(await bridge.getSettings()).toMatchObject({ ok: false, error: { code: 'SETTINGS_LOCKED' } });
    expect(await bridge.serviceReport({ from: '2026-12-01', to: '2026-12-07', tz: 'Europe/Madrid' })).toMatchObject({ ok: false, error: { code: 'SETTINGS_LOCKED' } });
    expect(await bridge.unlockSettings({ pin: '0000' })).toMatchObject({ ok: false, error: { code: 'SETTINGS_PIN_WRONG', details: { attemptsLeft: 4 } } });
    expect((await bridge.getSnapshot()).ok).toBe(true);
    const withUnlock = { [SETTINGS_UNLOCK_FIELD]: token } as unknown as undefined;
    const answer = await bridge.getSettings(withUnlock);
    expect(answer.ok).toBe(true);
    expect(JSON.stringify(answer)).not.toContain(agent.settings.get().settingsPin!.hash);
  });
});
