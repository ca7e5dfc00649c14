/**
 * The slice of Electron's API that main/ and preload/ use, typed after Electron 39's own
 * `electron.d.ts`.
 *
 * Why this file exists: the `electron` package is an optionalDependency whose postinstall downloads
 * a binary, so it is absent wherever installs run offline (CI here), and with it its types. When it
 * IS installed, its real `declare module 'electron'` is the authority: the real module uses
 * `export = Electron.CrossProcessExports`, which takes precedence over the named exports declared
 * here when the two ambient declarations merge, and the merge conflict itself is reported only inside
 * declaration files, which `skipLibCheck` skips. Deleting this file once the real package is always
 * installed is the clean end state.
 *
 * Only members the code calls are declared; signatures match Electron's (listener arguments the
 * code never reads are left out, which TypeScript's parameter bivariance makes compatible).
 */
declare module 'electron' {
  // --- shared --------------------------------------------------------------------------------

  export interface Event {
    preventDefault(): void;
    readonly defaultPrevented: boolean;
  }

  export interface Rectangle {
    x: number;
    y: number;
    width: number;
    height: number;
  }

  // --- app -----------------------------------------------------------------------------------

  export interface CommandLine {
    appendSwitch(switchName: string, value?: string): void;
    hasSwitch(switchName: string): boolean;
  }

  export interface LoginItemSettingsOptions {
    path?: string;
    args?: string[];
  }

  export interface Settings {
    openAtLogin?: boolean;
    openAsHidden?: boolean;
    path?: string;
    args?: string[];
    name?: string;
  }

  export interface LoginItemSettings {
    openAtLogin: boolean;
  }

  export type AppPathName =
    | 'home'
    | 'appData'
    | 'userData'
    | 'sessionData'
    | 'temp'
    | 'exe'
    | 'module'
    | 'desktop'
    | 'documents'
    | 'downloads'
    | 'music'
    | 'pictures'
    | 'videos'
    | 'recent'
    | 'logs'
    | 'crashDumps';

  export interface App {
    readonly commandLine: CommandLine;
    readonly isPackaged: boolean;
    name: string;
    whenReady(): Promise<void>;
    isReady(): boolean;
    quit(): void;
    exit(exitCode?: number): void;
    requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean;
    getPath(name: AppPathName): string;
    setPath(name: AppPathName, path: string): void;
    setName(name: string): void;
    getAppPath(): string;
    getVersion(): string;
    setAppUserModelId(id: string): void;
    setLoginItemSettings(settings: Settings): void;
    getLoginItemSettings(options?: LoginItemSettingsOptions): LoginItemSettings;
    on(event: 'second-instance', listener: (event: Event, argv: string[], workingDirectory: string) => void): this;
    on(event: 'before-quit' | 'will-quit', listener: (event: Event) => void): this;
    on(event: 'window-all-closed' | 'activate', listener: () => void): this;
    once(event: 'ready', listener: () => void): this;
  }

  export const app: App;

  // --- windows and web contents --------------------------------------------------------------

  export interface WebPreferences {
    preload?: string;
    contextIsolation?: boolean;
    sandbox?: boolean;
    nodeIntegration?: boolean;
    nodeIntegrationInWorker?: boolean;
    nodeIntegrationInSubFrames?: boolean;
    webSecurity?: boolean;
    allowRunningInsecureContent?: boolean;
    webviewTag?: boolean;
    experimentalFeatures?: boolean;
    navigateOnDragDrop?: boolean;
    spellcheck?: boolean;
    backgroundThrottling?: boolean;
  }

  export interface BrowserWindowConstructorOptions {
    width?: number;
    height?: number;
    minWidth?: number;
    minHeight?: number;
    show?: boolean;
    title?: string;
    icon?: NativeImage | string;
    backgroundColor?: string;
    autoHideMenuBar?: boolean;
    kiosk?: boolean;
    fullscreen?: boolean;
    webPreferences?: WebPreferences;
  }

  export interface WebFrameMain {
    readonly url: string;
    readonly origin: string;
    readonly parent: WebFrameMain | null;
  }

  export interface HandlerDetails {
    url: string;
    frameName: string;
    features: string;
    disposition: string;
  }

  export type WindowOpenHandlerResponse = { action: 'deny' } | { action: 'allow' };

  export interface RenderProcessGoneDetails {
    reason: string;
    exitCode: number;
  }

  export interface LoadFileOptions {
    query?: Record<string, string>;
    search?: string;
    hash?: string;
  }

  export interface WebContents {
    readonly id: number;
    readonly session: Session;
    readonly mainFrame: WebFrameMain;
    send(channel: string, ...args: unknown[]): void;
    getURL(): string;
    isDestroyed(): boolean;
    reload(): void;
    setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
    on(event: 'will-navigate' | 'will-redirect', listener: (event: Event, url: string) => void): this;
    on(event: 'will-attach-webview', listener: (event: Event) => void): this;
    on(event: 'render-process-gone', listener: (event: Event, details: RenderProcessGoneDetails) => void): this;
  }

  export class BrowserWindow {
    constructor(options?: BrowserWindowConstructorOptions);
    readonly webContents: WebContents;
    loadFile(filePath: string, options?: LoadFileOptions): Promise<void>;
    loadURL(url: string): Promise<void>;
    show(): void;
    hide(): void;
    focus(): void;
    restore(): void;
    isMinimized(): boolean;
    isVisible(): boolean;
    isDestroyed(): boolean;
    close(): void;
    setKiosk(flag: boolean): void;
    setFullScreen(flag: boolean): void;
    on(event: 'close', listener: (event: Event) => void): this;
    on(event: 'closed' | 'ready-to-show', listener: () => void): this;
    once(event: 'ready-to-show', listener: () => void): this;
    static getAllWindows(): BrowserWindow[];
  }

  // --- session -------------------------------------------------------------------------------

  export interface OnHeadersReceivedListenerDetails {
    id: number;
    url: string;
    method: string;
    resourceType: string;
    statusCode: number;
    statusLine: string;
    responseHeaders?: Record<string, string[]>;
  }

  export interface HeadersReceivedResponse {
    cancel?: boolean;
    responseHeaders?: Record<string, string | string[]>;
    statusLine?: string;
  }

  export interface WebRequestFilter {
    urls: string[];
  }

  export type HeadersReceivedListener = (
    details: OnHeadersReceivedListenerDetails,
    callback: (headersReceivedResponse: HeadersReceivedResponse) => void,
  ) => void;

  export interface WebRequest {
    onHeadersReceived(listener: HeadersReceivedListener | null): void;
    onHeadersReceived(filter: WebRequestFilter, listener: HeadersReceivedListener | null): void;
  }

  export interface Session {
    readonly webRequest: WebRequest;
    setPermissionRequestHandler(
      handler: ((webContents: WebContents, permission: string, callback: (permissionGranted: boolean) => void) => void) | null,
    ): void;
    setPermissionCheckHandler(handler: ((webContents: WebContents | null, permission: string) => boolean) | null): void;
  }

  export const session: { readonly defaultSession: Session };

  // --- IPC -----------------------------------------------------------------------------------

  export interface IpcMainInvokeEvent extends Event {
    readonly sender: WebContents;
    /** null when the frame navigated away or was destroyed before the message was handled. */
    readonly senderFrame: WebFrameMain | null;
    readonly processId: number;
    readonly frameId: number;
  }

  export interface IpcMain {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
    removeHandler(channel: string): void;
  }

  export const ipcMain: IpcMain;

  export interface IpcRendererEvent extends Event {
    readonly sender: IpcRenderer;
  }

  export interface IpcRenderer {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): this;
    removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): this;
  }

  export const ipcRenderer: IpcRenderer;

  export interface ContextBridge {
    exposeInMainWorld(apiKey: string, api: unknown): void;
  }

  export const contextBridge: ContextBridge;

  // --- safeStorage ---------------------------------------------------------------------------

  export interface SafeStorage {
    isEncryptionAvailable(): boolean;
    encryptString(plainText: string): Buffer;
    decryptString(encrypted: Buffer): string;
    /** Linux only: which keyring backs the key; `basic_text` means a hard-coded key. */
    getSelectedStorageBackend(): 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';
  }

  export const safeStorage: SafeStorage;

  // --- tray, menu, images, shell -------------------------------------------------------------

  export interface NativeImage {
    isEmpty(): boolean;
    getSize(): { width: number; height: number };
  }

  export const nativeImage: {
    createFromPath(path: string): NativeImage;
    createEmpty(): NativeImage;
  };

  export interface MenuItem {
    checked: boolean;
    enabled: boolean;
    label: string;
  }

  export interface MenuItemConstructorOptions {
    id?: string;
    label?: string;
    type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
    checked?: boolean;
    enabled?: boolean;
    click?: (menuItem: MenuItem) => void;
  }

  export class Menu {
    static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
    static setApplicationMenu(menu: Menu | null): void;
  }

  export class Tray {
    constructor(image: NativeImage | string, guid?: string);
    setToolTip(toolTip: string): void;
    setContextMenu(menu: Menu | null): void;
    setImage(image: NativeImage | string): void;
    destroy(): void;
    isDestroyed(): boolean;
    on(event: 'click' | 'double-click', listener: () => void): this;
  }

  export const dialog: {
    showErrorBox(title: string, content: string): void;
  };

  export const shell: {
    openExternal(url: string): Promise<void>;
    openPath(path: string): Promise<string>;
  };
}
