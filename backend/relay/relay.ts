/**
 * createRelay: the relay as a pair of handlers (WebSocket upgrades on /app/{key}, HTTP API on
 * /apps/{id}/…) that any http.Server can mount. It owns the per-app state; it never listens itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { systemClock } from '../../common/clock.js';
import { AppRuntime } from './app-runtime.js';
import { RelayConfigError, RelayHttpError } from './errors.js';
import { triggerTypedBatch } from './http/events-api.js';
import { HttpApi } from './http/http-api.js';
import { ClientAddress } from './client-address.js';
import {
  DEFAULT_ACTIVITY_TIMEOUT_SEC,
  DEFAULT_MAX_CONNECTIONS_PER_IP,
  DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION,
  DEFAULT_UNSUBSCRIBED_TIMEOUT_MS,
  MAX_CLIENT_EVENTS_PER_SECOND,
} from './limits.js';
import { SILENT_LOGGER } from './logger.js';
import type { RelayApp, RelayBatchEvent, RelayHandlers, RelayOptions, RelayStats } from './types.js';
import { WebSocketEndpoint } from './websocket-endpoint.js';

function checkApps(apps: readonly RelayApp[]): void {
  if (apps.length === 0) throw new RelayConfigError('RELAY_ERR_NO_APPS');
  const ids = new Set<string>();
  const keys = new Set<string>();
  for (const app of apps) {
    if (!app.id || !app.key || !app.secret) throw new RelayConfigError('RELAY_ERR_APP_INCOMPLETE');
    if (ids.has(app.id)) throw new RelayConfigError('RELAY_ERR_DUPLICATE_APP_ID', app.id);
    if (keys.has(app.key)) throw new RelayConfigError('RELAY_ERR_DUPLICATE_APP_KEY', app.key);
    ids.add(app.id);
    keys.add(app.key);
    checkAppLimits(app);
  }
}

function isWholeNumberInRange(value: number, min: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= min && value <= max;
}

/**
 * Per-app numbers are used lazily (the client-event limiter is built on a socket's first client
 * event, a webhook queue fills only when its receiver is down), so a bad value would otherwise
 * surface late — as every client event of the app failing — instead of at start.
 */
function checkAppLimits(app: RelayApp): void {
  const rate = app.maxClientEventsPerSecond;
  if (rate !== undefined && !isWholeNumberInRange(rate, 1, MAX_CLIENT_EVENTS_PER_SECOND)) {
    throw new RelayConfigError('RELAY_ERR_CLIENT_EVENT_RATE', `app ${app.id}: ${String(rate)}`);
  }
  for (const target of app.webhooks ?? []) {
    const limit = target.maxQueuedBatches;
    if (limit !== undefined && !isWholeNumberInRange(limit, 1, Number.MAX_SAFE_INTEGER)) {
      throw new RelayConfigError('RELAY_ERR_WEBHOOK_QUEUE_LIMIT', `app ${app.id}, ${target.url}: ${String(limit)}`);
    }
  }
}

/** Wall-clock time, and an interval that never keeps the process alive. */
/** A cap must be a whole number ≥ 1: 0 or NaN would refuse everything, 2.5 means nothing. */
function cap(
  value: number | undefined,
  fallback: number,
  code: 'RELAY_ERR_SUBSCRIPTION_CAP' | 'RELAY_ERR_CONNECTION_CAP' | 'RELAY_ERR_UNSUBSCRIBED_TIMEOUT',
): number {
  if (value === undefined) return fallback;
  if (!isWholeNumberInRange(value, 1, Number.MAX_SAFE_INTEGER)) throw new RelayConfigError(code, String(value));
  return value;
}

export function createRelay(options: RelayOptions): RelayHandlers {
  checkApps(options.apps);
  const activityTimeoutSec = options.activityTimeoutSec ?? DEFAULT_ACTIVITY_TIMEOUT_SEC;
  // pusher-js refuses a handshake whose activity_timeout is missing or zero.
  if (!(activityTimeoutSec > 0)) throw new RelayConfigError('RELAY_ERR_ACTIVITY_TIMEOUT', String(activityTimeoutSec));
  const maxSubscriptions = cap(options.maxSubscriptionsPerConnection, DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION, 'RELAY_ERR_SUBSCRIPTION_CAP');
  const maxConnectionsPerIp = cap(options.maxConnectionsPerIp, DEFAULT_MAX_CONNECTIONS_PER_IP, 'RELAY_ERR_CONNECTION_CAP');
  const unsubscribedTimeoutMs = cap(options.unsubscribedTimeoutMs, DEFAULT_UNSUBSCRIBED_TIMEOUT_MS, 'RELAY_ERR_UNSUBSCRIBED_TIMEOUT');
  const invalidProxies = ClientAddress.invalidProxies(options.trustedProxies ?? []);
  if (invalidProxies.length > 0) throw new RelayConfigError('RELAY_ERR_TRUSTED_PROXY', invalidProxies.join(', '));
  const logger = options.logger ?? SILENT_LOGGER;
  const clock = options.clock ?? systemClock;

  const runtimes = options.apps.map((app) => new AppRuntime(app, activityTimeoutSec, maxSubscriptions, logger, clock));
  const appsById = new Map(runtimes.map((runtime) => [runtime.app.id, runtime]));
  const appsByKey = new Map(runtimes.map((runtime) => [runtime.app.key, runtime]));
  const websocket = new WebSocketEndpoint(
    appsByKey,
    { activityTimeoutSec, maxConnectionsPerIp, unsubscribedTimeoutMs },
    new ClientAddress(options.trustedProxies),
    logger,
    clock,
  );
  const httpApi = new HttpApi(appsById, logger, clock);

  return {
    handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => websocket.handleUpgrade(req, socket, head),
    handleRequest: (req: IncomingMessage, res: ServerResponse) => httpApi.handleRequest(req, res),
    stats(): RelayStats {
      let channels = 0;
      for (const runtime of runtimes) channels += runtime.channels.size;
      return { connections: websocket.connectionCount, channels, apiRequests: httpApi.requests };
    },
    triggerBatch(appId: string, batch: readonly RelayBatchEvent[]): void {
      const runtime = appsById.get(appId);
      if (!runtime) throw new RelayHttpError('RELAY_ERR_APP_NOT_FOUND', appId);
      // What the HTTP endpoint does with a body of this batch, minus the transport and the JSON shape check.
      triggerTypedBatch(runtime, batch);
    },
    async close(): Promise<void> {
      // Webhooks stop first: the mass disconnect of a shutdown is not news for receivers.
      for (const runtime of runtimes) runtime.close();
      await websocket.close();
    },
  };
}
