import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadBackendConfig, startBackend, type RunningBackend } from '../backend/index.js';
import { ALL_IN_ONE_SETTINGS_DIR_ENV, SETTINGS_ENV, createAgent, hostSettingsFromEnv, type Agent, createEscPosDriver, type EscPosDriverOptions, createConfSettingsStore, FALLBACK_PRINTER_ID, SettingsService, type SecretBox, startVirtualPrinter, type VirtualPrinter, type AgentLogger } from '../agent/index.js';
import { CodedError, ERRORS } from '../common/errors.js';
import type { HostedPusher } from '../common/settings.js';

/** Fixed, documented defaults of `npm start`; each can be changed by a flag, 0 picks a free port. */
export const ALL_IN_ONE_PORTS = { board: 4810, backend: 4800, relay: 6001, printer: 9100 } as const;
/** Stations the virtual printer serves when no real printer is configured; `counter` prints gift card vouchers (docs/pos-feed.md). */
export const VIRTUAL_PRINTER_STATIONS = ['kitchen', 'bar', 'expo', 'counter'];
const TOKENS_FILE = 'all-in-one-tokens.json';

export interface AllInOneOptions {
  dataDir: string;
  ports?: Partial<Record<keyof typeof ALL_IN_ONE_PORTS, number>>;
  rendererDir?: string;
  /** Start the agent in this process (headless); false when Electron's main hosts the agent. */
  startAgent?: boolean;
  logLevel?: string;
  agentLogger?: AgentLogger;
  /** Opens sealed secrets (the hosted Pusher secret) when the host has a keychain. */
  secretBox?: SecretBox;
  warn?: (message: string) => void;
  /** Printer time limits; tests shorten them. */
  driverOptions?: EscPosDriverOptions;
}

export interface AllInOne {
  backend: RunningBackend;
  /** What an agent in another process (Electron's main) needs in its environment. */
  agentEnv: Record<string, string>;
  agent?: Agent;
  virtualPrinter?: VirtualPrinter;
  tokens: { admin: string; agent: string; pos: string };
  boardUrl?: string;
  /**
   * Starts the agent in this process after all (when the Electron window that was to host it
   * failed to start); answers the one already running when there is one.
   */
  startLocalAgent(): Promise<Agent>;
  close(): Promise<void>;
}

/**
 * The tokens of this machine's kitchen, made once and kept in the data dir: the agent must be able
 * to use its token on every start, and the backend stores only hashes.
 */
function loadOrCreateTokens(dataDir: string): AllInOne['tokens'] {
  const file = join(dataDir, TOKENS_FILE);
  if (existsSync(file)) return readTokensFile(file);
  const make = (role: string) => `${role}_${randomBytes(18).toString('base64url')}`;
  const tokens = { admin: make('admin'), agent: make('agent'), pos: make('pos') };
  writeFileSync(file, JSON.stringify(tokens, null, 2), { mode: 0o600 });
  return tokens;
}

/** The kept tokens, or a refusal that names the file: new tokens would lock out every configured POS. */
function readTokensFile(file: string): AllInOne['tokens'] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CodedError(ERRORS.CONFIG_INVALID, `${file} is not valid JSON (${(error as Error).message}); fix it, or delete it to make new tokens (POS terminals then need the new pos token)`);
  }
  const tokens = parsed as Partial<Record<keyof AllInOne['tokens'], unknown>> | null;
  const valid = (value: unknown): value is string => typeof value === 'string' && value.length >= 16;
  if (!tokens || !valid(tokens.admin) || !valid(tokens.agent) || !valid(tokens.pos)) {
    throw new CodedError(ERRORS.CONFIG_INVALID, `${file} must hold admin, agent and pos tokens; fix it, or delete it to make new tokens (POS terminals then need the new pos token)`);
  }
  return { admin: tokens.admin, agent: tokens.agent, pos: tokens.pos };
}

/**
 * The backend's Pusher variables from the settings screen's hosted-backend credentials; none (the
 * embedded relay) when they are absent or their secret cannot be opened in this process.
 */
export function hostedPusherEnv(hosted: HostedPusher | undefined, warn: (message: string) => void): Record<string, string> {
  if (!hosted) return {};
  if (!hosted.secret) {
    warn('the hosted Pusher secret cannot be read here (sealed by another host): using the embedded relay');
    return {};
  }
  return {
    PUSHER_APP_ID: hosted.appId,
    PUSHER_KEY: hosted.key,
    PUSHER_SECRET: hosted.secret,
    ...(hosted.cluster ? { PUSHER_CLUSTER: hosted.cluster } : {}),
    ...(hosted.host ? { PUSHER_HOST: hosted.host } : {}),
    ...(hosted.port ? { PUSHER_PORT: String(hosted.port) } : {}),
    PUSHER_USE_TLS: String(hosted.useTLS),
  };
}

/**
 * Everything on one machine: backend with its embedded relay and SQLite, a virtual printer while no
 * real printer is configured, and (headless) the agent serving the board.
 */
export async function startAllInOne(options: AllInOneOptions): Promise<AllInOne> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const ports = { ...ALL_IN_ONE_PORTS, ...options.ports };
  const tokens = loadOrCreateTokens(dataDir);
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer().catch(() => undefined);
  };

  try {
    const agentDir = join(dataDir, 'agent');
    const settingsStore = createConfSettingsStore(agentDir);
    const settings = new SettingsService(settingsStore, {}, options.secretBox).get();
    const backend = await startBackend(
      loadBackendConfig({
        PORT: String(ports.backend),
        RELAY_PORT: String(ports.relay),
        DATA_DIR: join(dataDir, 'backend'),
        ADMIN_TOKEN: tokens.admin,
        AGENT_TOKEN: tokens.agent,
        POS_TOKEN: tokens.pos,
        LOG_LEVEL: options.logLevel ?? 'warn',
        ...hostedPusherEnv(settings.hostedPusher, options.warn ?? console.warn),
      }),
    );
    closers.push(() => backend.close());

    // The virtual printer stands in until a real printer is configured (see FALLBACK_PRINTER_ID).
    // From the settings read above: the store's own read() throws on a broken file, which the
    // service turns into defaults (and a kept copy) so the kitchen still starts.
    const hasRealPrinter = settings.printers.some((printer) => printer.id !== FALLBACK_PRINTER_ID);
    let virtualPrinter: VirtualPrinter | undefined;
    const agentEnv: Record<string, string> = {
      [SETTINGS_ENV.backendUrl]: backend.url,
      [SETTINGS_ENV.agentToken]: tokens.agent,
      [ALL_IN_ONE_SETTINGS_DIR_ENV]: agentDir,
    };
    if (!hasRealPrinter) {
      virtualPrinter = await startVirtualPrinter({ port: ports.printer, name: FALLBACK_PRINTER_ID });
      closers.push(() => virtualPrinter!.close());
      agentEnv[SETTINGS_ENV.fallbackPrinter] = JSON.stringify({
        id: FALLBACK_PRINTER_ID,
        name: 'Virtual printer',
        interface: `tcp://127.0.0.1:${virtualPrinter.port}`,
        stations: VIRTUAL_PRINTER_STATIONS,
      });
    }

    const startLocalAgent = async (): Promise<Agent> => {
      if (kitchen.agent) return kitchen.agent;
      // Loaded only for an agent in this process: React and the board's components are not needed
      // where Electron's main hosts the agent (and loads the board from a file).
      const boardPage = options.rendererDir ? (await import('../renderer/first-screen/board-page.js')).renderBoardPage : undefined;
      const started = await createAgent(
        {
          dataDir: agentDir,
          localApi: { host: '127.0.0.1', port: ports.board },
          ...(options.rendererDir ? { rendererDir: options.rendererDir, boardPage } : {}),
        },
        {
          settingsStore,
          driver: createEscPosDriver(options.driverOptions),
          // The same values an agent in Electron's main reads from agentEnv (cli/start.ts).
          host: hostSettingsFromEnv(agentEnv),
          ...(options.agentLogger ? { logger: options.agentLogger } : {}),
        },
      );
      closers.push(() => started.close());
      kitchen.agent = started;
      kitchen.boardUrl = started.localApiUrl;
      return started;
    };
    const kitchen: AllInOne = { backend, agentEnv, virtualPrinter, tokens, startLocalAgent, close };
    if (options.startAgent !== false) await startLocalAgent();
    return kitchen;
  } catch (error) {
    await close();
    throw error;
  }
}
