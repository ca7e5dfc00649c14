import type { Actor } from '../../common/events.js';
import type { LoyaltyTransaction, LoyaltyTransactionType } from '../../common/loyalty.js';
import type { Db } from '../db/database.js';

export interface StoredLoyaltyCustomer {
  id: string;
  /** E.164. */
  phone: string;
  createdAt: string;
  version: number;
}

interface CustomerRow {
  id: string;
  phone: string;
  created_at: string;
  version: number;
}

interface TransactionRow {
  kind: LoyaltyTransactionType;
  points: number;
  balance_after: number;
  reason: string;
  at: string;
}

const toCustomer = (row: CustomerRow): StoredLoyaltyCustomer => ({ id: row.id, phone: row.phone, createdAt: row.created_at, version: row.version });

/** Loyalty accounts and their ledger. Every write runs inside the caller's transaction (ChangeRecorder). */
export class LoyaltyRepository {
  private readonly selectByPhone;
  private readonly insertCustomer;
  private readonly touchCustomer;
  private readonly selectBalance;
  private readonly insertTransaction;
  private readonly selectHistory;

  constructor(db: Db) {
    this.selectByPhone = db.prepare<[string], CustomerRow>('SELECT * FROM loyalty_customers WHERE phone = ?');
    this.insertCustomer = db.prepare<[string, string, string], CustomerRow>(
      'INSERT INTO loyalty_customers (id, phone, created_at, version) VALUES (?, ?, ?, 0) RETURNING *',
    );
    this.touchCustomer = db.prepare<[string], CustomerRow>('UPDATE loyalty_customers SET version = version + 1 WHERE id = ? RETURNING *');
    this.selectBalance = db.prepare<[string], { balance: number }>(
      'SELECT COALESCE(SUM(points), 0) AS balance FROM loyalty_transactions WHERE customer_id = ?',
    );
    this.insertTransaction = db.prepare(`INSERT INTO loyalty_transactions
      (customer_id, kind, points, balance_after, reason, actor_type, actor_id, at)
      VALUES (@customerId, @kind, @points, @balanceAfter, @reason, @actorType, @actorId, @at)`);
    this.selectHistory = db.prepare<[string, number], TransactionRow>(
      'SELECT kind, points, balance_after, reason, at FROM loyalty_transactions WHERE customer_id = ? ORDER BY id DESC LIMIT ?',
    );
  }

  byPhone(phone: string): StoredLoyaltyCustomer | undefined {
    const row = this.selectByPhone.get(phone);
    return row ? toCustomer(row) : undefined;
  }

  /**
   * A new account at version 0: the ledger line that follows in the same transaction makes it 1,
   * so an account's version counts its transactions.
   */
  create(id: string, phone: string, at: string): StoredLoyaltyCustomer {
    return toCustomer(this.insertCustomer.get(id, phone, at) as CustomerRow);
  }

  /** The sum of the account's ledger: call it inside the transaction that is about to change it. */
  balance(customerId: string): number {
    return (this.selectBalance.get(customerId) as { balance: number }).balance;
  }

  /** Writes a ledger line and raises the account's version; answers the new version. */
  addTransaction(line: {
    customerId: string;
    kind: LoyaltyTransactionType;
    points: number;
    balanceAfter: number;
    reason: string;
    actor: Actor;
    at: string;
  }): number {
    this.insertTransaction.run({
      customerId: line.customerId,
      kind: line.kind,
      points: line.points,
      balanceAfter: line.balanceAfter,
      reason: line.reason,
      actorType: line.actor.type,
      actorId: line.actor.id,
      at: line.at,
    });
    return (this.touchCustomer.get(line.customerId) as CustomerRow).version;
  }

  /** Newest first. */
  history(customerId: string, limit: number): LoyaltyTransaction[] {
    return this.selectHistory.all(customerId, limit).map((row) => ({
      transactionType: row.kind,
      pointsChange: row.points,
      balanceAfter: row.balance_after,
      reason: row.reason,
      at: row.at,
    }));
  }
}
