import { query, type Queryable } from '../db/query.js';

/** The routes that take an Idempotency-Key; a key used on two of them is two keys. */
export type IdempotencyScopeName = 'orders' | 'gift-cards' | 'gift-card-redeem' | 'gift-card-void' | 'loyalty-add' | 'loyalty-redeem' | 'payment-request';

export interface IdempotencyRecord {
  requestHash: string;
  /** What the first request made or changed: an order id, a gift card id, a loyalty customer id, a payment id. */
  resourceId: string;
  responseJson: string;
}

type KeyArgs = { location: string; scope: IdempotencyScopeName; principal: string; key: string };

const findKey = query<KeyArgs>()((db, args) =>
  db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'resource_id', 'response_json'])
    .where('location_id', '=', args.location)
    .where('scope', '=', args.scope)
    .where('principal', '=', args.principal)
    .where('key', '=', args.key),
);
const insertKey = query<KeyArgs & IdempotencyRecord & { createdMs: number }>()((db, args) =>
  db.insertInto('idempotency_keys').values({
    location_id: args.location,
    scope: args.scope,
    principal: args.principal,
    key: args.key,
    request_hash: args.requestHash,
    resource_id: args.resourceId,
    response_json: args.responseJson,
    created_ms: args.createdMs,
  }),
);
const answerKey = query<KeyArgs & { resourceId: string; responseJson: string }>()((db, args) =>
  db
    .updateTable('idempotency_keys')
    .set({ resource_id: args.resourceId, response_json: args.responseJson })
    .where('location_id', '=', args.location)
    .where('scope', '=', args.scope)
    .where('principal', '=', args.principal)
    .where('key', '=', args.key),
);
const purgeKeys = query<{ createdMs: number }>()((db, args) => db.deleteFrom('idempotency_keys').where('created_ms', '<', args.createdMs));

/**
 * Answers of creating routes remembered per (location, route, token, Idempotency-Key). Two
 * processes answering the same key at once both miss it; the second insert then fails on the key
 * and its transaction runs again, finding the first answer (PostgresDatabase retries it).
 */
export class IdempotencyRepository {
  async find(q: Queryable, location: string, scope: IdempotencyScopeName, principal: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = await q.first(findKey, { location, scope, principal, key });
    return row ? { requestHash: row.request_hash, resourceId: row.resource_id, responseJson: row.response_json } : undefined;
  }

  async insert(q: Queryable, record: IdempotencyRecord & { location: string; scope: IdempotencyScopeName; principal: string; key: string; createdMs: number }): Promise<void> {
    await q.run(insertKey, record);
  }

  /** Stores the answer of a key inserted earlier in the same transaction (applyOnce claims the key first). */
  async answer(q: Queryable, args: { location: string; scope: IdempotencyScopeName; principal: string; key: string; resourceId: string; responseJson: string }): Promise<void> {
    await q.run(answerKey, args);
  }

  async purgeOlderThan(q: Queryable, createdMs: number): Promise<number> {
    return q.run(purgeKeys, { createdMs });
  }
}
