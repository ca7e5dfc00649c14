import { PrinterSettingsSchema } from '../common/settings.js';
import { parseLogLevel, type LogLevel } from './logger.js';
import type { HostSettings } from './ports.js';

/**
 * What a host process reads from its environment on the agent's behalf. Only hosts call this
 * (agent/cli.ts, main/, cli/all-in-one.ts); the agent itself never reads the environment: it gets
 * the values through `AgentPorts.host`, so the same agent behaves the same wherever it runs and a
 * test states what it starts with.
 */

/** Environment variables that override the stored settings for one run, for automated set-ups. */
export const SETTINGS_ENV = {
  backendUrl: 'TICKETRAIL_BACKEND_URL',
  agentToken: 'TICKETRAIL_AGENT_TOKEN',
  /** TableTrack's branch key (`X-TABLETRACK-KEY`) for the `tabletrack` connector. */
  tabletrackKey: 'TICKETRAIL_TABLETRACK_KEY',
  /** A printer (PrinterSettings as JSON) that stands in while no real printer is configured. */
  fallbackPrinter: 'TICKETRAIL_FALLBACK_PRINTER',
} as const;

/** Set by `npm start` for an agent in another process (Electron's main): the settings folder to use. */
export const ALL_IN_ONE_SETTINGS_DIR_ENV = 'TICKETRAIL_SETTINGS_DIR';

/** The level of the agent's console log when the host does not pass a logger of its own. */
export const LOG_LEVEL_ENV = 'LOG_LEVEL';

type Env = Readonly<Record<string, string | undefined>>;

/** The run-only settings named in `env`; a stand-in printer that is not valid JSON settings is left out. */
export function hostSettingsFromEnv(env: Env): HostSettings {
  const backendUrl = env[SETTINGS_ENV.backendUrl];
  const agentToken = env[SETTINGS_ENV.agentToken];
  const tabletrackKey = env[SETTINGS_ENV.tabletrackKey];
  const fallbackPrinter = parseFallbackPrinter(env[SETTINGS_ENV.fallbackPrinter]);
  return {
    ...(backendUrl ? { backendUrl } : {}),
    ...(agentToken ? { agentToken } : {}),
    ...(tabletrackKey ? { tabletrackKey } : {}),
    ...(fallbackPrinter ? { fallbackPrinter } : {}),
    ...(env[ALL_IN_ONE_SETTINGS_DIR_ENV] ? { hostsBackend: true } : {}),
  };
}

export function logLevelFromEnv(env: Env): LogLevel {
  return parseLogLevel(env[LOG_LEVEL_ENV]);
}

function parseFallbackPrinter(raw: string | undefined): HostSettings['fallbackPrinter'] {
  if (!raw) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = PrinterSettingsSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
