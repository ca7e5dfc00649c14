import type { Db } from '../db/database.js';

/** The routes that take an Idempotency-Key; a key used on two of them is two keys. */
export type IdempotencyScopeName = 'orders' | 'gift-cards' | 'gift-card-redeem' | 'gift-card-void' | 'loyalty-add' | 'loyalty-redeem';

export interface IdempotencyRecord {
  requestHash: string;
  /** What the first request made or changed: an order id, a gift card id, a loyalty customer id. */
  resourceId: string;
  responseJson: string;
}

interface IdempotencyRow {
  request_hash: string;
  resource_id: string;
  response_json: string;
}

/** Answers of creating routes remembered per (route, token, Idempotency-Key). */
export class IdempotencyRepository {
  private readonly selectStatement;
  private readonly insertStatement;
  private readonly purgeStatement;

  constructor(db: Db) {
    this.selectStatement = db.prepare<[string, string, string], IdempotencyRow>(
      'SELECT request_hash, resource_id, response_json FROM idempotency_keys WHERE scope = ? AND principal = ? AND key = ?',
    );
    this.insertStatement = db.prepare(`INSERT INTO idempotency_keys
      (scope, principal, key, request_hash, resource_id, response_json, created_ms)
      VALUES (@scope, @principal, @key, @requestHash, @resourceId, @responseJson, @createdMs)`);
    this.purgeStatement = db.prepare('DELETE FROM idempotency_keys WHERE created_ms < ?');
  }

  find(scope: IdempotencyScopeName, principal: string, key: string): IdempotencyRecord | undefined {
    const row = this.selectStatement.get(scope, principal, key);
    return row ? { requestHash: row.request_hash, resourceId: row.resource_id, responseJson: row.response_json } : undefined;
  }

  insert(record: IdempotencyRecord & { scope: IdempotencyScopeName; principal: string; key: string; createdMs: number }): void {
    this.insertStatement.run(record);
  }

  purgeOlderThan(createdMs: number): number {
    return this.purgeStatement.run(createdMs).changes;
  }
}
