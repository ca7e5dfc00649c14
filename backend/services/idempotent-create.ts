import { CodedError, ERRORS } from '../../common/errors.js';
import type { Queryable } from '../db/query.js';
import { sha256Hex } from '../ids.js';
import type { IdempotencyRepository, IdempotencyScopeName } from '../repositories/idempotency.js';
import { stableStringify } from '../stable-json.js';

/** A creating request's Idempotency-Key and who sent it: keys of two POS terminals never collide. */
export interface IdempotencyScope {
  principal: string;
  key: string;
}

/** The body as compared on a repeat: the same fields in another order are the same request. */
export function requestHashOf(input: unknown): string {
  return sha256Hex(stableStringify(input));
}

/**
 * The answer the first request with this key got, or undefined when the key is new. The key sent
 * again with another body is 422 IDEMPOTENCY_KEY_REUSED, naming what the first request made under
 * `idDetail` (e.g. `orderId`). Call inside the creating transaction.
 */
export async function earlierAnswer<T>(
  q: Queryable,
  keys: IdempotencyRepository,
  location: string,
  scope: IdempotencyScopeName,
  idempotency: IdempotencyScope,
  requestHash: string,
  idDetail: string,
): Promise<T | undefined> {
  const earlier = await keys.find(q, location, scope, idempotency.principal, idempotency.key);
  if (!earlier) return undefined;
  if (earlier.requestHash !== requestHash) {
    throw new CodedError(ERRORS.IDEMPOTENCY_KEY_REUSED, 'this Idempotency-Key was already used with a different request body', {
      [idDetail]: earlier.resourceId,
    });
  }
  return JSON.parse(earlier.responseJson) as T;
}
