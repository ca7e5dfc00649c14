/**
 * The embedded Pusher Channels protocol v7 relay: `startRelay` runs it on its own port,
 * `createRelay` gives handlers to mount on an existing http.Server.
 */
export { startRelay } from './server.js';
export { createRelay } from './relay.js';
export { createLineLogger, SILENT_LOGGER } from './logger.js';
export { CLOSE_CODES, CONFIG_ERRORS, HTTP_ERRORS, PROTOCOL_ERRORS, RelayConfigError, RelayHttpError } from './errors.js';
export type { ConfigErrorCode, HttpErrorCode, ProtocolErrorId } from './errors.js';
export { WEBHOOK_EVENT_NAMES } from './types.js';
export type {
  RelayApp,
  RelayBatchEvent,
  RelayHandlers,
  RelayLogFields,
  RelayLogger,
  RelayOptions,
  RelayStats,
  RelayWebhookTarget,
  RunningRelay,
  WebhookEventName,
} from './types.js';
