import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult, BoardUpdate } from '../common/kitchen-api.js';
import { app, electronMock, FakeBrowserWindow, FakeTray, invokeEvent, invokeHandler, resetElectronMock, simulateResponseHeaders } from '../test/electron-mock.js';
import { AUTOPLAY_SWITCH, startDesktop } from './desktop.js';
import { SECURE_WEB_PREFERENCES } from './window.js';
import { CONTENT_SECURITY_POLICY } from './session-security.js';
import { createFakeKitchenApi, createRecordingLogger, railOrder } from './test-fixtures.js';
import { AGENT_URL, boardWindow, startTestDesktop as start } from './test-desktop.js';

const TOKEN = 'agent-token-0123456789';

function tray(): FakeTray {
  const [first] = FakeTray.instances;
  if (!first) throw new Error('no tray');
  return first;
}

beforeEach(() => resetElectronMock());
afterEach(() => resetElectronMock());

describe('startDesktop', () => {
  it('lets sounds autoplay without a click (switch appended before ready)', async () => {
    await start();
    expect(electronMock.switches).toContainEqual([...AUTOPLAY_SWITCH]);
    expect(AUTOPLAY_SWITCH).toEqual(['autoplay-policy', 'no-user-gesture-required']);
  });

  it('a second instance quits without starting an agent or a window', async () => {
    electronMock.singleInstanceLock = false;
    const harness = await start();
    expect(harness.shell).toBeUndefined();
    expect(electronMock.quitCalls).toBe(1);
    expect(harness.agentConfigs).toEqual([]);
    expect(FakeBrowserWindow.instances).toEqual([]);
  });

  it('the first instance comes to the front when a second one starts', async () => {
    await start();
    const window = boardWindow();
    window.hide();
    window.minimized = true;
    app.simulateSecondInstance(['ticketrail']);
    expect(window).toMatchObject({ visible: true, minimized: false, focusCount: 1 });
  });

  it('opens one secure window on the built renderer, with the preload next to main.js', async () => {
    const harness = await start();
    const window = boardWindow();
    expect(window.options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: join(harness.mainDir, 'preload.cjs') });
    expect(window.loadedFile).toBe(join(harness.mainDir, '..', 'renderer', 'index.html'));
    expect(harness.shell?.source.kind).toBe('file');
    expect(electronMock.applicationMenu).toBeNull();
  });

  it('falls back to the agent URL when the renderer is not built', async () => {
    const harness = await start({ built: false });
    expect(boardWindow().loadedUrl).toBe(AGENT_URL);
    expect(harness.agentConfigs[0]?.rendererDir).toBeUndefined();
  });

  it("keeps its data in TicketRail's folder even when run as `electron main.js`", async () => {
    app.name = 'Electron';
    await start();
    expect(app.name).toBe('TicketRail');
    expect(app.getPath('userData')).toBe(join(app.getPath('appData'), 'TicketRail'));
  });

  it('starts the agent on loopback with the Electron ports', async () => {
    const harness = await start();
    expect(harness.agentConfigs[0]).toEqual({
      dataDir: join(app.getPath('appData'), 'TicketRail'),
      localApi: { host: '127.0.0.1', port: 0 },
      rendererDir: join(harness.mainDir, '..', 'renderer'),
    });
    const ports = harness.agentPorts[0];
    expect(ports?.settingsStore.location).toBe(join(harness.settingsDir, 'settings.json'));
    expect(ports?.secretBox?.isAvailable()).toBe(true);
    expect(ports?.logger).toBeDefined();
  });

  it('installs the CSP header for every response', async () => {
    await start();
    const response = await simulateResponseHeaders(AGENT_URL);
    expect(response.responseHeaders?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});

describe('IPC and live updates through the shell', () => {
  it('answers the window over IPC from the agent api', async () => {
    const harness = await start();
    const window = boardWindow();
    const result = (await invokeHandler('ticketrail:orderAction', invokeEvent(window.webContents), { orderId: 'o-1', to: 'ready' })) as ApiResult<unknown>;
    expect(result).toMatchObject({ ok: true, value: { id: 'o-1', status: 'ready' } });
    expect(harness.fake.calls).toHaveLength(1);
  });

  it('forwards each BoardUpdate to the window and the connection state to the tray', async () => {
    const harness = await start();
    const window = boardWindow();
    const updates: BoardUpdate[] = [
      { type: 'order', order: railOrder('o-5') },
      { type: 'connection', connection: { mode: 'offline', lastSeq: 9 } },
    ];
    for (const update of updates) harness.fake.emit(update);
    expect(window.webContents.sent).toEqual(updates.map((update) => ({ channel: 'ticketrail:update', args: [update] })));
    expect(tray().toolTip).toBe('TicketRail — offline');
  });

  it('keeps updating a hidden window (it must be current when shown)', async () => {
    const harness = await start();
    const window = boardWindow();
    window.close();
    harness.fake.emit({ type: 'order.removed', orderId: 'o-1' });
    expect(window.webContents.sent).toHaveLength(1);
  });

  it('never sends the stored token to the renderer, in answers or updates', async () => {
    const harness = await start({
      storedSettings: { agentToken: TOKEN },
      api: { testConnection: async () => ({ ok: false, message: `401 for token ${TOKEN}` }) },
    });
    const window = boardWindow();
    const answer = await invokeHandler('ticketrail:testConnection', invokeEvent(window.webContents));
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    harness.fake.emit({ type: 'connection', connection: { mode: 'offline', lastSeq: 0, detail: `rejected ${TOKEN}` } });
    expect(JSON.stringify(window.webContents.sent)).not.toContain(TOKEN);
    expect(JSON.stringify(answer)).not.toContain(TOKEN);
  });

  it('never sends an agent token that came from the environment, in answers or updates', async () => {
    const envToken = 'env-agent-token-7f3a9c1e';
    const harness = await start({
      env: { TICKETRAIL_AGENT_TOKEN: envToken },
      api: { testConnection: async () => ({ ok: false, message: `401 for token ${envToken}` }) },
    });
    // The agent runs on the very environment the guard learnt from.
    expect(harness.agentPorts[0]?.host?.secrets?.agentToken).toBe(envToken);
    const window = boardWindow();
    const answer = await invokeHandler('ticketrail:testConnection', invokeEvent(window.webContents));
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(answer)).not.toContain(envToken);
    harness.fake.emit({ type: 'connection', connection: { mode: 'offline', lastSeq: 0, detail: `rejected ${envToken}` } });
    harness.fake.emit({ type: 'order.removed', orderId: 'o-1' });
    // The leaking update is dropped; the next one still arrives.
    expect(window.webContents.sent).toEqual([{ channel: 'ticketrail:update', args: [{ type: 'order.removed', orderId: 'o-1' }] }]);
  });

  it('starts over a settings file that is not JSON, leaving it for the agent to keep and report', async () => {
    const broken = '{"settings": {"agentToken": "half-written';
    const harness = await start({ settingsFileText: broken });
    expect(harness.agentPorts).toHaveLength(1);
    expect(() => harness.agentPorts[0]?.settingsStore.read()).toThrow(expect.objectContaining({ code: 'SETTINGS_FILE_INVALID' }));
    expect(readFileSync(join(harness.settingsDir, 'settings.json'), 'utf8')).toBe(broken);
  });

  it('guards a token the agent seals through the secret box later', async () => {
    const harness = await start({ api: { getSnapshot: async () => ({ orders: [], stations: [], connection: { mode: 'live', lastSeq: 0, detail: 'new-token-abcdefgh' } }) } });
    const sealed = harness.agentPorts[0]?.secretBox?.encrypt('new-token-abcdefgh');
    expect(sealed).toBeDefined();
    const answer = await invokeHandler('ticketrail:getSnapshot', invokeEvent(boardWindow().webContents));
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('window lifecycle, tray and quitting', () => {
  it('closing the window hides it and keeps the agent running', async () => {
    const harness = await start();
    const window = boardWindow();
    window.close();
    expect(window).toMatchObject({ destroyed: false, visible: false });
    expect(harness.closes).toBe(0);
    tray().contextMenu?.click('show');
    expect(window.visible).toBe(true);
  });

  it('Quit in the tray closes the agent, then lets the app quit', async () => {
    const harness = await start();
    tray().contextMenu?.click('quit');
    expect(electronMock.quitted).toBe(false);
    await harness.shell?.quit();
    expect(harness.closes).toBe(1);
    expect(electronMock.quitted).toBe(true);
    expect(electronMock.handlers.size).toBe(0);
    expect(tray().destroyed).toBe(true);
    // The window may now really close.
    boardWindow().close();
    expect(boardWindow().destroyed).toBe(true);
  });

  it('the kiosk toggle applies to the window and is saved beside the agent settings', async () => {
    const harness = await start({ storedSettings: { agentId: 'counter-1' } });
    tray().contextMenu?.click('kiosk');
    expect(boardWindow().kiosk).toBe(true);
    const file = JSON.parse(readFileSync(join(harness.settingsDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(file).toEqual({ settings: { agentId: 'counter-1' }, desktop: { startAtLogin: false, kiosk: true, fullscreen: false } });
  });

  it.runIf(process.platform === 'linux')('the start-at-login toggle writes the XDG autostart entry and saves the choice', async () => {
    const harness = await start();
    tray().contextMenu?.click('startAtLogin');
    const entryPath = join(harness.root, 'xdg', 'autostart', 'org.ticketrail.app.desktop');
    const entry = readFileSync(entryPath, 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(tray().contextMenu?.items.find((i) => i.id === 'startAtLogin')).toMatchObject({ checked: true });
    tray().contextMenu?.click('startAtLogin');
    expect(() => readFileSync(entryPath)).toThrow();
  });

  it('opens in kiosk mode when saved so', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ticketrail-kiosk-'));
    writeFileSync(join(root, 'settings.json'), JSON.stringify({ desktop: { startAtLogin: false, kiosk: true, fullscreen: false } }));
    await startDesktop({
      mainDir: join(root, 'dist', 'electron'),
      settingsDir: root,
      env: { XDG_CONFIG_HOME: join(root, 'xdg') },
      logger: createRecordingLogger(),
      createAgent: async () => ({ api: createFakeKitchenApi().api, localApiUrl: AGENT_URL, close: async () => undefined }),
    });
    expect(boardWindow().options).toMatchObject({ kiosk: true });
  });

  it('IPC from the loaded page is trusted, from elsewhere is not', async () => {
    await start({ built: false });
    const window = boardWindow();
    expect(window.webContents.getURL()).toBe(AGENT_URL);
    const ok = await invokeHandler('ticketrail:getSnapshot', invokeEvent(window.webContents));
    expect(ok).toMatchObject({ ok: true });
    window.webContents.mainFrame.url = pathToFileURL('/tmp/evil.html').href;
    const refused = await invokeHandler('ticketrail:getSnapshot', invokeEvent(window.webContents));
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
