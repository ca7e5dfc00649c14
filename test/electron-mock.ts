/**
 * A fake `electron` module for vitest (aliased in vitest.config.ts): the real package downloads a
 * binary at install time and cannot run headless, so main/ and preload/ are tested against this.
 *
 * It is faithful where our code's behaviour depends on Electron's: `ipcMain.handle` refuses a
 * second handler per channel, `ipcRenderer.invoke` structured-clones its arguments and answers
 * (functions cannot cross), `app.quit()` emits a cancellable `before-quit`, a window's `close`
 * is cancellable, safeStorage refuses to work when encryption is unavailable and cannot decrypt
 * foreign ciphertext. Everything else is recorded in `electronMock` for assertions.
 *
 * Module state is mutated in place by `resetElectronMock()` (never reassigned), because the code
 * under test holds references to the exported objects.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// --- events ----------------------------------------------------------------------------------

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent<T extends object>(extra?: T): FakeEvent & T {
  const event = {
    defaultPrevented: false,
    preventDefault(): void {
      event.defaultPrevented = true;
    },
    ...extra,
  };
  return event as FakeEvent & T;
}

/** Emits an Electron-style event (a cancellable event object first) and returns that object. */
function emitCancellable(target: EventEmitter, name: string, ...args: unknown[]): FakeEvent {
  const event = fakeEvent();
  target.emit(name, event, ...args);
  return event;
}

// --- recorded state --------------------------------------------------------------------------

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
type HeadersListener = (details: FakeHeadersDetails, callback: (response: FakeHeadersResponse) => void) => void;
type PermissionRequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (webContents: unknown, permission: string) => boolean;

export interface FakeHeadersDetails {
  id: number;
  url: string;
  method: string;
  resourceType: string;
  statusCode: number;
  statusLine: string;
  responseHeaders?: Record<string, string[]>;
}

export interface FakeHeadersResponse {
  cancel?: boolean;
  responseHeaders?: Record<string, string | string[]>;
}

function freshUserData(): string {
  return mkdtempSync(join(tmpdir(), 'ticketrail-electron-mock-'));
}

export const electronMock = {
  switches: [] as Array<[string, string | undefined]>,
  loginItemSettings: [] as Array<Record<string, unknown>>,
  appUserModelIds: [] as string[],
  singleInstanceLock: true,
  quitCalls: 0,
  /** Set once a quit ran to completion (no before-quit listener prevented it). */
  quitted: false,
  exitCodes: [] as number[],
  userDataDir: freshUserData(),
  /** Folders set with app.setPath; they win over the defaults above. */
  pathOverrides: new Map<string, string>(),
  appPath: process.cwd(),
  isPackaged: false,
  encryptionAvailable: true,
  storageBackend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown',
  handlers: new Map<string, InvokeHandler>(),
  exposed: new Map<string, unknown>(),
  invocations: [] as Array<{ channel: string; args: unknown[] }>,
  openedExternal: [] as string[],
  headersListeners: [] as HeadersListener[],
  headersFilters: [] as Array<{ urls: string[] } | undefined>,
  permissionRequestHandler: undefined as PermissionRequestHandler | null | undefined,
  permissionCheckHandler: undefined as PermissionCheckHandler | null | undefined,
  applicationMenu: undefined as FakeMenu | null | undefined,
  errorBoxes: [] as Array<{ title: string; content: string }>,
  /** The webContents that `ipcRenderer.invoke` claims to come from; defaults to the first window's. */
  rendererSender: undefined as FakeWebContents | undefined,
};

// --- web contents and windows ----------------------------------------------------------------

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}

  get origin(): string {
    try {
      return new URL(this.url).origin;
    } catch {
      return 'null';
    }
  }
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly mainFrame = new FakeWebFrame('about:blank');
  readonly session = fakeSession;
  windowOpenHandler: ((details: { url: string; frameName: string; features: string; disposition: string }) => { action: string }) | undefined;
  reloads = 0;
  destroyed = false;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    // Like real IPC, what is sent is a structured clone: functions and class identity do not survive.
    this.sent.push({ channel, args: structuredClone(args) });
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  reload(): void {
    this.reloads += 1;
  }

  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = handler;
  }

  // --- test helpers ---

  /** A page-initiated navigation; returns the event so the test can see whether it was prevented. */
  simulateNavigation(url: string, kind: 'will-navigate' | 'will-redirect' = 'will-navigate'): FakeEvent {
    const event = emitCancellable(this, kind, url);
    if (!event.defaultPrevented) this.mainFrame.url = url;
    return event;
  }

  /** `window.open(url)` from the page: the answer of the window-open handler (allow when none). */
  simulateWindowOpen(url: string): { action: string } {
    return this.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'new-window' }) ?? { action: 'allow' };
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedFile: string | undefined;
  loadedUrl: string | undefined;
  visible: boolean;
  focusCount = 0;
  minimized = false;
  kiosk: boolean;
  fullscreen: boolean;
  destroyed = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    this.visible = options.show !== false;
    this.kiosk = options.kiosk === true;
    this.fullscreen = options.fullscreen === true;
    FakeBrowserWindow.instances.push(this);
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }

  async loadFile(filePath: string, options?: { hash?: string }): Promise<void> {
    this.loadedFile = filePath;
    const url = pathToFileURL(filePath);
    if (options?.hash) url.hash = options.hash;
    this.webContents.mainFrame.url = url.href;
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }

  show(): void {
    this.visible = true;
  }

  hide(): void {
    this.visible = false;
  }

  focus(): void {
    this.focusCount += 1;
  }

  restore(): void {
    this.minimized = false;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isVisible(): boolean {
    return this.visible;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setKiosk(flag: boolean): void {
    this.kiosk = flag;
  }

  setFullScreen(flag: boolean): void {
    this.fullscreen = flag;
  }

  close(): void {
    const event = emitCancellable(this, 'close');
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

// --- app ---------------------------------------------------------------------------------------

class FakeApp extends EventEmitter {
  readonly commandLine = {
    appendSwitch(name: string, value?: string): void {
      electronMock.switches.push([name, value]);
    },
    hasSwitch(name: string): boolean {
      return electronMock.switches.some(([s]) => s === name);
    },
  };

  name = 'TicketRail';

  get isPackaged(): boolean {
    return electronMock.isPackaged;
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  isReady(): boolean {
    return true;
  }

  /** Like Electron: `before-quit` first, and a listener that prevents it cancels the quit. */
  quit(): void {
    electronMock.quitCalls += 1;
    const event = emitCancellable(this, 'before-quit');
    if (!event.defaultPrevented) electronMock.quitted = true;
  }

  exit(code = 0): void {
    electronMock.exitCodes.push(code);
  }

  requestSingleInstanceLock(): boolean {
    return electronMock.singleInstanceLock;
  }

  getPath(name: string): string {
    const override = electronMock.pathOverrides.get(name);
    if (override) return override;
    return name === 'userData' ? electronMock.userDataDir : join(electronMock.userDataDir, `path-${name}`);
  }

  /** Like Electron, later getPath calls answer the new folder (userData is what the app uses). */
  setPath(name: string, path: string): void {
    electronMock.pathOverrides.set(name, path);
  }

  setName(name: string): void {
    this.name = name;
  }

  getAppPath(): string {
    return electronMock.appPath;
  }

  getVersion(): string {
    return '0.1.0';
  }

  setAppUserModelId(id: string): void {
    electronMock.appUserModelIds.push(id);
  }

  setLoginItemSettings(settings: Record<string, unknown>): void {
    electronMock.loginItemSettings.push(settings);
  }

  getLoginItemSettings(): { openAtLogin: boolean } {
    const last = electronMock.loginItemSettings.at(-1);
    return { openAtLogin: last?.openAtLogin === true };
  }

  // --- test helpers ---

  /** Another launch of the app while this one holds the lock. */
  simulateSecondInstance(argv: string[] = []): void {
    this.emit('second-instance', fakeEvent(), argv, process.cwd());
  }
}

export const app = new FakeApp();

// --- IPC ---------------------------------------------------------------------------------------

class FakeIpcMain extends EventEmitter {
  handle(channel: string, listener: InvokeHandler): void {
    if (electronMock.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    electronMock.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    electronMock.handlers.delete(channel);
  }
}

export const ipcMain = new FakeIpcMain();

export type FakeInvokeEvent = FakeEvent & { sender: FakeWebContents; senderFrame: FakeWebFrame | null; processId: number; frameId: number };

/** The event object main sees for an invoke from `sender` (its main frame unless told). */
export function invokeEvent(sender: FakeWebContents, frame: FakeWebFrame | null = sender.mainFrame): FakeInvokeEvent {
  return fakeEvent({ sender, senderFrame: frame, processId: 1, frameId: 1 });
}

/** Calls a main-process handler directly, as Electron would for an invoke from `event.sender`. */
export async function invokeHandler(channel: string, event: FakeInvokeEvent, ...args: unknown[]): Promise<unknown> {
  const handler = electronMock.handlers.get(channel);
  if (!handler) throw new Error(`No handler registered for '${channel}'`);
  return structuredClone(await handler(event, ...structuredClone(args)));
}

class FakeIpcRenderer extends EventEmitter {
  /** Routes to the ipcMain handler, as if sent from `electronMock.rendererSender`'s main frame. */
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    electronMock.invocations.push({ channel, args });
    const sender = electronMock.rendererSender ?? FakeBrowserWindow.instances[0]?.webContents ?? new FakeWebContents();
    return invokeHandler(channel, invokeEvent(sender), ...args);
  }

  // --- test helpers ---

  /** A message from main (`webContents.send`), delivered with an IpcRendererEvent like Electron's. */
  simulateMessage(channel: string, ...args: unknown[]): void {
    this.emit(channel, fakeEvent({ sender: this, senderId: 0, ports: [] }), ...structuredClone(args));
  }
}

export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (electronMock.exposed.has(apiKey)) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    electronMock.exposed.set(apiKey, api);
  },
};

// --- safeStorage -------------------------------------------------------------------------------

/** Chromium's OSCrypt marks its ciphertext with a version prefix; the fake keeps that shape. */
const CIPHER_PREFIX = Buffer.from('v11');
const FAKE_KEY = 0x5a;

export const safeStorage = {
  isEncryptionAvailable(): boolean {
    return electronMock.encryptionAvailable;
  },
  encryptString(plainText: string): Buffer {
    if (!electronMock.encryptionAvailable) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    const body = Buffer.from(plainText, 'utf8').map((byte) => byte ^ FAKE_KEY);
    return Buffer.concat([CIPHER_PREFIX, body]);
  },
  decryptString(encrypted: Buffer): string {
    if (!electronMock.encryptionAvailable) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    if (!encrypted.subarray(0, CIPHER_PREFIX.length).equals(CIPHER_PREFIX)) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    return Buffer.from(encrypted.subarray(CIPHER_PREFIX.length).map((byte) => byte ^ FAKE_KEY)).toString('utf8');
  },
  getSelectedStorageBackend(): string {
    return electronMock.storageBackend;
  },
};

// --- session -------------------------------------------------------------------------------------

const fakeSession = {
  webRequest: {
    onHeadersReceived(filterOrListener: { urls: string[] } | HeadersListener | null, maybeListener?: HeadersListener | null): void {
      const listener = typeof filterOrListener === 'function' || filterOrListener === null ? filterOrListener : maybeListener;
      const filter = typeof filterOrListener === 'object' && filterOrListener !== null ? filterOrListener : undefined;
      if (listener) {
        electronMock.headersListeners.push(listener);
        electronMock.headersFilters.push(filter);
      }
    },
  },
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    electronMock.permissionRequestHandler = handler;
  },
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    electronMock.permissionCheckHandler = handler;
  },
};

export const session = { defaultSession: fakeSession };

/** Runs a response through the registered onHeadersReceived listeners, as the network stack would. */
export async function simulateResponseHeaders(url: string, responseHeaders?: Record<string, string[]>): Promise<FakeHeadersResponse> {
  let details: FakeHeadersDetails = { id: 1, url, method: 'GET', resourceType: 'mainFrame', statusCode: 200, statusLine: 'HTTP/1.1 200 OK', ...(responseHeaders ? { responseHeaders } : {}) };
  let last: FakeHeadersResponse = {};
  for (const listener of electronMock.headersListeners) {
    last = await new Promise<FakeHeadersResponse>((resolve) => listener(details, resolve));
    const headers = Object.fromEntries(Object.entries(last.responseHeaders ?? details.responseHeaders ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
    details = { ...details, responseHeaders: headers };
  }
  return last;
}

// --- tray, menu, images, shell, dialog ------------------------------------------------------

export class FakeNativeImage {
  constructor(readonly path: string | undefined) {}

  /** Like Electron, an image from a missing file is empty rather than an error. */
  isEmpty(): boolean {
    return this.path === undefined || !existsSync(this.path);
  }

  getSize(): { width: number; height: number } {
    return this.isEmpty() ? { width: 0, height: 0 } : { width: 32, height: 32 };
  }
}

export const nativeImage = {
  createFromPath(path: string): FakeNativeImage {
    return new FakeNativeImage(path);
  },
  createEmpty(): FakeNativeImage {
    return new FakeNativeImage(undefined);
  },
};

export interface FakeMenuItemOptions {
  id?: string;
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  click?: (menuItem: { checked: boolean; enabled: boolean; label: string }) => void;
}

export class FakeMenu {
  constructor(readonly items: FakeMenuItemOptions[]) {}

  static buildFromTemplate(template: FakeMenuItemOptions[]): FakeMenu {
    return new FakeMenu(template);
  }

  static setApplicationMenu(menu: FakeMenu | null): void {
    electronMock.applicationMenu = menu;
  }

  /** Clicks the item with this id or label, as a user would (a checkbox flips first). */
  click(idOrLabel: string): void {
    const item = this.items.find((i) => i.id === idOrLabel || i.label === idOrLabel);
    if (!item) throw new Error(`no menu item ${idOrLabel}`);
    const checked = item.type === 'checkbox' ? !item.checked : item.checked === true;
    item.click?.({ checked, enabled: item.enabled !== false, label: item.label ?? '' });
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  toolTip = '';
  contextMenu: FakeMenu | null = null;
  destroyed = false;

  constructor(public image: FakeNativeImage | string) {
    super();
    FakeTray.instances.push(this);
  }

  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }

  setContextMenu(menu: FakeMenu | null): void {
    this.contextMenu = menu;
  }

  setImage(image: FakeNativeImage | string): void {
    this.image = image;
  }

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export const shell = {
  async openExternal(url: string): Promise<void> {
    electronMock.openedExternal.push(url);
  },
  async openPath(): Promise<string> {
    return '';
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    electronMock.errorBoxes.push({ title, content });
  },
};

// Real Electron's names, so imports written for it resolve here.
export { FakeBrowserWindow as BrowserWindow, FakeMenu as Menu, FakeTray as Tray };

/** Back to a fresh Electron: no windows, handlers, listeners or recorded calls. */
export function resetElectronMock(): void {
  electronMock.switches.length = 0;
  electronMock.loginItemSettings.length = 0;
  electronMock.appUserModelIds.length = 0;
  electronMock.singleInstanceLock = true;
  electronMock.quitCalls = 0;
  electronMock.quitted = false;
  electronMock.exitCodes.length = 0;
  electronMock.userDataDir = freshUserData();
  electronMock.pathOverrides.clear();
  app.name = 'TicketRail';
  electronMock.appPath = process.cwd();
  electronMock.isPackaged = false;
  electronMock.encryptionAvailable = true;
  electronMock.storageBackend = 'gnome_libsecret';
  electronMock.handlers.clear();
  electronMock.exposed.clear();
  electronMock.invocations.length = 0;
  electronMock.openedExternal.length = 0;
  electronMock.headersListeners.length = 0;
  electronMock.headersFilters.length = 0;
  electronMock.permissionRequestHandler = undefined;
  electronMock.permissionCheckHandler = undefined;
  electronMock.applicationMenu = undefined;
  electronMock.errorBoxes.length = 0;
  electronMock.rendererSender = undefined;
  FakeBrowserWindow.instances.length = 0;
  FakeTray.instances.length = 0;
  app.removeAllListeners();
  ipcMain.removeAllListeners();
  ipcRenderer.removeAllListeners();
}

// electron-store (and any CommonJS-style consumer) does `import electron from 'electron'`.
const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu: FakeMenu,
  nativeImage,
  safeStorage,
  session,
  shell,
  Tray: FakeTray,
};
export default electron;

/**
 * Hands a fake to code typed against Electron's real API. The fakes implement only what main/
 * uses, so this is the one place tests bridge the two type worlds.
 */
export function asElectron<T>(fake: object): T {
  return fake as T;
}
