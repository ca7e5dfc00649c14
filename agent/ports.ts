import type { BoardPageRenderer } from '../common/first-screen.js';
import type { KitchenHandlers } from '../common/kitchen-api.js';
import type { PrinterSettings } from '../common/settings.js';

/**
 * What the agent needs from its host process. Headless, the CLI passes a `conf`-backed store and
 * no secret box; inside Electron, main/ passes an electron-store-backed store and a safeStorage box.
 * Swapped in one place (createAgent), never by `if (isElectron)` in agent code.
 */
export interface SettingsStore {
  /** The stored settings object, or undefined when nothing was saved yet. Unvalidated. */
  read(): unknown;
  write(value: unknown): void;
  /** Where the settings live, for logs and docs. */
  readonly location: string;
}

/** Encrypts secrets at rest (Electron's safeStorage); absent headless, where the file is 0600. */
export interface SecretBox {
  isAvailable(): boolean;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

export interface AgentLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AgentPorts {
  settingsStore: SettingsStore;
  secretBox?: SecretBox;
  logger?: AgentLogger;
  /**
   * Run-only settings the host read from its environment (`hostSettingsFromEnv`, agent/host-env.ts):
   * the agent itself never reads the environment.
   */
  host?: HostSettings;
}

/** What the host hands the agent for this run only; never written to the settings file. */
export interface HostSettings {
  /** Wins over the stored backend URL (TICKETRAIL_BACKEND_URL). */
  backendUrl?: string;
  /**
   * Secrets given for this run, by their settings path (`agentToken` from TICKETRAIL_AGENT_TOKEN,
   * `tabletrack.key` from TICKETRAIL_TABLETRACK_KEY: each secret declares its variable). They win
   * over the stored ones until a save moves the URL they are bound to.
   */
  secrets?: Readonly<Record<string, string>>;
  /** Stands in while no real printer is configured (the all-in-one's virtual printer). */
  fallbackPrinter?: PrinterSettings;
  /** This PC hosts the backend (the all-in-one): its hosted Pusher credentials may be edited here. */
  hostsBackend?: boolean;
}

/** Process-level choices that are not user settings. */
export interface AgentConfig {
  /** Folder of the SQLite cache. */
  dataDir: string;
  /** Local API (board) host and port; port 0 picks a free one. */
  localApi: { host: string; port: number; token?: string };
  /** Folder with the built renderer, served at `/` by the local API when present. */
  rendererDir?: string;
  /** Renders the board's first screen into the page it serves (see LocalApiOptions.boardPage). */
  boardPage?: BoardPageRenderer;
}

export interface RunningAgent {
  /** The board's operations, taking parsed input: transports validate with KITCHEN_API first. */
  api: KitchenHandlers;
  /** Base URL of the local API, where the board is served. */
  localApiUrl: string;
  close(): Promise<void>;
}
