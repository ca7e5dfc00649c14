/**
 * What a WebSocket upgrade must carry: the path /app/{key} and ?protocol=7. Problems are reported
 * with a 40xx close code and a reason, so pusher-js stops retrying a hopeless setup.
 */
import type { ProtocolErrorSpec } from './errors.js';
import { PROTOCOL_ERRORS } from './errors.js';
import { PROTOCOL_VERSION } from './limits.js';

const APP_PATH_PATTERN = /^\/app\/([^/]+)\/?$/;
const INTEGER_PATTERN = /^\d+$/;

/** The app key of a WebSocket path, or undefined when the path is not the relay's. */
export function appKeyFromPath(pathname: string): string | undefined {
  const match = APP_PATH_PATTERN.exec(pathname);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

export function protocolVersionError(query: URLSearchParams): (ProtocolErrorSpec & { code: number }) | undefined {
  const version = query.get('protocol');
  if (version === null || version === '') return PROTOCOL_ERRORS.RELAY_WS_ERR_NO_PROTOCOL_VERSION;
  if (!INTEGER_PATTERN.test(version)) return PROTOCOL_ERRORS.RELAY_WS_ERR_INVALID_PROTOCOL_VERSION;
  if (Number(version) !== PROTOCOL_VERSION) return PROTOCOL_ERRORS.RELAY_WS_ERR_UNSUPPORTED_PROTOCOL_VERSION;
  return undefined;
}
