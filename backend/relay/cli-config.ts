/**
 * The relay CLI's configuration, read from the environment and validated up front so a typo is
 * reported clearly (exit code 2) instead of surfacing later as "invalid signature".
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_MAX_CONNECTIONS_PER_IP, DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION } from './limits.js';
import { parseTrustedProxies } from './trusted-proxies.js';

export const RELAY_ENV = {
  APP_ID: 'RELAY_APP_ID',
  APP_KEY: 'RELAY_APP_KEY',
  APP_SECRET: 'RELAY_APP_SECRET',
  PORT: 'RELAY_PORT',
  HOST: 'RELAY_HOST',
  CLIENT_EVENTS: 'RELAY_CLIENT_EVENTS',
  MAX_SUBSCRIPTIONS_PER_CONNECTION: 'RELAY_MAX_SUBSCRIPTIONS_PER_CONNECTION',
  MAX_CONNECTIONS_PER_IP: 'RELAY_MAX_CONNECTIONS_PER_IP',
  TRUSTED_PROXIES: 'RELAY_TRUSTED_PROXIES',
} as const;

export const RELAY_CLI_DEFAULTS = {
  APP_ID: 'ticketrail',
  APP_KEY: 'ticketrail-key',
  PORT: 6001,
  HOST: '127.0.0.1',
  CLIENT_EVENTS: false,
  MAX_SUBSCRIPTIONS_PER_CONNECTION: DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION,
  MAX_CONNECTIONS_PER_IP: DEFAULT_MAX_CONNECTIONS_PER_IP,
} as const;

/** Bytes of randomness in a generated secret (hex-encoded: 40 characters). */
const GENERATED_SECRET_BYTES = 20;
const MIN_SECRET_LENGTH = 16;
const MAX_PORT = 65_535;
/** Ids and keys travel in URL paths and signed strings: keep them to unreserved characters. */
const IDENTIFIER_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** A cap: a whole number of at least 1 (0 would refuse every subscription or connection). */
const cap = (variable: string) =>
  z
    .string()
    .regex(/^\d+$/, `${variable} must be a whole number of at least 1`)
    .transform(Number)
    .refine((value) => value >= 1 && Number.isSafeInteger(value), `${variable} must be a whole number of at least 1`);

const identifier = (variable: string) =>
  z.string().regex(IDENTIFIER_PATTERN, `${variable} must be 1–64 characters of A-Z a-z 0-9 _ . -`);

const envSchema = z.object({
  appId: identifier(RELAY_ENV.APP_ID),
  appKey: identifier(RELAY_ENV.APP_KEY),
  secret: z
    .string()
    .min(MIN_SECRET_LENGTH, `${RELAY_ENV.APP_SECRET} must be at least ${MIN_SECRET_LENGTH} characters`)
    .optional(),
  port: z
    .string()
    .regex(/^\d+$/, `${RELAY_ENV.PORT} must be a whole number`)
    .transform(Number)
    .refine((port) => port <= MAX_PORT, `${RELAY_ENV.PORT} must be between 0 and ${MAX_PORT}`),
  host: z.string().min(1, `${RELAY_ENV.HOST} must not be empty`),
  clientEvents: z
    .enum(['true', 'false'], { error: `${RELAY_ENV.CLIENT_EVENTS} must be true or false` })
    .transform((value) => value === 'true'),
  maxSubscriptionsPerConnection: cap(RELAY_ENV.MAX_SUBSCRIPTIONS_PER_CONNECTION),
  maxConnectionsPerIp: cap(RELAY_ENV.MAX_CONNECTIONS_PER_IP),
  trustedProxies: z.string().transform((value, context) => {
    const parsed = parseTrustedProxies(value);
    if (parsed.ok) return parsed.addresses;
    context.addIssue({ code: 'custom', message: `${RELAY_ENV.TRUSTED_PROXIES}: ${parsed.message}` });
    return z.NEVER;
  }),
});

export interface RelayCliConfig {
  appId: string;
  appKey: string;
  secret: string;
  /** True when no secret was configured and one was generated for this run. */
  secretGenerated: boolean;
  port: number;
  host: string;
  /** Whether subscribers may send client-* events to each other. */
  clientEvents: boolean;
  maxSubscriptionsPerConnection: number;
  maxConnectionsPerIp: number;
  /** Reverse proxies whose X-Forwarded-For names the client (client-address.ts). */
  trustedProxies: string[];
}

export type ConfigResult = { ok: true; config: RelayCliConfig } | { ok: false; errors: string[] };

/** Unset and empty variables both mean "use the default". */
function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function readRelayCliConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = envSchema.safeParse({
    appId: read(env, RELAY_ENV.APP_ID) ?? RELAY_CLI_DEFAULTS.APP_ID,
    appKey: read(env, RELAY_ENV.APP_KEY) ?? RELAY_CLI_DEFAULTS.APP_KEY,
    secret: read(env, RELAY_ENV.APP_SECRET),
    port: read(env, RELAY_ENV.PORT) ?? String(RELAY_CLI_DEFAULTS.PORT),
    host: read(env, RELAY_ENV.HOST) ?? RELAY_CLI_DEFAULTS.HOST,
    clientEvents: read(env, RELAY_ENV.CLIENT_EVENTS) ?? String(RELAY_CLI_DEFAULTS.CLIENT_EVENTS),
    maxSubscriptionsPerConnection:
      read(env, RELAY_ENV.MAX_SUBSCRIPTIONS_PER_CONNECTION) ?? String(RELAY_CLI_DEFAULTS.MAX_SUBSCRIPTIONS_PER_CONNECTION),
    maxConnectionsPerIp: read(env, RELAY_ENV.MAX_CONNECTIONS_PER_IP) ?? String(RELAY_CLI_DEFAULTS.MAX_CONNECTIONS_PER_IP),
    trustedProxies: read(env, RELAY_ENV.TRUSTED_PROXIES) ?? '',
  });
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => issue.message) };
  const { secret, ...rest } = parsed.data;
  return {
    ok: true,
    config: {
      ...rest,
      secret: secret ?? randomBytes(GENERATED_SECRET_BYTES).toString('hex'),
      secretGenerated: secret === undefined,
    },
  };
}
