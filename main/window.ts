import { BrowserWindow, type WebPreferences } from 'electron';
import type { AgentLogger } from '../agent/index.js';
import type { RendererSource } from './app-origin.js';
import type { DesktopSettings } from './desktop-settings.js';

/**
 * The renderer is a web page that shows data from the network: it gets no Node, runs in
 * Chromium's sandbox, sees the preload's bridge only through an isolated world, and keeps the
 * same-origin policy. Electron's defaults already match most of these; they are spelled out so
 * a changed default or a careless edit shows up in the test.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  // The rail must keep ticking (timers, sounds) while the window is hidden behind the POS.
  backgroundThrottling: false,
} as const satisfies WebPreferences;

/** Matches the board's dark theme so the window never flashes white while loading. */
const BACKGROUND_COLOR = '#111418';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath?: string;
  display: Pick<DesktopSettings, 'kiosk' | 'fullscreen'>;
  logger?: AgentLogger;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'TicketRail',
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    // Shown on ready-to-show, once painted.
    show: false,
    backgroundColor: BACKGROUND_COLOR,
    autoHideMenuBar: true,
    kiosk: options.display.kiosk,
    fullscreen: options.display.fullscreen,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preloadPath },
  });
  window.once('ready-to-show', () => window.show());
  // A kitchen screen has nobody to click "reload" when the renderer crashes.
  window.webContents.on('render-process-gone', (_event, details) => {
    options.logger?.error('window: renderer process gone, reloading', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason !== 'clean-exit' && !window.isDestroyed()) window.webContents.reload();
  });
  return window;
}

export function loadRenderer(window: BrowserWindow, source: RendererSource): Promise<void> {
  return source.kind === 'file' ? window.loadFile(source.indexHtml) : window.loadURL(source.url);
}

/** Brings the window to the front, whatever state it is in (hidden to tray, minimised, behind). */
export function revealWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
