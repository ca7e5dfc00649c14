/**
 * Test harness: a real relay on 127.0.0.1:0, real pusher-js clients, the real `pusher` SDK and a
 * raw `ws` client for wire-level checks. Every wait is bounded; everything opened is registered
 * with a Resources instance and closed in afterEach.
 */
import { randomBytes } from 'node:crypto';
import { WAIT_BUDGET_MS } from '../../../test/wait-budget.js';
import PusherServer from 'pusher';
import PusherJsModule from 'pusher-js';
import type { Channel } from 'pusher-js';
import { afterEach } from 'vitest';
import { WebSocket } from 'ws';
import { startRelay } from '../index.js';
import type { RelayApp, RelayOptions, RunningRelay } from '../index.js';

// pusher-js is CommonJS typed as an ES default export: under NodeNext the default import is the
// module object to the type checker but the class at run time. Accept both.
type PusherJsClass = typeof import('pusher-js').default;
export type Pusher = InstanceType<PusherJsClass>;
const Pusher = ((PusherJsModule as unknown as { default?: PusherJsClass }).default ?? PusherJsModule) as PusherJsClass;

/** The wait budget of every helper here (test/wait-budget.ts): a safety net, not a measurement. */
export const WAIT_MS = WAIT_BUDGET_MS;

export const TEST_APP: RelayApp = { id: 'test-app', key: 'test-key', secret: 'test-secret-0123456789' };

/** Closes what a test opened, newest first, even when the test failed half-way. */
export class Resources {
  private readonly closers: (() => unknown)[] = [];

  /** `close` may return a promise; it is awaited in afterEach. */
  add<T>(resource: T, close: (resource: T) => unknown): T {
    this.closers.push(() => close(resource));
    return resource;
  }

  async closeAll(): Promise<void> {
    const closers = this.closers.splice(0).reverse();
    for (const close of closers) {
      try {
        await close();
      } catch {
        // One failing close must not leak the rest.
      }
    }
  }
}

/** Resolves with what `subscribe` delivers, or rejects after `ms` naming what was awaited. */
export function waitFor<T>(label: string, subscribe: (resolve: (value: T) => void) => void, ms = WAIT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${label}`)), ms);
    subscribe((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Passes when nothing matching arrives within `ms` (used to prove something is NOT delivered). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Re-reads state (e.g. over the HTTP API) until `done` holds, for effects of a frame the relay
 * processes asynchronously. Bounded: returns the last reading, and the caller's expect fails.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, attempts = 100): Promise<T> {
  let value = await read();
  for (let attempt = 1; attempt < attempts && !done(value); attempt += 1) {
    await delay(20);
    value = await read();
  }
  return value;
}

async function startTestRelay(resources: Resources, options: Partial<RelayOptions> = {}): Promise<RunningRelay> {
  const relay = await startRelay({ apps: [TEST_APP], ...options });
  return resources.add(relay, (running) => running.close());
}

export const ENCRYPTION_MASTER_KEY_BASE64 = randomBytes(32).toString('base64');

export function serverSdk(relay: RunningRelay, app: RelayApp = TEST_APP): PusherServer {
  return new PusherServer({
    appId: app.id,
    key: app.key,
    secret: app.secret,
    host: relay.host,
    port: String(relay.port),
    useTLS: false,
    encryptionMasterKeyBase64: ENCRYPTION_MASTER_KEY_BASE64,
  });
}

export interface PresenceIdentity {
  user_id: string;
  user_info?: Record<string, unknown>;
}

export interface ClientOptions {
  app?: RelayApp;
  /** channel_data for presence channels. */
  presence?: PresenceIdentity;
  /** Signs the user in (pusher:signin) with this id once connected. */
  signInAs?: string;
  /** Authorizes every channel with this app's secret instead (to provoke a bad signature). */
  signWith?: RelayApp;
}

/**
 * A pusher-js client (Node build) whose channel and user auth run in-process through the real
 * `pusher` SDK, exactly what an auth endpoint would return.
 */
function pusherClient(resources: Resources, relay: RunningRelay, options: ClientOptions = {}): Pusher {
  const app = options.app ?? TEST_APP;
  const signer = serverSdk(relay, options.signWith ?? app);
  const client = new Pusher(app.key, {
    cluster: 'local',
    wsHost: relay.host,
    wsPort: relay.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        try {
          const presence = channelName.startsWith('presence-') ? options.presence : undefined;
          callback(null, signer.authorizeChannel(socketId, channelName, presence));
        } catch (error) {
          callback(error instanceof Error ? error : new Error(String(error)), null);
        }
      },
    },
    userAuthentication: {
      customHandler: ({ socketId }, callback) => {
        callback(null, signer.authenticateUser(socketId, { id: options.signInAs ?? 'anonymous' }));
      },
    },
  });
  resources.add(client, (pusher) => pusher.disconnect());
  if (options.signInAs !== undefined) client.signin();
  return client;
}

export function connected(client: Pusher, ms = WAIT_MS): Promise<string> {
  return waitFor('pusher-js connected', (resolve) => {
    if (client.connection.state === 'connected') return resolve(client.connection.socket_id);
    client.connection.bind('connected', () => resolve(client.connection.socket_id));
  }, ms);
}

export function nextEvent<T = unknown>(channel: Channel, event: string, ms = WAIT_MS): Promise<T> {
  return waitFor(`${event} on ${channel.name}`, (resolve) => {
    const handler = (data: T): void => {
      channel.unbind(event, handler);
      resolve(data);
    };
    channel.bind(event, handler);
  }, ms);
}

export async function subscribed(client: Pusher, channelName: string): Promise<Channel> {
  const channel = client.subscribe(channelName);
  await nextEvent(channel, 'pusher:subscription_succeeded');
  return channel;
}

/** Collects every delivery of `event` on `channel`. */
export function collect<T = unknown>(channel: Channel, event: string): T[] {
  const received: T[] = [];
  channel.bind(event, (data: T) => received.push(data));
  return received;
}

export interface WireFrame {
  event: string;
  channel?: string;
  data?: unknown;
  user_id?: string;
}

/** A raw protocol client: sees every frame exactly as sent and never answers pings by itself. */
export class RawClient {
  readonly frames: WireFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.frames.push(JSON.parse(data.toString('utf8')) as WireFrame);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString('utf8') }));
    });
  }

  static async open(resources: Resources, url: string): Promise<RawClient> {
    // autoPong off: this client must be able to play dead.
    const socket = new WebSocket(url, { autoPong: false });
    const client = resources.add(new RawClient(socket), (raw) => raw.socket.terminate());
    await waitFor(`raw socket open ${url}`, (resolve) => socket.once('open', () => resolve(undefined)));
    return client;
  }

  static url(relay: RunningRelay, key = TEST_APP.key, query = 'protocol=7&client=js&version=8.6.0'): string {
    return `ws://${relay.host}:${relay.port}/app/${key}${query ? `?${query}` : ''}`;
  }

  send(frame: { event: string; channel?: string; data?: unknown }): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** The first frame (past or future) matching `predicate`; data strings are left as sent. */
  next(label: string, predicate: (frame: WireFrame) => boolean, ms = WAIT_MS): Promise<WireFrame> {
    return waitFor(label, (resolve) => {
      const check = (): void => {
        const found = this.frames.find(predicate);
        if (found) {
          this.waiters.delete(check);
          resolve(found);
        }
      };
      this.waiters.add(check);
      check();
    }, ms);
  }

  /** Resolves once `n` frames matching `predicate` have arrived. */
  nth(label: string, predicate: (frame: WireFrame) => boolean, n: number, ms = WAIT_MS): Promise<WireFrame[]> {
    return waitFor(label, (resolve) => {
      const check = (): void => {
        const found = this.frames.filter(predicate);
        if (found.length >= n) {
          this.waiters.delete(check);
          resolve(found);
        }
      };
      this.waiters.add(check);
      check();
    }, ms);
  }

  async socketId(): Promise<string> {
    const frame = await this.next('connection_established', (f) => f.event === 'pusher:connection_established');
    return (JSON.parse(String(frame.data)) as { socket_id: string }).socket_id;
  }

  count(predicate: (frame: WireFrame) => boolean): number {
    return this.frames.filter(predicate).length;
  }
}

export interface RelayTestKit {
  /** For anything else a test opens (a net socket, a second relay) that must be closed too. */
  readonly resources: Resources;
  startTestRelay(options?: Partial<RelayOptions>): Promise<RunningRelay>;
  pusherClient(relay: RunningRelay, options?: ClientOptions): Pusher;
  /** A raw protocol client on the relay's app URL (see RawClient.url). */
  openRaw(relay: RunningRelay, key?: string, query?: string): Promise<RawClient>;
}

/**
 * The setup every relay test file shares: one Resources, closed after each test, and the helpers
 * that open a relay or a client already bound to it, so no test can open something it forgets
 * to close. Call once at the top of a test file.
 */
export function relayTestKit(): RelayTestKit {
  const resources = new Resources();
  afterEach(() => resources.closeAll());
  return {
    resources,
    startTestRelay: (options) => startTestRelay(resources, options),
    pusherClient: (relay, options) => pusherClient(resources, relay, options),
    openRaw: (relay, key, query) => RawClient.open(resources, RawClient.url(relay, key, query)),
  };
}

export function closeCode(raw: RawClient, ms = WAIT_MS): Promise<number> {
  return waitFor('socket close', (resolve) => void raw.closed.then(({ code }) => resolve(code)), ms);
}
