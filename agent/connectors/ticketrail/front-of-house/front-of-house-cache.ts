import type Database from 'better-sqlite3';
import type { RailCourier, RailPayment } from '../../../../common/kitchen-api.js';

interface BodyRow {
  order_id: string;
  body: string;
}

/** What a card shows besides the order: its payments (oldest first) and its courier. */
export interface FrontOfHouse {
  payments: RailPayment[];
  courier?: RailCourier;
}

/**
 * The payments and couriers of orders in the agent's cache (tables of cache migration 2). Written
 * from events only, each row kept at its newest version: events and answers to the board's own
 * verify/reject calls may cross.
 */
export class FrontOfHouseCache {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      payment: db.prepare<[string], BodyRow & { version: number }>('SELECT order_id, body, version FROM order_payments WHERE id = ?'),
      paymentsOf: db.prepare<[string], BodyRow>('SELECT order_id, body FROM order_payments WHERE order_id = ? ORDER BY rowid'),
      putPayment: db.prepare(
        `INSERT INTO order_payments (id, order_id, version, body) VALUES (@id, @orderId, @version, @body)
         ON CONFLICT(id) DO UPDATE SET version = excluded.version, body = excluded.body WHERE excluded.version > order_payments.version`,
      ),
      courierOf: db.prepare<[string], BodyRow>('SELECT order_id, body FROM order_couriers WHERE order_id = ?'),
      putCourier: db.prepare(
        `INSERT INTO order_couriers (order_id, version, body) VALUES (@orderId, @version, @body)
         ON CONFLICT(order_id) DO UPDATE SET version = excluded.version, body = excluded.body WHERE excluded.version > order_couriers.version`,
      ),
      // The board's snapshot: one query each for every order on the rail, not two per card.
      activePayments: db.prepare<[], BodyRow>(
        `SELECT p.order_id, p.body FROM order_payments p JOIN orders o ON o.id = p.order_id
         WHERE o.status IN ('submitted','accepted','ready') ORDER BY p.rowid`,
      ),
      activeCouriers: db.prepare<[], BodyRow>(
        `SELECT c.order_id, c.body FROM order_couriers c JOIN orders o ON o.id = c.order_id WHERE o.status IN ('submitted','accepted','ready')`,
      ),
    };
  }

  payment(id: string): { orderId: string; payment: RailPayment } | undefined {
    const row = this.statements.payment.get(id);
    return row ? { orderId: row.order_id, payment: JSON.parse(row.body) as RailPayment } : undefined;
  }

  /** Stores the payment unless the cache holds a newer version; whether it stored it. */
  putPaymentIfNewer(orderId: string, payment: RailPayment): boolean {
    return this.statements.putPayment.run({ id: payment.id, orderId, version: payment.version, body: JSON.stringify(payment) }).changes > 0;
  }

  /** Stores the courier unless the cache holds a newer version; whether it stored it. */
  putCourierIfNewer(orderId: string, courier: RailCourier): boolean {
    return this.statements.putCourier.run({ orderId, version: courier.version, body: JSON.stringify(courier) }).changes > 0;
  }

  of(orderId: string): FrontOfHouse {
    const payments = this.statements.paymentsOf.all(orderId).map((row) => JSON.parse(row.body) as RailPayment);
    const courier = this.statements.courierOf.get(orderId);
    return { payments, ...(courier ? { courier: JSON.parse(courier.body) as RailCourier } : {}) };
  }

  /** Payments and couriers of every active order, by order id. */
  active(): Map<string, FrontOfHouse> {
    const byOrder = new Map<string, FrontOfHouse>();
    const entry = (orderId: string): FrontOfHouse => {
      let found = byOrder.get(orderId);
      if (!found) byOrder.set(orderId, (found = { payments: [] }));
      return found;
    };
    for (const row of this.statements.activePayments.all()) entry(row.order_id).payments.push(JSON.parse(row.body) as RailPayment);
    for (const row of this.statements.activeCouriers.all()) entry(row.order_id).courier = JSON.parse(row.body) as RailCourier;
    return byOrder;
  }
}
