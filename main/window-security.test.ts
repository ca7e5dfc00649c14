import type { BrowserWindow, Session, WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { asElectron, electronMock, FakeBrowserWindow, resetElectronMock, session, simulateResponseHeaders } from '../test/electron-mock.js';
import { createAppOrigin } from './app-origin.js';
import { lockDownNavigation } from './navigation.js';
import { CONTENT_SECURITY_POLICY, hardenSession, withContentSecurityPolicy } from './session-security.js';
import { AGENT_URL, boardWindow, startTestDesktop } from './test-desktop.js';
import { createRecordingLogger } from './test-fixtures.js';
import { createMainWindow, loadRenderer, revealWindow } from './window.js';

const INDEX_HTML = '/opt/ticketrail/dist/renderer/index.html';
const fileOrigin = createAppOrigin({ kind: 'file', indexHtml: INDEX_HTML });

function lastWindow(): FakeBrowserWindow {
  const window = FakeBrowserWindow.instances.at(-1);
  if (!window) throw new Error('no window created');
  return window;
}

/**
 * What keeps the page from the machine: isolated, sandboxed, no Node, the same-origin policy.
 * Spelled out here, not read from window.ts, so a changed value there fails the tests below.
 */
const ISOLATED_PAGE = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
} as const;

beforeEach(() => resetElectronMock());

describe('the board window', () => {
  it('is created with exactly the secure web preferences and our preload', () => {
    createMainWindow({ preloadPath: '/app/dist/electron/preload.cjs', display: { kiosk: false, fullscreen: false } });
    expect(lastWindow().options.webPreferences).toEqual({
      ...ISOLATED_PAGE,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      backgroundThrottling: false,
      preload: '/app/dist/electron/preload.cjs',
    });
  });

  it('opens in kiosk or full screen when the desktop settings say so, and shows once painted', () => {
    createMainWindow({ preloadPath: '/p.cjs', display: { kiosk: true, fullscreen: true } });
    const window = lastWindow();
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true, show: false });
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('reloads after a renderer crash, but not after a clean exit', () => {
    const logger = createRecordingLogger();
    createMainWindow({ preloadPath: '/p.cjs', display: { kiosk: false, fullscreen: false }, logger });
    const contents = lastWindow().webContents;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(contents.reloads).toBe(1);
    expect(logger.entries.some((e) => e.level === 'error')).toBe(true);
  });

  it('loads the built renderer from disk, or the agent URL', async () => {
    const window = createMainWindow({ preloadPath: '/p.cjs', display: { kiosk: false, fullscreen: false } });
    await loadRenderer(window, { kind: 'file', indexHtml: INDEX_HTML });
    expect(lastWindow().loadedFile).toBe(INDEX_HTML);
    await loadRenderer(window, { kind: 'url', url: 'http://127.0.0.1:4801/' });
    expect(lastWindow().loadedUrl).toBe('http://127.0.0.1:4801/');
  });

  it('revealWindow restores, shows and focuses a hidden, minimised window', () => {
    const fake = new FakeBrowserWindow({ show: false });
    fake.minimized = true;
    revealWindow(asElectron<BrowserWindow>(fake));
    expect(fake).toMatchObject({ minimized: false, visible: true, focusCount: 1 });
  });
});

describe('navigation lock-down', () => {
  function lockedContents(origin = fileOrigin) {
    const fake = new FakeBrowserWindow();
    lockDownNavigation(asElectron<WebContents>(fake.webContents), origin, createRecordingLogger());
    return fake.webContents;
  }

  it('blocks navigation to the web', () => {
    const contents = lockedContents();
    expect(contents.simulateNavigation('https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.simulateNavigation('https://evil.example/', 'will-redirect').defaultPrevented).toBe(true);
  });

  it('blocks file:// pages outside the renderer folder, including ../ tricks', () => {
    const contents = lockedContents();
    expect(contents.simulateNavigation('file:///etc/passwd').defaultPrevented).toBe(true);
    expect(contents.simulateNavigation('file:///opt/ticketrail/dist/renderer/../../../etc/passwd').defaultPrevented).toBe(true);
    expect(contents.simulateNavigation('file:///opt/ticketrail/dist/renderer-evil/index.html').defaultPrevented).toBe(true);
  });

  it('allows navigation within the app', () => {
    const contents = lockedContents();
    expect(contents.simulateNavigation(`${pathToFileURL(INDEX_HTML).href}#/settings`).defaultPrevented).toBe(false);
  });

  it('with the agent URL, allows that origin only', () => {
    const contents = lockedContents(createAppOrigin({ kind: 'url', url: 'http://127.0.0.1:4801/' }));
    expect(contents.simulateNavigation('http://127.0.0.1:4801/print-log').defaultPrevented).toBe(false);
    expect(contents.simulateNavigation('http://127.0.0.1:4802/').defaultPrevented).toBe(true);
    expect(contents.simulateNavigation('http://localhost:4801/').defaultPrevented).toBe(true);
  });

  it('denies every window.open, even to our own page', () => {
    const contents = lockedContents();
    expect(contents.simulateWindowOpen('https://example.com/')).toEqual({ action: 'deny' });
    expect(contents.simulateWindowOpen(pathToFileURL(INDEX_HTML).href)).toEqual({ action: 'deny' });
    expect(electronMock.openedExternal).toEqual([]);
  });

  it('refuses to attach a <webview>', () => {
    const contents = lockedContents();
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

/** A CSP header value as directive → sources, to test what it allows rather than how it is spelled. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('session hardening', () => {
  it('adds a CSP to every response that allows nothing but the app itself: no inline or foreign script', async () => {
    hardenSession(asElectron<Session>(session.defaultSession));
    const response = await simulateResponseHeaders('http://127.0.0.1:4801/', { 'content-type': ['text/html'] });
    // Nothing but the CSP is added to the server's headers.
    expect(Object.keys(response.responseHeaders ?? {}).sort()).toEqual(['Content-Security-Policy', 'content-type']);
    expect(response.responseHeaders?.['content-type']).toEqual(['text/html']);
    const policies = response.responseHeaders?.['Content-Security-Policy'];
    expect(policies).toHaveLength(1);
    // Every directive, so an added one (say `script-src-elem 'unsafe-inline'`) fails as a changed one does.
    expect(Object.fromEntries(directives(String(policies?.[0])))).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'media-src': ["'self'"],
      'connect-src': ["'self'"],
    });
  });

  it('sets the CSP on responses without headers (file://) and keeps a server policy beside ours', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withContentSecurityPolicy({ 'Content-Security-Policy': ["default-src 'none'"] })['Content-Security-Policy']).toEqual([
      "default-src 'none'",
      CONTENT_SECURITY_POLICY,
    ]);
  });

  it('grants no web permission', () => {
    hardenSession(asElectron<Session>(session.defaultSession));
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'fullscreen']) {
      electronMock.permissionRequestHandler?.({}, permission, (granted) => answers.push(granted));
      answers.push(electronMock.permissionCheckHandler?.({}, permission) ?? true);
    }
    expect(answers.every((granted) => granted === false)).toBe(true);
  });
});

/**
 * The same promises, kept by the shell as startDesktop() puts it together: a forgotten call to
 * hardenSession or lockDownNavigation, or an insecure preference, fails here.
 */
describe('the board window as the desktop shell opens it', () => {
  it('runs the page isolated, sandboxed, without Node and under the same-origin policy, with our preload', async () => {
    const harness = await startTestDesktop();
    expect(boardWindow().options.webPreferences).toMatchObject({ ...ISOLATED_PAGE, preload: join(harness.mainDir, 'preload.cjs') });
  });

  it('sets the CSP header on responses, keeping a policy the server sent beside it', async () => {
    await startTestDesktop({ built: false });
    const response = await simulateResponseHeaders(AGENT_URL, { 'Content-Security-Policy': ["frame-ancestors 'none'"] });
    const policies = response.responseHeaders?.['Content-Security-Policy'] ?? [];
    expect(policies).toHaveLength(2);
    expect(policies[0]).toBe("frame-ancestors 'none'");
    expect(directives(String(policies[1])).get('script-src')).toEqual(["'self'"]);
  });

  it('refuses navigation away from the built board, and allows it inside', async () => {
    const harness = await startTestDesktop();
    const contents = boardWindow().webContents;
    const indexHtml = join(harness.mainDir, '..', 'renderer', 'index.html');
    expect(contents.simulateNavigation('https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.simulateNavigation(pathToFileURL(join(harness.root, 'settings', 'settings.json')).href).defaultPrevented).toBe(true);
    expect(contents.simulateNavigation('https://evil.example/', 'will-redirect').defaultPrevented).toBe(true);
    expect(contents.simulateNavigation(`${pathToFileURL(indexHtml).href}#/settings`).defaultPrevented).toBe(false);
  });

  it("loaded from the agent, refuses every origin but the agent's", async () => {
    await startTestDesktop({ built: false });
    const contents = boardWindow().webContents;
    expect(contents.simulateNavigation('http://127.0.0.1:48124/').defaultPrevented).toBe(true);
    expect(contents.simulateNavigation('http://localhost:48123/').defaultPrevented).toBe(true);
    expect(contents.simulateNavigation(`${AGENT_URL}print-log`).defaultPrevented).toBe(false);
  });

  it('denies window.open and <webview>, and opens nothing in the system browser', async () => {
    await startTestDesktop();
    const contents = boardWindow().webContents;
    expect(contents.simulateWindowOpen('https://example.com/')).toEqual({ action: 'deny' });
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(electronMock.openedExternal).toEqual([]);
  });

  it('grants the page no web permission', async () => {
    await startTestDesktop();
    const answers: boolean[] = [];
    electronMock.permissionRequestHandler?.({}, 'media', (granted) => answers.push(granted));
    answers.push(electronMock.permissionCheckHandler?.({}, 'notifications') ?? true);
    expect(answers).toEqual([false, false]);
  });
});
