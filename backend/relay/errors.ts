/**
 * Error identities of the relay. Two families, because the protocol has two error channels:
 * WebSocket errors travel as `pusher:error` frames and/or close codes, HTTP API errors as a status
 * and a `{code, message}` body. Pusher's numeric codes are kept where pusher-js acts on them.
 */
import { MAX_CHANNEL_NAME_LENGTH, MAX_CLIENT_EVENTS_PER_SECOND, MAX_PRESENCE_MEMBERS } from './limits.js';

/**
 * WebSocket close codes. pusher-js decides what to do by range: 4000–4099 never reconnect,
 * 4100–4199 reconnect with backoff, 4200–4299 reconnect at once, ≥4300 never reconnect.
 */
export const CLOSE_CODES = {
  APP_NOT_FOUND: 4001,
  INVALID_PROTOCOL_VERSION: 4006,
  UNSUPPORTED_PROTOCOL_VERSION: 4007,
  NO_PROTOCOL_VERSION: 4008,
  /** Also used for terminate_connections: a kicked user must not silently reconnect. */
  CONNECTION_UNAUTHORIZED: 4009,
  /** Pusher's "over capacity": pusher-js reconnects after a back-off (1 s). */
  OVER_CAPACITY: 4100,
  SERVER_RESTARTING: 4200,
  PONG_NOT_RECEIVED: 4201,
  /** Pusher's "closed after inactivity": here, a socket that held no channel for too long. */
  CLOSED_AFTER_INACTIVITY: 4202,
} as const;

/** Pusher's `pusher:error` code for a refused client event (4300–4399: errors that keep the socket open). */
const CLIENT_EVENT_REJECTED_CODE = 4301;

export interface ProtocolErrorSpec {
  /** Pusher's numeric code in the `pusher:error` frame; null where Pusher defines none. */
  readonly code: number | null;
  readonly message: string;
}

/** Every `pusher:error` (and close reason) the relay can produce. */
export const PROTOCOL_ERRORS = {
  RELAY_WS_ERR_APP_NOT_FOUND: { code: CLOSE_CODES.APP_NOT_FOUND, message: 'Unknown app key' },
  RELAY_WS_ERR_INVALID_PROTOCOL_VERSION: {
    code: CLOSE_CODES.INVALID_PROTOCOL_VERSION,
    message: 'Invalid protocol version format; expected an integer',
  },
  RELAY_WS_ERR_UNSUPPORTED_PROTOCOL_VERSION: {
    code: CLOSE_CODES.UNSUPPORTED_PROTOCOL_VERSION,
    message: 'Unsupported protocol version; this relay speaks protocol 7',
  },
  RELAY_WS_ERR_NO_PROTOCOL_VERSION: {
    code: CLOSE_CODES.NO_PROTOCOL_VERSION,
    message: 'No protocol version supplied; add ?protocol=7 to the URL',
  },
  RELAY_WS_ERR_USER_TERMINATED: {
    code: CLOSE_CODES.CONNECTION_UNAUTHORIZED,
    message: "The user's connections were terminated by the server",
  },
  RELAY_WS_ERR_SIGNIN_FAILED: {
    code: CLOSE_CODES.CONNECTION_UNAUTHORIZED,
    message: 'Sign-in rejected: invalid auth signature or user_data without an id',
  },
  RELAY_WS_ERR_OVER_CAPACITY: {
    code: CLOSE_CODES.OVER_CAPACITY,
    message: 'Over capacity: too many connections from this address; retry later',
  },
  RELAY_WS_ERR_SERVER_RESTARTING: { code: CLOSE_CODES.SERVER_RESTARTING, message: 'Relay is shutting down; reconnect' },
  RELAY_WS_ERR_PONG_NOT_RECEIVED: { code: CLOSE_CODES.PONG_NOT_RECEIVED, message: 'Pong reply not received in time' },
  RELAY_WS_ERR_NOTHING_SUBSCRIBED: {
    code: CLOSE_CODES.CLOSED_AFTER_INACTIVITY,
    message: 'Closed: subscribed to no channel for too long; reconnect when there is one to join',
  },
  RELAY_WS_ERR_CLIENT_EVENT_RATE_LIMITED: {
    code: CLIENT_EVENT_REJECTED_CODE,
    message: 'Client event rejected: rate limit exceeded',
  },
  /**
   * Hosted Pusher answers this with code null and a pointer to its dashboard; soketi and Laravel
   * Reverb use 4301, the code of the client-event refusals, and so does the relay.
   */
  RELAY_WS_ERR_CLIENT_EVENTS_DISABLED: {
    code: CLIENT_EVENT_REJECTED_CODE,
    message: 'Client events are not enabled for this app',
  },
  RELAY_WS_ERR_MALFORMED_MESSAGE: {
    code: null,
    message: 'Malformed message: expected JSON {"event": string, "data": ..., "channel"?: string}',
  },
  RELAY_WS_ERR_CLIENT_EVENT_CHANNEL_TYPE: {
    code: null,
    message: 'Client events are only allowed on private- and presence- channels',
  },
  RELAY_WS_ERR_CLIENT_EVENT_NOT_SUBSCRIBED: {
    code: null,
    message: 'Client event rejected: the sender is not subscribed to the channel',
  },
  RELAY_WS_ERR_CLIENT_EVENT_INVALID: {
    code: null,
    message: 'Client event rejected: event name too long or data larger than 10 KB',
  },
} as const satisfies Record<string, ProtocolErrorSpec>;

export type ProtocolErrorId = keyof typeof PROTOCOL_ERRORS;

/** `pusher:subscription_error` payload types (pusher-js hands `{type, error, status}` to the channel). */
export const SUBSCRIPTION_ERROR_TYPES = {
  AUTH: 'AuthError',
  INVALID_CHANNEL: 'InvalidChannel',
  LIMIT_REACHED: 'LimitReached',
} as const;

/** The HTTP-style status pusher-js passes on to `pusher:subscription_error` handlers. */
export const SUBSCRIPTION_ERROR_STATUS = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403 } as const;

export interface SubscriptionErrorSpec {
  readonly type: (typeof SUBSCRIPTION_ERROR_TYPES)[keyof typeof SUBSCRIPTION_ERROR_TYPES];
  readonly status: number;
  readonly message: string;
}

/** Subscription refusals with a fixed text (auth failures name the channel and are built where checked). */
export const SUBSCRIPTION_ERRORS = {
  RELAY_SUB_ERR_INVALID_CHANNEL_NAME: {
    type: SUBSCRIPTION_ERROR_TYPES.INVALID_CHANNEL,
    status: SUBSCRIPTION_ERROR_STATUS.BAD_REQUEST,
    message: `Invalid channel name: at most ${MAX_CHANNEL_NAME_LENGTH} characters of A-Z a-z 0-9 _ - = @ , . ;`,
  },
  RELAY_SUB_ERR_PRESENCE_FULL: {
    type: SUBSCRIPTION_ERROR_TYPES.LIMIT_REACHED,
    status: SUBSCRIPTION_ERROR_STATUS.FORBIDDEN,
    message: `Presence channel is full (${MAX_PRESENCE_MEMBERS} members)`,
  },
  /** The relay's cap (maxSubscriptionsPerConnection) is appended as "(limit N)". */
  RELAY_SUB_ERR_TOO_MANY_SUBSCRIPTIONS: {
    type: SUBSCRIPTION_ERROR_TYPES.LIMIT_REACHED,
    status: SUBSCRIPTION_ERROR_STATUS.FORBIDDEN,
    message: 'Subscription refused: this connection is subscribed to as many channels as the relay allows; unsubscribe from one first',
  },
} as const satisfies Record<string, SubscriptionErrorSpec>;

export interface HttpErrorSpec {
  readonly status: number;
  readonly message: string;
}

/** Every HTTP API error; the key is the `code` in the response body. */
export const HTTP_ERRORS = {
  RELAY_ERR_ROUTE_NOT_FOUND: { status: 404, message: 'No such relay API endpoint' },
  RELAY_ERR_METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed on this endpoint' },
  RELAY_ERR_APP_NOT_FOUND: { status: 404, message: 'Unknown app id' },
  RELAY_ERR_AUTH_PARAMS_MISSING: {
    status: 401,
    message: 'Missing auth_key, auth_timestamp, auth_version or auth_signature',
  },
  RELAY_ERR_AUTH_KEY_MISMATCH: { status: 401, message: 'auth_key does not belong to this app' },
  RELAY_ERR_AUTH_VERSION_UNSUPPORTED: { status: 401, message: 'Unsupported auth_version; expected 1.0' },
  RELAY_ERR_AUTH_TIMESTAMP_EXPIRED: {
    status: 401,
    message: 'auth_timestamp is more than 600 s away from server time',
  },
  RELAY_ERR_BODY_MD5_MISMATCH: { status: 401, message: 'body_md5 is missing or does not match the body' },
  RELAY_ERR_SIGNATURE_MISMATCH: { status: 401, message: 'Invalid auth_signature' },
  RELAY_ERR_BODY_TOO_LARGE: { status: 413, message: 'Request body too large' },
  RELAY_ERR_EVENT_DATA_TOO_LARGE: { status: 413, message: 'Event data exceeds 10 KB' },
  RELAY_ERR_QUERY_KEY_REPEATED: {
    status: 400,
    message: 'Repeated query parameter: each key may appear once, and keys differing only in case are the same key',
  },
  RELAY_ERR_INVALID_JSON: { status: 400, message: 'Request body is not valid JSON' },
  RELAY_ERR_INVALID_BODY: { status: 400, message: 'Request body has the wrong shape' },
  RELAY_ERR_INVALID_CHANNEL_NAME: {
    status: 400,
    message: 'Invalid channel name: at most 164 characters of A-Z a-z 0-9 _ - = @ , . ;',
  },
  RELAY_ERR_INVALID_EVENT_NAME: { status: 400, message: 'Invalid event name: 1 to 200 characters' },
  RELAY_ERR_NO_CHANNELS: { status: 400, message: 'An event needs a channel or channels' },
  RELAY_ERR_TOO_MANY_CHANNELS: { status: 400, message: 'An event can go to at most 100 channels' },
  RELAY_ERR_BATCH_TOO_LARGE: { status: 400, message: 'A batch holds at most 10 events' },
  RELAY_ERR_INVALID_SOCKET_ID: { status: 400, message: 'Invalid socket_id; expected digits.digits' },
  RELAY_ERR_INVALID_INFO: { status: 400, message: 'Unsupported info attribute' },
  RELAY_ERR_NOT_PRESENCE_CHANNEL: { status: 400, message: 'Only presence channels have users' },
  RELAY_ERR_INTERNAL: { status: 500, message: 'Internal relay error' },
} as const satisfies Record<string, HttpErrorSpec>;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

/** Thrown by HTTP API handlers; the router turns it into the status and `{code, message}` body. */
export class RelayHttpError extends Error {
  readonly status: number;

  constructor(
    readonly code: HttpErrorCode,
    detail?: string,
  ) {
    const spec: HttpErrorSpec = HTTP_ERRORS[code];
    super(detail === undefined ? spec.message : `${spec.message} (${detail})`);
    this.name = 'RelayHttpError';
    this.status = spec.status;
  }
}

/** Invalid options passed to createRelay/startRelay: programming errors, reported at start. */
export const CONFIG_ERRORS = {
  RELAY_ERR_NO_APPS: 'at least one app is required',
  RELAY_ERR_APP_INCOMPLETE: 'every app needs a non-empty id, key and secret',
  RELAY_ERR_DUPLICATE_APP_ID: 'duplicate app id',
  RELAY_ERR_DUPLICATE_APP_KEY: 'duplicate app key',
  RELAY_ERR_ACTIVITY_TIMEOUT: 'activityTimeoutSec must be greater than 0',
  RELAY_ERR_CLIENT_EVENT_RATE: `maxClientEventsPerSecond must be a whole number from 1 to ${MAX_CLIENT_EVENTS_PER_SECOND}`,
  RELAY_ERR_WEBHOOK_QUEUE_LIMIT: 'webhooks[].maxQueuedBatches must be a whole number of at least 1',
  RELAY_ERR_SUBSCRIPTION_CAP: 'maxSubscriptionsPerConnection must be a whole number of at least 1',
  RELAY_ERR_CONNECTION_CAP: 'maxConnectionsPerIp must be a whole number of at least 1',
  RELAY_ERR_UNSUBSCRIBED_TIMEOUT: 'unsubscribedTimeoutMs must be a whole number of milliseconds of at least 1',
  RELAY_ERR_TRUSTED_PROXY: 'trustedProxies must list IP addresses (IPv4 or IPv6), not host names or ranges',
} as const;

export type ConfigErrorCode = keyof typeof CONFIG_ERRORS;

export class RelayConfigError extends Error {
  constructor(
    readonly code: ConfigErrorCode,
    detail?: string,
  ) {
    super(`relay: ${CONFIG_ERRORS[code]}${detail === undefined ? '' : ` (${detail})`}`);
    this.name = 'RelayConfigError';
  }
}
