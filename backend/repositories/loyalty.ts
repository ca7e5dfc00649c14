import { sql } from 'kysely';
import type { Actor } from '../../common/events.js';
import type { LoyaltyTransaction, LoyaltyTransactionType } from '../../common/loyalty.js';
import { query, type Queryable } from '../db/query.js';
import type { LoyaltyCustomersTable } from '../db/schema.js';

export interface StoredLoyaltyCustomer {
  id: string;
  /** E.164. */
  phone: string;
  createdAt: string;
  version: number;
}

/** The account scope of the whole chain (the default); GIFT_CARDS_SCOPE=location uses the location id. */
export const CHAIN_SCOPE = '*';

const toCustomer = (row: LoyaltyCustomersTable): StoredLoyaltyCustomer => ({ id: row.id, phone: row.phone, createdAt: row.created_at, version: row.version });

const byPhone = query<{ scope: string; phone: string }>()((db, args) =>
  db.selectFrom('loyalty_customers').selectAll().where('scope', '=', args.scope).where('phone', '=', args.phone),
);
// The account row stays locked until the change commits: two redemptions in two processes cannot
// both spend the same points (PostgreSQL; SQLite has one writer).
const byPhoneLocked = query<{ scope: string; phone: string }>()((db, args, dialect) =>
  db
    .selectFrom('loyalty_customers')
    .selectAll()
    .where('scope', '=', args.scope)
    .where('phone', '=', args.phone)
    .$if(dialect === 'postgres', (select) => select.forUpdate()),
);
const insertCustomer = query<{ id: string; location: string; scope: string; phone: string; at: string }>()((db, args) =>
  db
    .insertInto('loyalty_customers')
    .values({ id: args.id, location_id: args.location, scope: args.scope, phone: args.phone, created_at: args.at, version: 0 })
    .returningAll(),
);
const touchCustomer = query<{ id: string }>()((db, args) =>
  db
    .updateTable('loyalty_customers')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', args.id)
    .returning('version'),
);
const balanceOf = query<{ id: string }>()((db, args) =>
  db
    .selectFrom('loyalty_transactions')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('points'), sql<number>`0`).as('balance'))
    .where('customer_id', '=', args.id),
);
const insertLine = query<{
  customerId: string;
  location: string;
  kind: LoyaltyTransactionType;
  points: number;
  balanceAfter: number;
  reason: string;
  actorType: string;
  actorId: string;
  at: string;
}>()((db, args) =>
  db.insertInto('loyalty_transactions').values({
    customer_id: args.customerId,
    location_id: args.location,
    kind: args.kind,
    points: args.points,
    balance_after: args.balanceAfter,
    reason: args.reason,
    actor_type: args.actorType,
    actor_id: args.actorId,
    at: args.at,
  }),
);
const historyOf = query<{ id: string; limit: number }>()((db, args) =>
  db
    .selectFrom('loyalty_transactions')
    .select(['kind', 'points', 'balance_after', 'reason', 'at'])
    .where('customer_id', '=', args.id)
    .orderBy('id', 'desc')
    .limit(args.limit),
);

/** Loyalty accounts and their ledger. Every write runs inside the caller's transaction (ChangeRecorder). */
export class LoyaltyRepository {
  async byPhone(q: Queryable, scope: string, phone: string): Promise<StoredLoyaltyCustomer | undefined> {
    const row = await q.first(byPhone, { scope, phone });
    return row ? toCustomer(row) : undefined;
  }

  /** As byPhone(), with the account locked until the transaction ends: call it where a change is decided. */
  async byPhoneForChange(q: Queryable, scope: string, phone: string): Promise<StoredLoyaltyCustomer | undefined> {
    const row = await q.first(byPhoneLocked, { scope, phone });
    return row ? toCustomer(row) : undefined;
  }

  /**
   * A new account at version 0: the ledger line that follows in the same transaction makes it 1,
   * so an account's version counts its transactions. Two processes opening the same account at
   * once: one insert fails on (scope, phone) and its transaction runs again, finding the other's.
   */
  async create(q: Queryable, account: { id: string; location: string; scope: string; phone: string; at: string }): Promise<StoredLoyaltyCustomer> {
    return toCustomer((await q.first(insertCustomer, account)) as LoyaltyCustomersTable);
  }

  /** The sum of the account's ledger: call it inside the transaction that is about to change it. */
  async balance(q: Queryable, customerId: string): Promise<number> {
    return Number((await q.first(balanceOf, { id: customerId }))?.balance ?? 0);
  }

  /** Writes a ledger line and raises the account's version; answers the new version. */
  async addTransaction(
    q: Queryable,
    line: { customerId: string; location: string; kind: LoyaltyTransactionType; points: number; balanceAfter: number; reason: string; actor: Actor; at: string },
  ): Promise<number> {
    await q.run(insertLine, {
      customerId: line.customerId,
      location: line.location,
      kind: line.kind,
      points: line.points,
      balanceAfter: line.balanceAfter,
      reason: line.reason,
      actorType: line.actor.type,
      actorId: line.actor.id,
      at: line.at,
    });
    return ((await q.first(touchCustomer, { id: line.customerId })) as { version: number }).version;
  }

  /** Newest first. */
  async history(q: Queryable, customerId: string, limit: number): Promise<LoyaltyTransaction[]> {
    return (await q.all(historyOf, { id: customerId, limit })).map((row) => ({
      transactionType: row.kind,
      pointsChange: row.points,
      balanceAfter: row.balance_after,
      reason: row.reason,
      at: row.at,
    }));
  }
}
