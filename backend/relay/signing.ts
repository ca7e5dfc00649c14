/**
 * The HMAC-SHA256 signatures of the Pusher protocol: channel authorization, user sign-in, HTTP API
 * requests and webhooks. All compare in constant time so a signature cannot be guessed byte by byte.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256Hex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

export function md5Hex(body: string | Buffer): string {
  return createHash('md5').update(body).digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Private: HMAC of "socket_id:channel"; presence appends ":channel_data". */
export function channelAuthSignature(secret: string, socketId: string, channel: string, channelData?: string): string {
  const message = channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`;
  return hmacSha256Hex(secret, message);
}

/** User sign-in: HMAC of "socket_id::user::user_data". */
export function userAuthSignature(secret: string, socketId: string, userData: string): string {
  return hmacSha256Hex(secret, `${socketId}::user::${userData}`);
}

/** Checks an `auth` token of the form "key:signature" against the expected signature. */
export function authTokenMatches(token: string, appKey: string, expectedSignature: string): boolean {
  const separator = token.indexOf(':');
  if (separator < 0) return false;
  const key = token.slice(0, separator);
  const signature = token.slice(separator + 1);
  return constantTimeEqual(key, appKey) && constantTimeEqual(signature, expectedSignature);
}

/**
 * The string an HTTP API request signs: "METHOD\nPATH\nk=v&…" with the query keys lower-cased and
 * sorted, the values unescaped, and auth_signature left out.
 */
export function apiStringToSign(method: string, path: string, query: ReadonlyMap<string, string>): string {
  const pairs = [...query.entries()]
    .filter(([key]) => key !== 'auth_signature')
    .map(([key, value]) => [key.toLowerCase(), value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`);
  return `${method.toUpperCase()}\n${path}\n${pairs.join('&')}`;
}

/** Webhooks are signed over the exact body bytes sent (header X-Pusher-Signature). */
export function webhookSignature(secret: string, body: string): string {
  return hmacSha256Hex(secret, body);
}
