import { CodedError, ERRORS } from '../../common/errors.js';
import type { Queryable } from '../db/query.js';
import { sha256Hex } from '../ids.js';
import type { IdempotencyRepository, IdempotencyScopeName } from '../repositories/idempotency.js';
import { stableStringify } from '../stable-json.js';
import type { Clock } from '../time.js';

/** A request's Idempotency-Key and who sent it: keys of two POS terminals never collide. */
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
 * again with another body is 409 IDEMPOTENCY_KEY_REUSED, naming what the first request made under
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

/**
 * Applies a change at most once per Idempotency-Key. Call inside the change's transaction: the key
 * is claimed (its row inserted) before `apply` decides anything, and its answer stored with the
 * change it describes or not at all. A retry arriving while the first request runs waits for that
 * row — SQLite's one writer, or PostgreSQL's unique key, whose loser runs its transaction again —
 * and then finds the first answer, instead of judging the balance the first one already spent.
 *
 * - No key: `apply` runs, as before.
 * - A new key: `apply` runs and its answer is remembered under (location, scope, token, key).
 * - The key again with the same request (`request`: everything that decides what is changed — the
 *   body and the path's resource): the first answer again, `replayed`, and `apply` never runs.
 * - The key again with another request: 409 IDEMPOTENCY_KEY_REUSED, naming under `idDetail` what
 *   the first request made or changed.
 *
 * A refused request (`apply` throws) is not remembered: it changed nothing, so a retry with the same
 * key is judged afresh (the card may have been topped up since).
 */
export async function applyOnce<T>(
  q: Queryable,
  keys: IdempotencyRepository,
  location: string,
  scope: IdempotencyScopeName,
  idempotency: IdempotencyScope | undefined,
  request: unknown,
  idDetail: string,
  clock: Pick<Clock, 'now'>,
  apply: () => Promise<AppliedChange<T>>,
): Promise<Replayable<T>> {
  if (!idempotency) return { answer: (await apply()).answer, replayed: false };
  const requestHash = requestHashOf(request);
  const earlier = await earlierAnswer<T>(q, keys, location, scope, idempotency, requestHash, idDetail);
  if (earlier !== undefined) return { answer: earlier, replayed: true };
  const claim = { ...idempotency, location, scope };
  await keys.insert(q, { ...claim, requestHash, resourceId: '', responseJson: 'null', createdMs: clock.now() });
  const { answer, resourceId } = await apply();
  await keys.answer(q, { ...claim, resourceId, responseJson: JSON.stringify(answer) });
  return { answer, replayed: false };
}
