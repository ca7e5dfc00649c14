/**
 * Verifies a signed HTTP API request the way Pusher does: the key must be the app's, the
 * timestamp within ±600 s, auth_version 1.0, body_md5 must match any body, and auth_signature
 * must be the HMAC-SHA256 of "METHOD\nPATH\nsorted query". Each failure has its own 401 code.
 */
import { RelayHttpError } from '../errors.js';
import { AUTH_TIMESTAMP_TOLERANCE_SEC, SUPPORTED_AUTH_VERSION } from '../limits.js';
import { apiStringToSign, constantTimeEqual, hmacSha256Hex, md5Hex } from '../signing.js';
import type { RelayApp } from '../types.js';
import type { ApiQuery } from './api-query.js';

export interface SignedRequest {
  method: string;
  /** The path exactly as requested (still percent-encoded), which is what clients sign. */
  path: string;
  /** Lower-cased keys, each once (readApiQuery): the parameters the endpoint will read. */
  query: ApiQuery;
  body: Buffer;
}

export function verifySignedRequest(app: RelayApp, request: SignedRequest, nowMs: number = Date.now()): void {
  const params = request.query;
  const authKey = params.get('auth_key');
  const timestamp = params.get('auth_timestamp');
  const version = params.get('auth_version');
  const signature = params.get('auth_signature');
  if (authKey === undefined || timestamp === undefined || version === undefined || signature === undefined) {
    throw new RelayHttpError('RELAY_ERR_AUTH_PARAMS_MISSING');
  }
  if (!constantTimeEqual(authKey, app.key)) throw new RelayHttpError('RELAY_ERR_AUTH_KEY_MISMATCH');
  if (version !== SUPPORTED_AUTH_VERSION) throw new RelayHttpError('RELAY_ERR_AUTH_VERSION_UNSUPPORTED');

  const skewSec = Math.abs(nowMs / 1000 - Number(timestamp));
  if (!Number.isFinite(skewSec) || skewSec > AUTH_TIMESTAMP_TOLERANCE_SEC) {
    throw new RelayHttpError('RELAY_ERR_AUTH_TIMESTAMP_EXPIRED', `server time ${Math.floor(nowMs / 1000)}`);
  }

  if (request.body.length > 0) {
    const bodyMd5 = params.get('body_md5');
    if (bodyMd5 === undefined || !constantTimeEqual(bodyMd5, md5Hex(request.body))) {
      throw new RelayHttpError('RELAY_ERR_BODY_MD5_MISMATCH');
    }
  }

  const stringToSign = apiStringToSign(request.method, request.path, params);
  if (!constantTimeEqual(signature, hmacSha256Hex(app.secret, stringToSign))) {
    // Showing what was signed (no secret in it) is how Pusher helps people fix their client.
    throw new RelayHttpError('RELAY_ERR_SIGNATURE_MISMATCH', `expected HMAC-SHA256 hex of ${JSON.stringify(stringToSign)}`);
  }
}
