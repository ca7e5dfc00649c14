import type { Db } from '../db/database.js';

export interface IdempotencyRecord {
  requestHash: string;
  orderId: string;
  responseJson: string;
}

/** Answers of `POST /api/orders` remembered per (token, Idempotency-Key). */
export class IdempotencyRepository {
  private readonly selectStatement;
  private readonly insertStatement;
  private readonly purgeStatement;

  constructor(db: Db) {
    this.selectStatement = db.prepare<[string, string], { request_hash: string; order_id: string; response_json: string }>(
      'SELECT request_hash, order_id, response_json FROM idempotency_keys WHERE principal = ? AND key = ?',
    );
    this.insertStatement = db.prepare(`INSERT INTO idempotency_keys
      (principal, key, request_hash, order_id, response_json, created_ms)
      VALUES (@principal, @key, @requestHash, @orderId, @responseJson, @createdMs)`);
    this.purgeStatement = db.prepare('DELETE FROM idempotency_keys WHERE created_ms < ?');
  }

  find(principal: string, key: string): IdempotencyRecord | undefined {
    const row = this.selectStatement.get(principal, key);
    return row ? { requestHash: row.request_hash, orderId: row.order_id, responseJson: row.response_json } : undefined;
  }

  insert(record: IdempotencyRecord & { principal: string; key: string; createdMs: number }): void {
    this.insertStatement.run(record);
  }

  purgeOlderThan(createdMs: number): number {
    return this.purgeStatement.run(createdMs).changes;
  }
}
