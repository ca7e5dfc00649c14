import type { Clock } from '../../common/clock.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export const WEBHOOK_EVENT_NAMES = [
  'channel_occupied',
  'channel_vacated',
  'member_added',
  'member_removed',
  'client_event',
] as const;

export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number];

export interface RelayWebhookTarget {
  url: string;
  /** Which events to send to this URL; all of them when omitted. */
  events?: WebhookEventName[];
  /**
   * Batches that may wait behind the one being sent while this receiver is slow or down (a whole
   * number ≥ 1, default 1,000); when full, the oldest waiting batch is dropped and logged.
   */
  maxQueuedBatches?: number;
}

export interface RelayApp {
  id: string;
  key: string;
  secret: string;
  webhooks?: RelayWebhookTarget[];
  /**
   * Whether subscribers may send `client-*` events to each other (Pusher's "Enable client events"
   * app setting). Off unless true: any socket that may subscribe to a private channel could
   * otherwise speak to every other subscriber of it.
   */
  clientEvents?: boolean;
  /** Client events a single connection may send per second; Pusher's default is 10. */
  maxClientEventsPerSecond?: number;
}

export type RelayLogFields = Record<string, string | number | boolean | undefined>;

/** Structured logger; the relay is silent unless one is passed (the CLI passes a console logger). */
export interface RelayLogger {
  debug(message: string, fields?: RelayLogFields): void;
  info(message: string, fields?: RelayLogFields): void;
  warn(message: string, fields?: RelayLogFields): void;
  error(message: string, fields?: RelayLogFields): void;
}

export interface RelayOptions {
  /** Interface to listen on; 127.0.0.1 unless set. Ignored by createRelay (it does not listen). */
  host?: string;
  /** 0 picks an ephemeral port. Ignored by createRelay. */
  port?: number;
  apps: RelayApp[];
  /** Sent to clients in connection_established; the server pings sockets idle this long. */
  activityTimeoutSec?: number;
  /** Channels one socket may be subscribed to at once (default 100); more → subscription_error. */
  maxSubscriptionsPerConnection?: number;
  /**
   * Open sockets per remote address, loopback included (default 200); one more is closed with 4100
   * and pusher-js retries after a back-off. Behind a proxy every client shares the proxy's address.
   */
  maxConnectionsPerIp?: number;
  /**
   * A socket subscribed to no channel (and not signed in) for this long is closed with 4202, so idle
   * sockets cannot hold an address's places (default 30,000 ms).
   */
  unsubscribedTimeoutMs?: number;
  /**
   * TCP peers whose `X-Forwarded-For` is believed (a reverse proxy in front of the relay): a socket
   * from one of them counts against the address the proxy names, not the proxy's. IP addresses only.
   */
  trustedProxies?: readonly string[];
  logger?: RelayLogger;
  /** Time and timers of liveness checks, request signatures, rate limits and webhooks; tests move their own. */
  clock?: Clock;
}

export interface RelayStats {
  connections: number;
  channels: number;
  /** Requests the HTTP API (/apps/…) has answered since start, errors included. */
  apiRequests: number;
}

/** One event of an in-process batch: what a `POST /apps/{id}/batch_events` body lists. */
export interface RelayBatchEvent {
  channel: string;
  name: string;
  /** The event's data as the wire carries it: a string (JSON for TicketRail's events). */
  data: string;
  socket_id?: string;
}

export interface RunningRelay {
  port: number;
  host: string;
  /** Base URL of the relay's HTTP side, e.g. http://127.0.0.1:6001 (WebSocket clients use ws:// + /app/{key}). */
  url: string;
  /** Closes every socket with 4200 (pusher-js reconnects), then stops listening. */
  close(): Promise<void>;
  stats(): RelayStats;
  /** Publishes in process exactly as `POST /apps/{appId}/batch_events` would (see RelayHandlers). */
  triggerBatch(appId: string, batch: readonly RelayBatchEvent[]): void;
}

/** The relay without its own listener, to mount on an existing http.Server. */
export interface RelayHandlers {
  /** Takes over the upgrade and returns true for /app/{key}; returns false (socket untouched) otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Answers and returns true for /apps/…; returns false (response untouched) otherwise. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  stats(): RelayStats;
  /**
   * Publishes a batch from the process hosting the relay, without HTTP or a signature: the same
   * checks as `POST /apps/{appId}/batch_events` (event and channel names, 10 events, 10 KB of data,
   * all-or-nothing) and the same delivery. Throws the RelayHttpError the HTTP API would answer.
   */
  triggerBatch(appId: string, batch: readonly RelayBatchEvent[]): void;
  /** Closes every relay socket with 4200 and stops webhook delivery; the host server is left alone. */
  close(): Promise<void>;
}
