import { mkdtempSync, rmSync } from 'node:fs';
import { WAIT_BUDGET_MS } from '../../test/wait-budget.js';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, Options as PusherOptions } from 'pusher-js';
import { AgentRealtimeConfigSchema, type AgentRealtimeConfig } from '../../common/agent-config.js';
import type { TicketEvent } from '../../common/events.js';
import type { OrderCreated, OrderInput } from '../../common/order.js';
import { runTokensCli } from '../cli.js';
import { loadBackendConfig, startBackend, type Clock, type RunningBackend, type StaffRole } from '../index.js';
import { testDatabaseEnv } from './database.js';

// pusher-js ships a CommonJS Node build whose typings describe an ES default export; require()
// gives the class itself, which is what runs in an agent.
const require = createRequire(import.meta.url);
const PusherJs = require('pusher-js') as typeof import('pusher-js').default;
export type PusherJsClient = InstanceType<typeof PusherJs>;

/** Every wait in these tests is bounded by this. */
/** The wait budget of every helper here (test/wait-budget.ts): a safety net, not a measurement. */
export const WAIT_MS = WAIT_BUDGET_MS;

export const TEST_TOKENS = {
  admin: 'test-admin-token-0123456789',
  agent: 'test-agent-token-0123456789',
  pos: 'test-pos-token-0123456789',
} as const;

/** Things a test opened, closed in reverse order after it whatever happened. */
export class Resources {
  private readonly closers: (() => unknown)[] = [];

  add(close: () => unknown): void {
    this.closers.push(close);
  }

  async closeAll(): Promise<void> {
    while (this.closers.length > 0) {
      const close = this.closers.pop() as () => unknown;
      try {
        await close();
      } catch {
        // One failed cleanup must not keep the rest open.
      }
    }
  }
}

/** A port that was free a moment ago, for servers that must come back on the same port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function tempDir(resources: Resources): string {
  const dir = mkdtempSync(join(tmpdir(), 'ticketrail-backend-'));
  resources.add(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestBackend {
  backend: RunningBackend;
  dataDir: string;
  api: Api;
}

/** The real backend on 127.0.0.1 with ephemeral ports, a temp data dir and known tokens. */
export async function startTestBackend(
  resources: Resources,
  options: { env?: Record<string, string>; dataDir?: string; tokens?: boolean; clock?: Clock } = {},
): Promise<TestBackend> {
  const dataDir = options.dataDir ?? tempDir(resources);
  const tokens =
    options.tokens === false ? {} : { ADMIN_TOKEN: TEST_TOKENS.admin, AGENT_TOKEN: TEST_TOKENS.agent, POS_TOKEN: TEST_TOKENS.pos };
  const config = loadBackendConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    RELAY_PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(await testDatabaseEnv(dataDir)),
    ...tokens,
    ...options.env,
  });
  // One backend per test: on PostgreSQL too it may use its embedded relay.
  const backend = await startBackend({ ...config, singleProcess: true }, options.clock ? { clock: options.clock } : {});
  resources.add(() => backend.close());
  return { backend, dataDir, api: new Api(backend.url) };
}

/** A stored staff token made the operator's way (`ticketrail tokens create`); a running backend honours it at once. */
export async function issueToken(dataDir: string, role: StaffRole, label = `${role} (test)`): Promise<{ token: string; id: string }> {
  const lines: string[] = [];
  await runTokensCli(['create', '--role', role, '--label', label, '--data-dir', dataDir], { print: (line) => lines.push(line), env: await testDatabaseEnv(dataDir) });
  const id = /\btoken (tok_[0-9a-z]+)/.exec(lines[1] ?? '')?.[1];
  if (!lines[0] || !id) throw new Error(`tokens create printed ${JSON.stringify(lines)}`);
  return { token: lines[0], id };
}

const agentTokens = new Map<string, Map<string, Promise<string>>>();

/**
 * The agent token of `agentId` on the backend of `dataDir`, made on first use: each agent has its
 * own token, as each counter PC does, because a token claims and reports as one agent only.
 */
export function agentTokenFor(dataDir: string, agentId: string): Promise<string> {
  const ofBackend = agentTokens.get(dataDir) ?? new Map<string, Promise<string>>();
  agentTokens.set(dataDir, ofBackend);
  let token = ofBackend.get(agentId);
  if (!token) {
    token = issueToken(dataDir, 'agent', agentId).then((issued) => issued.token);
    ofBackend.set(agentId, token);
  }
  return token;
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (with its own content type in `headers`). */
  raw?: string;
  headers?: Record<string, string>;
}

/** A thin fetch wrapper; fetch keeps connections alive between calls. */
export class Api {
  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.raw !== undefined) {
      body = options.raw;
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(WAIT_MS),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
  }

  get<T = unknown>(path: string, token?: string): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, token === undefined ? {} : { token });
  }

  post<T = unknown>(path: string, token: string | undefined, json?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, {
      ...(token !== undefined ? { token } : {}),
      ...(json !== undefined ? { json } : {}),
      ...(headers ? { headers } : {}),
    });
  }

  /** POST /api/orders as the test POS; fails the test unless it answers 201. */
  async createOrder(input: OrderInput = sampleInput(), headers?: Record<string, string>): Promise<OrderCreated> {
    const response = await this.post<OrderCreated>('/api/orders', TEST_TOKENS.pos, input, headers);
    if (response.status !== 201) throw new Error(`POST /api/orders answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }
}

export function sampleInput(overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    type: 'dine_in',
    table: '12',
    customer: { name: 'Łukasz' },
    items: [
      { name: 'Cheeseburger', qty: 2, station: 'kitchen', modifiers: ['no onion'], notes: 'ALLERGY: sesame' },
      { name: 'IPA draft', qty: 1, station: 'bar' },
    ],
    notes: 'birthday',
    total: { amount: 3200, currency: 'EUR' },
    ...overrides,
  };
}

/** Resolves with what `start` produces, or rejects after `ms` naming what it waited for. */
export function waitFor<T>(what: string, start: (resolve: (value: T) => void) => void, ms = WAIT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    start((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Polls `check` until it answers something other than undefined, bounded by `ms`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = WAIT_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * pusher-js options for the realtime /api/agent/config names (plain ws: tests and benches run
 * against a local relay), private channels authorized through /api/pusher/auth with `token`.
 */
export function pusherOptionsFor(config: AgentRealtimeConfig, token: string): PusherOptions {
  return {
    cluster: config.cluster ?? 'local',
    ...(config.host !== undefined ? { wsHost: config.host } : {}),
    ...(config.port !== undefined ? { wsPort: config.port } : {}),
    forceTLS: config.useTLS,
    enabledTransports: ['ws'],
    disableStats: true,
    channelAuthorization: { endpoint: config.authEndpoint, transport: 'ajax', headers: { Authorization: `Bearer ${token}` } },
  };
}

/**
 * A real pusher-js (Node build) client configured the way an agent is: from GET /api/agent/config,
 * authorizing private channels through the backend's /api/pusher/auth with a bearer token.
 */
export async function pusherClient(resources: Resources, test: TestBackend, token: string): Promise<PusherJsClient> {
  const answer = await test.api.get('/api/agent/config', TEST_TOKENS.agent);
  const config = AgentRealtimeConfigSchema.parse(answer.body);
  const client = new PusherJs(config.key, pusherOptionsFor(config, token));
  resources.add(() => client.disconnect());
  return client;
}

/** Subscribes and waits for the relay's confirmation, or rejects with the auth failure. */
export function subscribe(client: PusherJsClient, channelName: string): Promise<Channel> {
  const channel = client.subscribe(channelName);
  return new Promise<Channel>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out subscribing to ${channelName}`)), WAIT_MS);
    channel.bind('pusher:subscription_succeeded', () => {
      clearTimeout(timer);
      resolve(channel);
    });
    channel.bind('pusher:subscription_error', (error: { status?: number; error?: string }) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`subscription to ${channelName} refused (${error.status ?? '?'})`), { status: error.status }));
    });
  });
}

/** Every TicketRail event delivered on `channel`, in arrival order. */
export function collectEvents(channel: Channel): TicketEvent[] {
  const received: TicketEvent[] = [];
  channel.bind_global((name: string, data: TicketEvent) => {
    if (!name.startsWith('pusher:')) received.push(data);
  });
  return received;
}
