import type { Customer, Money, Order, OrderItem, OrderStatus, OrderType } from '../../common/order.js';
import type { Db } from '../db/database.js';

interface OrderRow {
  rowid: number;
  id: string;
  number: string;
  type: OrderType;
  table_label: string | null;
  customer_name: string | null;
  customer_phone: string | null;
  items_json: string;
  notes: string | null;
  total_amount: number | null;
  total_currency: string | null;
  status: OrderStatus;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** What decides whether an order's customer token still works. */
export interface CustomerTokenRecord {
  hash: string;
  status: OrderStatus;
  /** For a closed order, when it closed. */
  updatedAt: string;
  revokedAt?: string;
}

export interface StoredOrder {
  /** Insertion position: what list cursors point at. */
  position: number;
  order: Order;
}

function toOrder(row: OrderRow): Order {
  const order: Order = {
    id: row.id,
    number: row.number,
    type: row.type,
    items: JSON.parse(row.items_json) as OrderItem[],
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
  if (row.table_label !== null) order.table = row.table_label;
  if (row.customer_name !== null || row.customer_phone !== null) {
    const customer: Customer = {};
    if (row.customer_name !== null) customer.name = row.customer_name;
    if (row.customer_phone !== null) customer.phone = row.customer_phone;
    order.customer = customer;
  }
  if (row.notes !== null) order.notes = row.notes;
  if (row.total_amount !== null && row.total_currency !== null) {
    const total: Money = { amount: row.total_amount, currency: row.total_currency };
    order.total = total;
  }
  if (row.cancel_reason !== null) order.cancelReason = row.cancel_reason;
  return order;
}

export type OrderListFilter = { statuses: readonly OrderStatus[] | 'all'; afterPosition: number; limit: number };

export class OrderRepository {
  private readonly insertStatement;
  private readonly selectById;
  private readonly updateStatusStatement;
  private readonly bumpCounter;
  private readonly selectCustomerToken;
  private readonly revokeCustomerTokenStatement;
  private readonly selectAll;
  private readonly selectMany;
  private readonly countStatement;
  /** Status-filtered list statements, prepared once per distinct filter. */
  private readonly listByStatuses = new Map<string, ReturnType<Db['prepare']>>();

  constructor(private readonly db: Db) {
    this.insertStatement = db.prepare(`INSERT INTO orders
      (id, number, day, type, table_label, customer_name, customer_phone, items_json, notes, total_amount,
       total_currency, status, customer_token_hash, created_at, updated_at, version)
      VALUES (@id, @number, @day, @type, @table, @customerName, @customerPhone, @itemsJson, @notes, @totalAmount,
       @totalCurrency, @status, @customerTokenHash, @createdAt, @updatedAt, @version)`);
    this.selectById = db.prepare<[string], OrderRow>('SELECT rowid, * FROM orders WHERE id = ?');
    // The version guard makes a lost update impossible even if a caller forgot to check.
    this.updateStatusStatement = db.prepare(`UPDATE orders
      SET status = @status, cancel_reason = @cancelReason, updated_at = @updatedAt, version = version + 1
      WHERE id = @id AND version = @version`);
    this.bumpCounter = db.prepare<[string], { last: number }>(`INSERT INTO order_counters (day, last) VALUES (?, 1)
      ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last`);
    this.selectCustomerToken = db.prepare<[string], { hash: string; status: OrderStatus; updated_at: string; revoked_at: string | null }>(
      'SELECT customer_token_hash AS hash, status, updated_at, customer_token_revoked_at AS revoked_at FROM orders WHERE id = ?',
    );
    this.revokeCustomerTokenStatement = db.prepare<[string, string]>(
      'UPDATE orders SET customer_token_revoked_at = ? WHERE id = ? AND customer_token_revoked_at IS NULL',
    );
    this.selectMany = db.prepare<[string], OrderRow>('SELECT rowid, * FROM orders WHERE id IN (SELECT value FROM json_each(?)) ORDER BY rowid');
    this.selectAll = db.prepare<[number, number], OrderRow>('SELECT rowid, * FROM orders WHERE rowid > ? ORDER BY rowid LIMIT ?');
    this.countStatement = db.prepare<[], { orders: number; activeOrders: number }>(`SELECT COUNT(*) AS orders,
      COALESCE(SUM(status IN ('submitted', 'accepted', 'ready')), 0) AS activeOrders FROM orders`);
  }

  /** The next counter value of a business day; call inside the order's transaction. */
  nextDailyNumber(day: string): number {
    return (this.bumpCounter.get(day) as { last: number }).last;
  }

  insert(order: Order, day: string, customerTokenHash: string): void {
    this.insertStatement.run({
      id: order.id,
      number: order.number,
      day,
      type: order.type,
      table: order.table ?? null,
      customerName: order.customer?.name ?? null,
      customerPhone: order.customer?.phone ?? null,
      itemsJson: JSON.stringify(order.items),
      notes: order.notes ?? null,
      totalAmount: order.total?.amount ?? null,
      totalCurrency: order.total?.currency ?? null,
      status: order.status,
      customerTokenHash,
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
      version: order.version,
    });
  }

  get(id: string): Order | undefined {
    const row = this.selectById.get(id);
    return row ? toOrder(row) : undefined;
  }

  /** Returns false when the order is no longer at `version`. */
  updateStatus(change: { id: string; version: number; status: OrderStatus; cancelReason?: string; updatedAt: string }): boolean {
    const result = this.updateStatusStatement.run({
      id: change.id,
      version: change.version,
      status: change.status,
      cancelReason: change.cancelReason ?? null,
      updatedAt: change.updatedAt,
    });
    return result.changes === 1;
  }

  customerToken(orderId: string): CustomerTokenRecord | undefined {
    const row = this.selectCustomerToken.get(orderId);
    if (!row) return undefined;
    return { hash: row.hash, status: row.status, updatedAt: row.updated_at, ...(row.revoked_at !== null ? { revokedAt: row.revoked_at } : {}) };
  }

  /** Marks the order's customer token revoked at `at`; false when it was revoked already (or no such order). */
  revokeCustomerToken(orderId: string, at: string): boolean {
    return this.revokeCustomerTokenStatement.run(at, orderId).changes === 1;
  }

  /** The orders among `ids`, in insertion order; ids that do not exist are left out. */
  getMany(ids: readonly string[]): StoredOrder[] {
    return this.selectMany.all(JSON.stringify(ids)).map((row) => ({ position: row.rowid, order: toOrder(row) }));
  }

  list(filter: OrderListFilter): StoredOrder[] {
    const rows =
      filter.statuses === 'all'
        ? this.selectAll.all(filter.afterPosition, filter.limit)
        : (this.statementFor(filter.statuses).all([filter.afterPosition, ...filter.statuses, filter.limit]) as OrderRow[]);
    return rows.map((row) => ({ position: row.rowid, order: toOrder(row) }));
  }

  private statementFor(statuses: readonly OrderStatus[]): ReturnType<Db['prepare']> {
    const key = statuses.length;
    let statement = this.listByStatuses.get(String(key));
    if (!statement) {
      statement = this.db.prepare(
        `SELECT rowid, * FROM orders WHERE rowid > ? AND status IN (${statuses.map(() => '?').join(', ')}) ORDER BY rowid LIMIT ?`,
      );
      this.listByStatuses.set(String(key), statement);
    }
    return statement;
  }

  counts(): { orders: number; activeOrders: number } {
    return this.countStatement.get() as { orders: number; activeOrders: number };
  }
}
