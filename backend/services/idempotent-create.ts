import { CodedError, ERROR_CODES } from '../../common/errors.js';
import { sha256Hex } from '../ids.js';
import type { IdempotencyRepository, IdempotencyScopeName } from '../repositories/idempotency.js';
import { stableStringify } from '../stable-json.js';
import type { Clock } from '../time.js';

/** A request's Idempotency-Key and who sent it: keys of two POS terminals never collide. */
export interface IdempotencyScope {
  principal: string;
  key: string;
}

/** An answer, and whether it repeats the first answer given to the same Idempotency-Key. */
export interface Replayable<T> {
  answer: T;
  /** true when this answer repeats an earlier request with the same key: nothing was applied now. */
  replayed: boolean;
}

/** What a change made: its answer, and the id of what it made or changed (for the 409's details). */
export interface AppliedChange<T> {
  answer: T;
  resourceId: string;
}

/** The body as compared on a repeat: the same fields in another order are the same request. */
export function requestHashOf(input: unknown): string {
  return sha256Hex(stableStringify(input));
}

/**
 * Applies a change at most once per Idempotency-Key. Call inside the change's transaction (the
 * ChangeRecorder's IMMEDIATE one), so a key's first answer is stored with the change it describes
 * or not at all, and a retry arriving while the first request runs waits for it and then finds it.
 *
 * - No key: `apply` runs, as before.
 * - A new key: `apply` runs and its answer is remembered under (scope, token, key).
 * - The key again with the same request (`request`: everything that decides what is changed — the
 *   body and the path's resource): the first answer again, `replayed`, and `apply` never runs.
 * - The key again with another request: 409 IDEMPOTENCY_KEY_REUSED, naming under `idDetail` what
 *   the first request made or changed.
 *
 * A refused request (`apply` throws) is not remembered: it changed nothing, so a retry with the same
 * key is judged afresh (the card may have been topped up since).
 */
export function applyOnce<T>(
  keys: IdempotencyRepository,
  scope: IdempotencyScopeName,
  idempotency: IdempotencyScope | undefined,
  request: unknown,
  idDetail: string,
  clock: Pick<Clock, 'now'>,
  apply: () => AppliedChange<T>,
): Replayable<T> {
  if (!idempotency) return { answer: apply().answer, replayed: false };
  const requestHash = requestHashOf(request);
  const earlier = keys.find(scope, idempotency.principal, idempotency.key);
  if (earlier) {
    if (earlier.requestHash !== requestHash) {
      throw new CodedError(ERROR_CODES.IDEMPOTENCY_KEY_REUSED, 'this Idempotency-Key was already used with a different request', 409, {
        [idDetail]: earlier.resourceId,
      });
    }
    return { answer: JSON.parse(earlier.responseJson) as T, replayed: true };
  }
  const { answer, resourceId } = apply();
  keys.insert({ ...idempotency, scope, requestHash, resourceId, responseJson: JSON.stringify(answer), createdMs: clock.now() });
  return { answer, replayed: false };
}
