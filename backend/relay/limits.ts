/**
 * Every limit the relay enforces, in one place. Values follow Pusher Channels' published limits so
 * an app that works against the relay also works against the hosted service (and vice versa).
 */

/** The only Pusher protocol version spoken; pusher-js 7+ and the other current SDKs send 7. */
export const PROTOCOL_VERSION = 7;

export const DEFAULT_HOST = '127.0.0.1';

/**
 * Seconds without any inbound message before the server pings a socket. Pusher's default: the
 * client uses min(this, its own activityTimeout) for its pings, so both sides agree.
 */
export const DEFAULT_ACTIVITY_TIMEOUT_SEC = 120;

/** Upper bound on how long the server waits for a pong after its ping (pusher-js also waits 30 s). */
export const MAX_PONG_WAIT_MS = 30_000;

/** The heartbeat sweep runs at least this often, so pings are at most this late. */
export const MAX_HEARTBEAT_SWEEP_INTERVAL_MS = 1_000;

/** Pusher rejects event payloads above 10 KB, on the HTTP API and for client events alike. */
export const MAX_EVENT_DATA_BYTES = 10 * 1024;

export const MAX_CHANNEL_NAME_LENGTH = 164;
export const MAX_EVENT_NAME_LENGTH = 200;
export const MAX_CHANNELS_PER_EVENT = 100;
export const MAX_BATCH_EVENTS = 10;

/** A full batch of maximal events, JSON-escaped, fits well below this; anything bigger is abuse. */
export const MAX_HTTP_BODY_BYTES = 256 * 1024;

/** Inbound WebSocket frame cap: a maximal client event plus its envelope, with headroom. */
export const MAX_WS_FRAME_BYTES = 64 * 1024;

/**
 * A socket with this much unsent data queued is not reading; it is dropped (checked by the liveness
 * sweep) rather than letting one slow reader grow the relay's memory without bound. A close frame
 * would wait behind the backlog, so the socket is terminated and the client sees 1006 and reconnects.
 */
export const MAX_SOCKET_BUFFERED_BYTES = 4 * 1024 * 1024;

export const DEFAULT_CLIENT_EVENTS_PER_SECOND = 10;
/**
 * Ceiling of the per-app `maxClientEventsPerSecond`: each connection that sends client events keeps
 * one timestamp per allowed event (8 bytes each), so the option bounds memory per connection.
 */
export const MAX_CLIENT_EVENTS_PER_SECOND = 1_000;
export const CLIENT_EVENT_RATE_WINDOW_MS = 1000;

/**
 * Default caps against one client taking the relay's memory (20,000 subscriptions on one anonymous
 * socket were accepted before). A kitchen display holds a handful of channels; a counter PC a few
 * connections. Both are options (`maxSubscriptionsPerConnection`, `maxConnectionsPerIp`).
 */
export const DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;
/** Loopback counts like any address: everything on one machine shares 127.0.0.1. */
export const DEFAULT_MAX_CONNECTIONS_PER_IP = 200;

/**
 * A socket that holds no channel (and no signed-in user) this long is closed with 4202: it only
 * takes a place under the per-address cap. pusher-js subscribes within a round trip of connecting,
 * so only a stray or hostile client waits this long; a flood of them locks out the other clients
 * of its address for at most this (plus a sweep) before their places free up.
 */
export const DEFAULT_UNSUBSCRIBED_TIMEOUT_MS = 30_000;

export const MAX_PRESENCE_MEMBERS = 100;
export const MAX_PRESENCE_USER_ID_LENGTH = 128;
export const MAX_PRESENCE_USER_INFO_BYTES = 1024;

/** Signed HTTP API requests older or newer than this are replays or a badly skewed clock. */
export const AUTH_TIMESTAMP_TOLERANCE_SEC = 600;
export const SUPPORTED_AUTH_VERSION = '1.0';

export const WEBHOOK_MAX_ATTEMPTS = 5;
/** Retry n waits base × 2^(n-1): 0.5 s, 1 s, 2 s, 4 s — about 7.5 s of trying per batch. */
export const WEBHOOK_RETRY_BASE_DELAY_MS = 500;
export const WEBHOOK_REQUEST_TIMEOUT_MS = 5_000;
/** Events emitted in the same tick travel in one POST, up to this many. */
export const WEBHOOK_MAX_EVENTS_PER_BATCH = 100;
/**
 * Per target URL, batches waiting behind the one in flight (default of the target's
 * `maxQueuedBatches`); when a receiver is down this long, the oldest waiting batches are dropped
 * (and logged). The batch in flight is never the one dropped.
 */
export const WEBHOOK_MAX_QUEUED_BATCHES = 1_000;

/**
 * How long a socket the relay closes (a missed pong, terminate_connections) gets to answer the
 * close frame before it is cut off. ws alone would wait 30 s for a peer that may never answer. The
 * socket leaves its channels at once either way; this only bounds the socket.
 */
export const CLOSE_HANDSHAKE_GRACE_MS = 1_000;

/** How long close() waits for clients to acknowledge the 4200 close frame before cutting them off. */
export const SHUTDOWN_CLOSE_GRACE_MS = 1_000;
