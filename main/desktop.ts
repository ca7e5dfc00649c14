import { app, Menu, session, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type AgentConfig, type AgentLogger, type AgentPorts, type RunningAgent, type SettingsStore, hostSettingsFromEnv } from '../agent/index.js';
import { ERROR_CODES } from '../common/errors.js';
import { createAppOrigin, type RendererSource } from './app-origin.js';
import { loadDesktopSettings, updateDesktopSettings, type DesktopSettings } from './desktop-settings.js';
import { createSenderCheck, registerKitchenIpc } from './ipc-handlers.js';
import { applyStartAtLogin, currentLoginItemTarget } from './login-item.js';
import { lockDownNavigation } from './navigation.js';
import { resolveDesktopPaths } from './paths.js';
import { createSafeStorageSecretBox } from './secret-box.js';
import { SecretRegistry, witnessSecretBox, witnessSettingsStore } from './secret-guard.js';
import { hardenSession } from './session-security.js';
import { openSettingsFile } from './settings-store.js';
import { createTrayController, type DesktopToggle } from './tray.js';
import { forwardBoardUpdates } from './updates.js';
import { createMainWindow, loadRenderer, revealWindow } from './window.js';
import { describeError } from '../common/describe-error.js';

/** Sounds must play for a new ticket even if nobody has touched the screen since boot. */
export const AUTOPLAY_SWITCH = ['autoplay-policy', 'no-user-gesture-required'] as const;
export const APP_USER_MODEL_ID = 'org.ticketrail.app';
export const APP_NAME = 'TicketRail';

export interface DesktopDeps {
  /**
   * The agent's composition root (agent/index.ts), injected so the shell is testable without it.
   * A property, not a method, so a factory that needs more than AgentPorts does not type-check.
   */
  createAgent: (config: AgentConfig, ports: AgentPorts) => Promise<RunningAgent>;
  /** Folder of the running main.js; preload.cjs sits next to it. */
  mainDir: string;
  logger: AgentLogger;
  /** Load the board from the agent's local URL even when a built renderer is on disk. */
  preferAgentUrl?: boolean;
  /** Folder of the settings file; defaults to Electron's userData. */
  settingsDir?: string;
  /**
   * The process environment, defaults to process.env: the shell reads the agent's run-only settings
   * from it (TICKETRAIL_AGENT_TOKEN, …), the login item XDG_CONFIG_HOME and APPIMAGE.
   */
  env?: NodeJS.ProcessEnv;
}

export interface DesktopShell {
  readonly window: BrowserWindow;
  readonly agent: RunningAgent;
  readonly source: RendererSource;
  /** Quits the app; resolves once the agent has closed. */
  quit(): Promise<void>;
}

/**
 * The Electron main process: a thin shell around the agent. Returns undefined when another
 * instance already runs (that one is brought to the front instead).
 */
export async function startDesktop(deps: DesktopDeps): Promise<DesktopShell | undefined> {
  const { logger } = deps;
  // Command-line switches only count before the app is ready.
  app.commandLine.appendSwitch(...AUTOPLAY_SWITCH);
  // Run as `electron dist/electron/main.js` (npm start), Electron would call itself "Electron" and
  // keep data in that folder; the packaged app and development share TicketRail's instead.
  app.setName(APP_NAME);
  app.setPath('userData', join(app.getPath('appData'), APP_NAME));
  if (!app.requestSingleInstanceLock()) {
    logger.info('another TicketRail is running; handing over to it');
    app.quit();
    return undefined;
  }
  // Set once the window exists; a second launch before that has nothing to show yet.
  let boardWindow: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (boardWindow) revealWindow(boardWindow);
  });

  await app.whenReady();
  app.setAppUserModelId(APP_USER_MODEL_ID);
  // No menu bar: a kitchen screen has no use for File/Edit/View, nor for their reload shortcuts.
  Menu.setApplicationMenu(null);
  hardenSession(session.defaultSession);

  const userData = app.getPath('userData');
  const env = deps.env ?? process.env;
  const file = openSettingsFile({ cwd: deps.settingsDir ?? userData });
  // Every secret the agent may hold is known to the guard before the window exists, whatever its
  // source: the environment and the settings file now; what the agent seals or unseals later as it
  // passes through the two witnessed ports.
  const secrets = new SecretRegistry();
  secrets.rememberFromEnv(env);
  rememberStoredSecrets(secrets, file.settingsStore);
  const ports: AgentPorts = {
    settingsStore: witnessSettingsStore(file.settingsStore, secrets),
    secretBox: witnessSecretBox(createSafeStorageSecretBox(), secrets),
    logger,
    // Read from the same environment the guard learnt from, so no token reaches the agent unregistered.
    host: hostSettingsFromEnv(env),
  };

  const paths = resolveDesktopPaths({
    mainDir: deps.mainDir,
    resourcesPath: (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath,
    isPackaged: app.isPackaged,
  });
  let desktop = loadDesktopSettings(file, logger);
  const loginTarget = currentLoginItemTarget(paths.main, env);
  // Re-applied at every start so the login entry follows the executable after an update or a move.
  // When off, an entry is left alone: only the tray toggle removes one.
  if (desktop.startAtLogin) syncStartAtLogin(true);

  const rendererBuilt = existsSync(paths.rendererIndex);
  const agent = await deps.createAgent(
    {
      // The same folder layout as headless (settings.json beside the SQLite cache).
      dataDir: userData,
      localApi: { host: '127.0.0.1', port: 0 },
      ...(rendererBuilt ? { rendererDir: paths.rendererDir } : {}),
    },
    ports,
  );

  const source: RendererSource =
    rendererBuilt && !deps.preferAgentUrl ? { kind: 'file', indexHtml: paths.rendererIndex } : { kind: 'url', url: agent.localApiUrl };
  if (!rendererBuilt) logger.warn('renderer not built; loading the board from the agent', { expected: paths.rendererIndex });
  const origin = createAppOrigin(source);

  const board = createMainWindow({ preloadPath: paths.preload, iconPath: paths.appIcon, display: desktop, logger });
  boardWindow = board;
  lockDownNavigation(board.webContents, origin, logger);
  const target = () => (board.isDestroyed() ? undefined : board.webContents);
  const unregisterIpc = registerKitchenIpc({ api: agent.api, isTrustedSender: createSenderCheck(target, origin), secrets, logger });

  const tray = createTrayController({
    icons: paths.trayIcons,
    desktop,
    onShow: () => revealWindow(board),
    onQuit: () => app.quit(),
    onToggle: (setting, enabled) => toggle(setting, enabled),
  });
  const unsubscribe = forwardBoardUpdates(agent.api, { target, secrets, onConnection: (c) => tray.setConnection(c), logger });

  // Closing the window hides it: the agent keeps printing tickets. Quit is in the tray.
  let quitting = false;
  board.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    board.hide();
  });
  board.on('closed', () => {
    boardWindow = undefined;
  });

  let agentClosed = false;
  let shutdown: Promise<void> | undefined;
  app.on('before-quit', (event) => {
    quitting = true;
    if (agentClosed) return;
    // Hold the quit until the agent has flushed its outbox and closed its database.
    event.preventDefault();
    shutdown ??= closeAll().finally(() => {
      agentClosed = true;
      app.quit();
    });
  });

  async function closeAll(): Promise<void> {
    unsubscribe();
    unregisterIpc();
    tray.destroy();
    try {
      await agent.close();
    } catch (error) {
      logger.error('agent did not close cleanly', { error: describeError(error) });
    }
  }

  function toggle(setting: DesktopToggle, enabled: boolean): void {
    desktop = updateDesktopSettings(file, desktop, { [setting]: enabled } satisfies Partial<DesktopSettings>);
    if (setting === 'startAtLogin') syncStartAtLogin(enabled);
    if (setting === 'kiosk' && !board.isDestroyed()) board.setKiosk(enabled);
    tray.setDesktop(desktop);
  }

  function syncStartAtLogin(enabled: boolean): void {
    try {
      applyStartAtLogin(enabled, loginTarget);
    } catch (error) {
      // Never fatal: the board works, it just will not start by itself.
      logger.warn('could not update start at login', { error: describeError(error) });
    }
  }

  await loadRenderer(board, source);
  logger.info('desktop started', { source: source.kind, settings: file.path });

  return {
    window: board,
    agent,
    source,
    quit(): Promise<void> {
      app.quit();
      return shutdown ?? Promise.resolve();
    },
  };
}

/**
 * The stored secrets, known to the guard before any agent code runs. A file that cannot be read
 * (SETTINGS_FILE_INVALID) has none to offer: the agent keeps a copy of it and starts on defaults,
 * and it must not stop the app from starting here first.
 */
function rememberStoredSecrets(secrets: SecretRegistry, store: SettingsStore): void {
  try {
    secrets.rememberFromSettings(store.read());
  } catch (error) {
    if ((error as { code?: unknown }).code !== ERROR_CODES.SETTINGS_FILE_INVALID) throw error;
  }
}
