import { resolve } from 'node:path';
import { z } from 'zod';
import { CodedError, ERRORS } from '../common/errors.js';
import { CHANNEL_MODES, type ChannelMode } from '../common/channel-mode.js';
import { DEFAULT_RECALL_WINDOW_MINUTES } from '../common/order-stations.js';
import { COUNTRY_CODE_PATTERN } from '../common/phone.js';
import { REPORT_LIMITS } from '../common/reports.js';
import { parseTrustedProxies } from './relay/trusted-proxies.js';
import type { DatabaseLocation } from './db/database.js';

export const PRINT_ON_VALUES = ['submitted', 'accepted'] as const;
export type PrintOn = (typeof PRINT_ON_VALUES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** GIFT_CARDS_SCOPE: cards (and loyalty accounts) of the whole chain, or of each location. */
export const GIFT_CARD_SCOPES = ['chain', 'location'] as const;
export type GiftCardScope = (typeof GIFT_CARD_SCOPES)[number];

export const STAFF_ROLES = ['admin', 'agent', 'pos'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Publish to a hosted or self-run Pusher-protocol service (Pusher Channels, soketi, Reverb). */
export interface ExternalRealtimeConfig {
  mode: 'external';
  appId: string;
  key: string;
  secret: string;
  cluster?: string;
  host?: string;
  port?: number;
  useTLS: boolean;
  /**
   * Where agents, POS terminals and diners reach the service when that differs from where the
   * backend publishes (PUSHER_PUBLIC_HOST/PORT/USE_TLS): a relay on an internal network behind
   * the same reverse proxy as the backends.
   */
  public?: { host: string; port?: number; useTLS: boolean };
}

/** Start the embedded Pusher-protocol relay; its credentials live in the data dir. */
export interface EmbeddedRealtimeConfig {
  mode: 'embedded';
  /** 0 picks a free port. */
  relayPort: number;
  /** RELAY_TRUSTED_PROXIES: reverse proxies whose X-Forwarded-For the relay's per-address cap believes. */
  trustedProxies: string[];
}

export interface BackendConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Absolute path of the directory that holds the SQLite database (and, with either database, secrets.json and receipt files). */
  dataDir: string;
  /** SQLite in dataDir (the default), or PostgreSQL when DATABASE_URL is set. */
  database: DatabaseLocation;
  /**
   * `--single-process`: one backend on PostgreSQL that may use its embedded relay. Without it the
   * backend refuses DATABASE_URL together with the embedded relay, which cannot serve a second process.
   */
  singleProcess: boolean;
  /** GIFT_CARDS_SCOPE: gift cards and loyalty accounts of the whole chain (default) or of each location. */
  giftCardsScope: GiftCardScope;
  /** TRUST_PROXY: read the client's scheme and host from X-Forwarded-* (behind a reverse proxy that sets them). */
  trustProxy: boolean;
  /** CUSTOMER_TOKEN_SECRET: the customer-token secret every process of a chain shares (else secrets.json's). */
  customerTokenSecret?: string;
  realtime: ExternalRealtimeConfig | EmbeddedRealtimeConfig;
  printOn: PrintOn;
  /** Tokens given by the environment; accepted for their role in addition to the stored ones. */
  envTokens: Partial<Record<StaffRole, string>>;
  logLevel: LogLevel;
  /** How often expired print-job leases are returned to pending. */
  leaseSweepMs: number;
  /** How long an Idempotency-Key is remembered. */
  idempotencyTtlMs: number;
  /** CUSTOMER_TOKEN_TTL_HOURS: how long a customer token keeps working after its order closed. */
  customerTokenTtlMs: number;
  /**
   * CHANNEL_MODE: `private` (default) publishes the kitchen's events on private-orders /
   * private-print-jobs; `public` on orders / print-jobs, readable by anyone holding the Pusher key.
   */
  channelMode?: ChannelMode;
  /** Country calling code (`48`) of loyalty phone numbers given without + or 00; unset: such numbers are refused. */
  defaultPhoneCountryCode?: string;
  /** LATE_MINUTES: an order whose prep (submitted → ready) takes longer is late in reports. */
  lateMinutes: number;
  /** RECALL_WINDOW_MINUTES: how long after completion an order may be recalled (completed → ready); 0 never. */
  recallWindowMinutes: number;
}

export const BACKEND_DEFAULTS = {
  port: 4800,
  host: '127.0.0.1',
  dataDir: './.data/backend',
  relayPort: 6001,
  printOn: 'submitted',
  logLevel: 'info',
  leaseSweepMs: 2_000,
  idempotencyTtlMs: 24 * 60 * 60 * 1000,
  customerTokenTtlHours: 24,
  /** A year: a diner's link should not outlive the restaurant's interest in the order. */
  maxCustomerTokenTtlHours: 24 * 366,
  minTokenLength: 16,
  databasePoolSize: 10,
  giftCardsScope: 'chain',
  lateMinutes: REPORT_LIMITS.defaultLateMinutes,
  recallWindowMinutes: DEFAULT_RECALL_WINDOW_MINUTES,
  /** A day: a ticket served yesterday is not brought back to the rail. */
  maxRecallWindowMinutes: 1_440,
} as const;

const port = z.coerce.number().int().min(0).max(65_535);
const nonEmpty = z.string().trim().min(1);
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const token = z
  .string()
  .min(BACKEND_DEFAULTS.minTokenLength, `must be at least ${BACKEND_DEFAULTS.minTokenLength} characters`)
  .max(256)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** Every variable the backend reads. Empty strings count as unset, as in most .env loaders. */
const EnvSchema = z.object({
  PORT: port.default(BACKEND_DEFAULTS.port),
  HOST: nonEmpty.default(BACKEND_DEFAULTS.host),
  DATA_DIR: nonEmpty.default(BACKEND_DEFAULTS.dataDir),
  PUSHER_APP_ID: nonEmpty.optional(),
  PUSHER_KEY: nonEmpty.optional(),
  PUSHER_SECRET: nonEmpty.optional(),
  PUSHER_CLUSTER: z.string().regex(/^[a-z0-9-]{1,32}$/, 'must be a cluster name such as eu or mt1').optional(),
  PUSHER_HOST: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a host name without scheme or port').optional(),
  PUSHER_PORT: port.refine((p) => p > 0, 'must be between 1 and 65535').optional(),
  PUSHER_USE_TLS: bool.optional(),
  PUSHER_PUBLIC_HOST: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a host name without scheme or port').optional(),
  PUSHER_PUBLIC_PORT: port.refine((p) => p > 0, 'must be between 1 and 65535').optional(),
  PUSHER_PUBLIC_USE_TLS: bool.optional(),
  TRUST_PROXY: bool.default(false),
  RELAY_PORT: port.default(BACKEND_DEFAULTS.relayPort),
  RELAY_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value, context) => {
      const parsed = parseTrustedProxies(value);
      if (parsed.ok) return parsed.addresses;
      context.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }),
  PRINT_ON: z.enum(PRINT_ON_VALUES).default(BACKEND_DEFAULTS.printOn),
  ADMIN_TOKEN: token.optional(),
  AGENT_TOKEN: token.optional(),
  POS_TOKEN: token.optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default(BACKEND_DEFAULTS.logLevel),
  CHANNEL_MODE: z.enum(CHANNEL_MODES).default('private'),
  CUSTOMER_TOKEN_TTL_HOURS: z.coerce
    .number()
    .int('must be a whole number of hours')
    .min(1)
    .max(BACKEND_DEFAULTS.maxCustomerTokenTtlHours)
    .default(BACKEND_DEFAULTS.customerTokenTtlHours),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be postgres://USER:PASS@HOST:PORT/DB')
    .refine((url) => URL.canParse(url), 'must be a URL: postgres://USER:PASS@HOST:PORT/DB')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(BACKEND_DEFAULTS.databasePoolSize),
  GIFT_CARDS_SCOPE: z.enum(GIFT_CARD_SCOPES).default(BACKEND_DEFAULTS.giftCardsScope),
  LATE_MINUTES: z.coerce.number().int().min(1).max(240).default(BACKEND_DEFAULTS.lateMinutes),
  CUSTOMER_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').max(256).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces').optional(),
  RECALL_WINDOW_MINUTES: z.coerce.number().int().min(0).max(BACKEND_DEFAULTS.maxRecallWindowMinutes).default(BACKEND_DEFAULTS.recallWindowMinutes),
  DEFAULT_PHONE_COUNTRY_CODE: z
    .string()
    .regex(COUNTRY_CODE_PATTERN, 'must be a country calling code such as 48 or +44')
    .transform((code) => code.replace(/^\+/, ''))
    .optional(),
});

type Env = Record<string, string | undefined>;

function withoutEmpty(env: Env): Env {
  const keys = Object.keys(EnvSchema.shape);
  return Object.fromEntries(keys.map((key) => [key, env[key] === '' ? undefined : env[key]]));
}

function configError(message: string, details?: unknown): CodedError {
  return new CodedError(ERRORS.CONFIG_INVALID, message, details);
}

function realtimeFrom(env: z.output<typeof EnvSchema>): BackendConfig['realtime'] {
  const credentials = { PUSHER_APP_ID: env.PUSHER_APP_ID, PUSHER_KEY: env.PUSHER_KEY, PUSHER_SECRET: env.PUSHER_SECRET };
  const given = Object.entries(credentials).filter(([, value]) => value !== undefined);
  if (given.length === 0) {
    if (env.PUSHER_CLUSTER || env.PUSHER_HOST || env.PUSHER_PUBLIC_HOST) {
      throw configError('PUSHER_CLUSTER/PUSHER_HOST is set but PUSHER_APP_ID, PUSHER_KEY and PUSHER_SECRET are not');
    }
    return { mode: 'embedded', relayPort: env.RELAY_PORT, trustedProxies: env.RELAY_TRUSTED_PROXIES };
  }
  if (given.length < 3) {
    const missing = Object.keys(credentials).filter((name) => credentials[name as keyof typeof credentials] === undefined);
    throw configError(`${missing.join(', ')} must be set together with ${given.map(([name]) => name).join(', ')}`);
  }
  if (env.PUSHER_CLUSTER && env.PUSHER_HOST) throw configError('set either PUSHER_CLUSTER or PUSHER_HOST, not both');
  if (!env.PUSHER_CLUSTER && !env.PUSHER_HOST) throw configError('PUSHER_CLUSTER or PUSHER_HOST is required with Pusher credentials');
  return {
    mode: 'external',
    appId: env.PUSHER_APP_ID as string,
    key: env.PUSHER_KEY as string,
    secret: env.PUSHER_SECRET as string,
    ...(env.PUSHER_CLUSTER ? { cluster: env.PUSHER_CLUSTER } : {}),
    ...(env.PUSHER_HOST ? { host: env.PUSHER_HOST } : {}),
    ...(env.PUSHER_PORT !== undefined ? { port: env.PUSHER_PORT } : {}),
    // Hosted clusters are TLS-only; a self-run host (soketi on a LAN) is usually plain HTTP.
    useTLS: env.PUSHER_USE_TLS ?? Boolean(env.PUSHER_CLUSTER),
    ...(env.PUSHER_PUBLIC_HOST
      ? {
          public: {
            host: env.PUSHER_PUBLIC_HOST,
            ...(env.PUSHER_PUBLIC_PORT !== undefined ? { port: env.PUSHER_PUBLIC_PORT } : {}),
            useTLS: env.PUSHER_PUBLIC_USE_TLS ?? env.PUSHER_USE_TLS ?? false,
          },
        }
      : {}),
  };
}

/**
 * Several backend processes share one PostgreSQL database, but each embedded relay only reaches
 * the agents connected to it: with DATABASE_URL, realtime must be hosted Pusher or a standalone
 * Pusher-protocol server (PUSHER_HOST/PUSHER_PORT, or `npm run relay`), unless the operator
 * promises one process with --single-process.
 */
export function assertRealtimeFitsDatabase(config: BackendConfig): void {
  if (config.database.kind !== 'postgres' || config.realtime.mode !== 'embedded' || config.singleProcess) return;
  throw configError(
    'DATABASE_URL is set but no Pusher service is: with PostgreSQL several backend processes may run, and an embedded relay reaches only the agents connected to its own process. ' +
      'Set PUSHER_APP_ID, PUSHER_KEY, PUSHER_SECRET with PUSHER_CLUSTER or PUSHER_HOST/PUSHER_PORT (a standalone relay: npm run relay), or start with --single-process to run one backend with its embedded relay.',
  );
}

/**
 * Reads and validates the backend's environment once at start. A bad value stops the start with a
 * message that names the variable, rather than surfacing later as a confusing runtime error.
 */
export function loadBackendConfig(env: Env = process.env): BackendConfig {
  const parsed = EnvSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      return `${name}: ${issue.message} (got ${JSON.stringify(env[name] ?? '')})`;
    });
    throw configError(`Invalid backend configuration: ${problems.join('; ')}`, problems);
  }
  const values = parsed.data;
  const envTokens: Partial<Record<StaffRole, string>> = {};
  if (values.ADMIN_TOKEN) envTokens.admin = values.ADMIN_TOKEN;
  if (values.AGENT_TOKEN) envTokens.agent = values.AGENT_TOKEN;
  if (values.POS_TOKEN) envTokens.pos = values.POS_TOKEN;
  const distinct = new Set(Object.values(envTokens));
  if (distinct.size !== Object.keys(envTokens).length) {
    throw configError('ADMIN_TOKEN, AGENT_TOKEN and POS_TOKEN must differ from each other');
  }
  const dataDir = resolve(values.DATA_DIR);
  return {
    host: values.HOST,
    port: values.PORT,
    dataDir,
    database: values.DATABASE_URL ? { kind: 'postgres', url: values.DATABASE_URL, poolSize: values.DATABASE_POOL_SIZE } : { kind: 'sqlite', dataDir },
    singleProcess: false,
    giftCardsScope: values.GIFT_CARDS_SCOPE,
    trustProxy: values.TRUST_PROXY,
    ...(values.CUSTOMER_TOKEN_SECRET !== undefined ? { customerTokenSecret: values.CUSTOMER_TOKEN_SECRET } : {}),
    realtime: realtimeFrom(values),
    printOn: values.PRINT_ON,
    envTokens,
    logLevel: values.LOG_LEVEL,
    leaseSweepMs: BACKEND_DEFAULTS.leaseSweepMs,
    idempotencyTtlMs: BACKEND_DEFAULTS.idempotencyTtlMs,
    customerTokenTtlMs: values.CUSTOMER_TOKEN_TTL_HOURS * 60 * 60 * 1000,
    channelMode: values.CHANNEL_MODE,
    lateMinutes: values.LATE_MINUTES,
    recallWindowMinutes: values.RECALL_WINDOW_MINUTES,
    ...(values.DEFAULT_PHONE_COUNTRY_CODE !== undefined ? { defaultPhoneCountryCode: values.DEFAULT_PHONE_COUNTRY_CODE } : {}),
  };
}
