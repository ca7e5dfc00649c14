import { sql } from 'kysely';
import type { Customer, Money, Order, OrderItem, OrderStatus } from '../../common/order.js';
import { stationsOfOrder, type OrderStation } from '../../common/order-stations.js';
import { orderSearchText, phoneDigits, type OrderSearchKey } from '../../common/order-search.js';
import { oneOff, query, type Query, type Queryable } from '../db/query.js';
import type { OrdersTable } from '../db/schema.js';

type OrderRow = Omit<OrdersTable, 'position'> & { position: number };

/** What decides whether an order's customer token still works. */
export interface CustomerTokenRecord {
  hash: string;
  location: string;
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
  if (row.cancelled_by !== null) order.cancelledBy = row.cancelled_by;
  // Orders made before stations existed have none stored: theirs follow from items and status.
  order.stations = row.stations_json !== null ? (JSON.parse(row.stations_json) as OrderStation[]) : stationsOfOrder(order);
  if (row.completed_at !== null) order.completedAt = row.completed_at;
  return order;
}

const toStored = (row: OrderRow): StoredOrder => ({ position: row.position, order: toOrder(row) });

/**
 * A search of a location's orders (issue 24), newest first: `text` and `phone` as
 * common/order-search.ts makes them, creation time in [from, to), pages before a position.
 */
export interface OrderSearchFilter {
  key?: OrderSearchKey;
  from?: string;
  to?: string;
  statuses: readonly OrderStatus[] | 'all';
  beforePosition?: number;
  limit: number;
}

/** `text` as a LIKE pattern that matches it anywhere, with LIKE's own characters escaped by `\`. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export type OrderListFilter = { statuses: readonly OrderStatus[] | 'all'; afterPosition: number; limit: number };

/** Where a page of completed orders (newest first) ends. */
export interface CompletedCursor {
  completedAt: string;
  position: number;
}

type InLocation = { location: string };

// The counter row of the location's day stays locked until the order commits: numbers never repeat.
const bumpCounter = query<InLocation & { day: string }>()((db, args) =>
  db
    .insertInto('order_counters')
    .values({ location_id: args.location, day: args.day, last: 1 })
    .onConflict((conflict) => conflict.columns(['location_id', 'day']).doUpdateSet({ last: sql<number>`order_counters.last + 1` }))
    .returning('last'),
);
const insertOrder = query<Omit<OrdersTable, 'position' | 'customer_token_revoked_at'>>()((db, args) => db.insertInto('orders').values({
    id: args.id,
    location_id: args.location_id,
    number: args.number,
    day: args.day,
    type: args.type,
    table_label: args.table_label,
    customer_name: args.customer_name,
    customer_phone: args.customer_phone,
    items_json: args.items_json,
    notes: args.notes,
    total_amount: args.total_amount,
    total_currency: args.total_currency,
    status: args.status,
    cancel_reason: args.cancel_reason,
    customer_token_hash: args.customer_token_hash,
    created_at: args.created_at,
    updated_at: args.updated_at,
    version: args.version,
    stations_json: args.stations_json,
    completed_at: args.completed_at,
    cancelled_by: args.cancelled_by,
    search_text: args.search_text,
    phone_digits: args.phone_digits,
  }));
const byId = query<InLocation & { id: string }>()((db, args) => db.selectFrom('orders').selectAll().where('id', '=', args.id).where('location_id', '=', args.location));
// The row a change is decided on stays locked until it commits (PostgreSQL; SQLite has one writer).
const byIdLocked = query<InLocation & { id: string }>()((db, args, dialect) =>
  db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', args.id)
    .where('location_id', '=', args.location)
    .$if(dialect === 'postgres', (select) => select.forUpdate()),
);
// The version guard makes a lost update impossible even if a caller forgot to check.
const updateState = query<{
  id: string;
  version: number;
  newVersion: number;
  status: OrderStatus;
  cancelReason: string | null;
  cancelledBy: 'customer' | 'staff' | null;
  updatedAt: string;
  stationsJson: string;
  completedAt: string | null;
}>()((db, args) =>
  db
    .updateTable('orders')
    .set({
      status: args.status,
      cancel_reason: args.cancelReason,
      cancelled_by: args.cancelledBy,
      updated_at: args.updatedAt,
      version: args.newVersion,
      stations_json: args.stationsJson,
      completed_at: args.completedAt,
    })
    .where('id', '=', args.id)
    .where('version', '=', args.version),
);
const customerTokenOf = query<{ id: string }>()((db, args) =>
  db.selectFrom('orders').select(['customer_token_hash', 'location_id', 'status', 'updated_at', 'customer_token_revoked_at']).where('id', '=', args.id),
);
const revokeCustomerTokenOf = query<{ id: string; at: string }>()((db, args) =>
  db.updateTable('orders').set({ customer_token_revoked_at: args.at }).where('id', '=', args.id).where('customer_token_revoked_at', 'is', null),
);
// Completed orders, the newest completion first; ties (one instant) by the newer row first.
const completedNewest = query<InLocation & { before: string; beforePosition: number; limit: number }>()((db, args) =>
  db
    .selectFrom('orders')
    .selectAll()
    .where('location_id', '=', args.location)
    .where('status', '=', 'completed')
    .where((eb) => eb.or([eb('completed_at', '<', args.before), eb.and([eb('completed_at', '=', args.before), eb('position', '<', args.beforePosition)])]))
    .orderBy('completed_at', 'desc')
    .orderBy('position', 'desc')
    .limit(args.limit),
);
const allAfter = query<InLocation & { afterPosition: number; limit: number }>()((db, args) =>
  db
    .selectFrom('orders')
    .selectAll()
    .where('location_id', '=', args.location)
    .where('position', '>', args.afterPosition)
    .orderBy('position')
    .limit(args.limit),
);
const counts = query()((db) =>
  db
    .selectFrom('orders')
    .select((eb) => [
      eb.fn.countAll<number>().as('orders'),
      eb.fn.coalesce(eb.fn.sum<number>(sql<number>`CASE WHEN status IN ('submitted', 'accepted', 'ready') THEN 1 ELSE 0 END`), sql<number>`0`).as('activeOrders'),
    ]),
);

/** Status-filtered listings, made once per status list (active, or one status). */
const byStatuses = new Map<string, Query<OrderRow, InLocation & { afterPosition: number; limit: number }>>();
function listOfStatuses(statuses: readonly OrderStatus[]) {
  const key = statuses.join(',');
  let list = byStatuses.get(key);
  if (!list) {
    list = query<InLocation & { afterPosition: number; limit: number }>()((db, args) =>
      db
        .selectFrom('orders')
        .selectAll()
        .where('location_id', '=', args.location)
        .where('position', '>', args.afterPosition)
        .where('status', 'in', statuses)
        .orderBy('position')
        .limit(args.limit),
    );
    byStatuses.set(key, list);
  }
  return list;
}

/** Orders, each in its location: a lookup in another location finds nothing, whatever the id. */
export class OrderRepository {
  /** The next counter value of a business day in a location; call inside the order's transaction. */
  async nextDailyNumber(q: Queryable, location: string, day: string): Promise<number> {
    return ((await q.first(bumpCounter, { location, day })) as { last: number }).last;
  }

  async insert(q: Queryable, location: string, order: Order, day: string, customerTokenHash: string): Promise<void> {
    await q.run(insertOrder, {
      id: order.id,
      location_id: location,
      number: order.number,
      day,
      type: order.type,
      table_label: order.table ?? null,
      customer_name: order.customer?.name ?? null,
      customer_phone: order.customer?.phone ?? null,
      items_json: JSON.stringify(order.items),
      notes: order.notes ?? null,
      total_amount: order.total?.amount ?? null,
      total_currency: order.total?.currency ?? null,
      status: order.status,
      cancel_reason: order.cancelReason ?? null,
      cancelled_by: order.cancelledBy ?? null,
      search_text: orderSearchText(order),
      phone_digits: phoneDigits(order.customer?.phone),
      customer_token_hash: customerTokenHash,
      created_at: order.createdAt,
      updated_at: order.updatedAt,
      version: order.version,
      stations_json: JSON.stringify(stationsOfOrder(order)),
      completed_at: order.completedAt ?? null,
    });
  }

  async get(q: Queryable, location: string, id: string): Promise<Order | undefined> {
    const row = await q.first(byId, { location, id });
    return row ? toOrder(row) : undefined;
  }

  /** As get(), and the row stays locked until the transaction ends: call it where a change is decided. */
  async getForChange(q: Queryable, location: string, id: string): Promise<Order | undefined> {
    const row = await q.first(byIdLocked, { location, id });
    return row ? toOrder(row) : undefined;
  }

  /**
   * Writes an order's new state (status, stations, completion, version) over the row that is still
   * at `fromVersion`; returns false when it no longer is.
   */
  async update(q: Queryable, fromVersion: number, order: Order): Promise<boolean> {
    const changed = await q.run(updateState, {
      id: order.id,
      version: fromVersion,
      newVersion: order.version,
      status: order.status,
      cancelReason: order.cancelReason ?? null,
      cancelledBy: order.cancelledBy ?? null,
      updatedAt: order.updatedAt,
      stationsJson: JSON.stringify(stationsOfOrder(order)),
      completedAt: order.completedAt ?? null,
    });
    return changed === 1;
  }

  /** Completed orders, the most recent completion first, after the cursor's (completedAt, position). */
  async listCompletedNewest(q: Queryable, location: string, page: { before?: CompletedCursor; limit: number }): Promise<(StoredOrder & { completedAt: string })[]> {
    // '~' sorts after every ISO time: no cursor starts at the newest.
    const rows = await q.all(completedNewest, {
      location,
      before: page.before?.completedAt ?? '~',
      beforePosition: page.before?.position ?? Number.MAX_SAFE_INTEGER,
      limit: page.limit,
    });
    return rows.map((row) => ({ ...toStored(row), completedAt: row.completed_at ?? '' }));
  }

  /**
   * The digest of an order's customer token, the order's location (any location: the token names
   * its order) and what decides whether the token still works.
   */
  async customerToken(q: Queryable, orderId: string): Promise<CustomerTokenRecord | undefined> {
    const row = await q.first(customerTokenOf, { id: orderId });
    if (!row) return undefined;
    return {
      hash: row.customer_token_hash,
      location: row.location_id,
      status: row.status,
      updatedAt: row.updated_at,
      ...(row.customer_token_revoked_at !== null ? { revokedAt: row.customer_token_revoked_at } : {}),
    };
  }

  /** Marks the order's customer token revoked at `at`; false when it was revoked already (or no such order). */
  async revokeCustomerToken(q: Queryable, orderId: string, at: string): Promise<boolean> {
    return (await q.run(revokeCustomerTokenOf, { id: orderId, at })) === 1;
  }

  /** The orders among `ids` in the location, in insertion order; ids that do not exist there are left out. */
  async getMany(q: Queryable, location: string, ids: readonly string[]): Promise<StoredOrder[]> {
    const rows = await q.all(
      oneOff((db) => db.selectFrom('orders').selectAll().where('location_id', '=', location).where('id', 'in', [...ids]).orderBy('position')),
    );
    return rows.map(toStored);
  }

  async list(q: Queryable, location: string, filter: OrderListFilter): Promise<StoredOrder[]> {
    const args = { location, afterPosition: filter.afterPosition, limit: filter.limit };
    const rows = filter.statuses === 'all' ? await q.all(allAfter, args) : await q.all(listOfStatuses(filter.statuses), args);
    return rows.map(toStored);
  }

  /** Orders matching a search, newest first (common/order-search.ts has the matching rules). */
  async search(q: Queryable, location: string, filter: OrderSearchFilter): Promise<StoredOrder[]> {
    const { key } = filter;
    const rows = await q.all(
      oneOff((db) =>
        db
          .selectFrom('orders')
          .selectAll()
          .where('location_id', '=', location)
          .$if(filter.from !== undefined, (select) => select.where('created_at', '>=', filter.from as string))
          .$if(filter.to !== undefined, (select) => select.where('created_at', '<', filter.to as string))
          .$if(filter.statuses !== 'all', (select) => select.where('status', 'in', filter.statuses as OrderStatus[]))
          .$if(filter.beforePosition !== undefined, (select) => select.where('position', '<', filter.beforePosition as number))
          .$if(key !== undefined, (select) =>
            select.where((eb) => {
              const text = sql<boolean>`search_text LIKE ${containsPattern(key?.text ?? '')} ESCAPE '\\'`;
              if (key?.phone === undefined) return eb.and([text]);
              // Either phone's digits end with the other's (leading zeros dropped on both sides).
              const phone = key.phone;
              return eb.or([text, eb.and([eb('phone_digits', '<>', ''), eb.or([eb('phone_digits', 'like', `%${phone}`), sql<boolean>`${phone} LIKE '%' || phone_digits`])])]);
            }),
          )
          .orderBy('position', 'desc')
          .limit(filter.limit),
      ),
    );
    return rows.map(toStored);
  }

  /** Every location's orders: the instance's health. */
  async counts(q: Queryable): Promise<{ orders: number; activeOrders: number }> {
    const row = await q.first(counts);
    return { orders: Number(row?.orders ?? 0), activeOrders: Number(row?.activeOrders ?? 0) };
  }
}
