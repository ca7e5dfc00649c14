import { AGENT_TOKEN_ENV, pathKey } from '../common/secret-settings.js';
import { PrinterSettingsSchema } from '../common/settings.js';
import { SECRET_SETTINGS } from './connectors/registry.js';
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
  agentToken: AGENT_TOKEN_ENV,
  /** A printer (PrinterSettings as JSON) that stands in while no real printer is configured. */
  fallbackPrinter: 'TICKETRAIL_FALLBACK_PRINTER',
} as const;

/** Set by `npm start` for an agent in another process (Electron's main): the settings folder to use. */
export const ALL_IN_ONE_SETTINGS_DIR_ENV = 'TICKETRAIL_SETTINGS_DIR';

/** The level of the agent's console log when the host does not pass a logger of its own. */
export const LOG_LEVEL_ENV = 'LOG_LEVEL';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The run-only settings named in `env`; a stand-in printer that is not valid JSON settings is left
 * out. Secrets come from the variables their declarations name (the agent token's, a source's key).
 */
export function hostSettingsFromEnv(env: Env): HostSettings {
  const backendUrl = env[SETTINGS_ENV.backendUrl];
  const secrets = Object.fromEntries(
    SECRET_SETTINGS.flatMap((secret) => {
      const value = secret.env ? env[secret.env] : undefined;
      return value ? [[pathKey(secret.path), value]] : [];
    }),
  );
  const fallbackPrinter = parseFallbackPrinter(env[SETTINGS_ENV.fallbackPrinter]);
  return {
    ...(backendUrl ? { backendUrl } : {}),
    ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
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
