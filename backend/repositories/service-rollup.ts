import type { OrderItem } from '../../common/order.js';
import { oneOff, query, type Queryable } from '../db/query.js';
import type { ServiceOrdersTable } from '../db/schema.js';
import type { OrderFacts, SlotAggregate, StationFacts } from '../reports/service-rollup.js';

/*
 * The service rollup's rows (docs/reports.md): `service_orders`, each order's facts as the log has
 * told them, and `service_slots`, the figures of each 15-minute slot. Only the projection writes
 * them, inside the transaction of the events they follow; reports only read slots.
 */

type InLocation = { location: string };

const orderById = query<InLocation & { orderId: string }>()((db, args) =>
  db.selectFrom('service_orders').selectAll().where('location_id', '=', args.location).where('order_id', '=', args.orderId),
);
const insertOrder = query<ServiceOrdersTable>()((db, args) =>
  db.insertInto('service_orders').values({
    location_id: args.location_id,
    order_id: args.order_id,
    number: args.number,
    submitted_ms: args.submitted_ms,
    status: args.status,
    ready_ms: args.ready_ms,
    total_amount: args.total_amount,
    total_currency: args.total_currency,
    stations_json: args.stations_json,
  }),
);
const updateOrder = query<Pick<ServiceOrdersTable, 'location_id' | 'order_id' | 'status' | 'ready_ms' | 'stations_json'>>()((db, args) =>
  db
    .updateTable('service_orders')
    .set({ status: args.status, ready_ms: args.ready_ms, stations_json: args.stations_json })
    .where('location_id', '=', args.location_id)
    .where('order_id', '=', args.order_id),
);

// A slot's row stays locked until the change commits (PostgreSQL): two processes moving the same
// slot take turns. A slot read as missing is INSERTed (never upserted): a process that lost the
// race fails on the key and runs its transaction again, now finding the row.
const slotLocked = query<InLocation & { slot: number }>()((db, args, dialect) =>
  db
    .selectFrom('service_slots')
    .select('data_json')
    .where('location_id', '=', args.location)
    .where('slot', '=', args.slot)
    .$if(dialect === 'postgres', (select) => select.forUpdate()),
);
const insertSlot = query<InLocation & { slot: number; data: string }>()((db, args) =>
  db.insertInto('service_slots').values({ location_id: args.location, slot: args.slot, data_json: args.data }),
);
const updateSlot = query<InLocation & { slot: number; data: string }>()((db, args) =>
  db.updateTable('service_slots').set({ data_json: args.data }).where('location_id', '=', args.location).where('slot', '=', args.slot),
);
const slotsBetween = query<InLocation & { first: number; last: number }>()((db, args) =>
  db
    .selectFrom('service_slots')
    .select(['slot', 'data_json'])
    .where('location_id', '=', args.location)
    .where('slot', '>=', args.first)
    .where('slot', '<=', args.last)
    .orderBy('slot'),
);
const lateOrders = query<InLocation & { startMs: number; endMs: number; lateMs: number; limit: number }>()((db, args) =>
  db
    .selectFrom('service_orders')
    .select(['order_id', 'number', 'submitted_ms', 'ready_ms'])
    .where('location_id', '=', args.location)
    .where('submitted_ms', '>=', args.startMs)
    .where('submitted_ms', '<', args.endMs)
    .where('status', '!=', 'cancelled')
    .where('ready_ms', 'is not', null)
    .where((eb) => eb(eb('ready_ms', '-', eb.ref('submitted_ms')), '>', args.lateMs))
    .orderBy('submitted_ms', 'desc')
    .limit(args.limit),
);
const orderDetails = query<InLocation & { orderId: string }>()((db, args) =>
  db
    .selectFrom('orders')
    .select(['number', 'items_json', 'total_amount', 'total_currency'])
    .where('location_id', '=', args.location)
    .where('id', '=', args.orderId),
);
const deleteOrders = query<InLocation>()((db, args) => db.deleteFrom('service_orders').where('location_id', '=', args.location));
const deleteSlots = query<InLocation>()((db, args) => db.deleteFrom('service_slots').where('location_id', '=', args.location));
const allOrders = query<InLocation>()((db, args) => db.selectFrom('service_orders').selectAll().where('location_id', '=', args.location).orderBy('order_id'));
const allSlots = query<InLocation>()((db, args) => db.selectFrom('service_slots').select(['slot', 'data_json']).where('location_id', '=', args.location).orderBy('slot'));

/** Rows per INSERT when a rebuild writes the rollup back. */
const WRITE_BATCH = 200;

/** What the projection needs of an order the log names: its number, items and total. */
export interface OrderDetails {
  number: string;
  items: Pick<OrderItem, 'station' | 'qty'>[];
  total: { amount: number; currency: string } | null;
}

export interface LateOrderRow {
  orderId: string;
  number: string;
  submittedMs: number;
  readyMs: number;
}

function toFacts(row: ServiceOrdersTable): OrderFacts {
  return {
    number: row.number,
    submittedMs: Number(row.submitted_ms),
    status: row.status,
    readyMs: row.ready_ms === null ? null : Number(row.ready_ms),
    total: row.total_amount !== null && row.total_currency !== null ? { amount: row.total_amount, currency: row.total_currency } : null,
    stations: JSON.parse(row.stations_json) as Record<string, StationFacts>,
  };
}

function toRow(location: string, orderId: string, facts: OrderFacts): ServiceOrdersTable {
  return {
    location_id: location,
    order_id: orderId,
    number: facts.number,
    submitted_ms: facts.submittedMs,
    status: facts.status,
    ready_ms: facts.readyMs,
    total_amount: facts.total?.amount ?? null,
    total_currency: facts.total?.currency ?? null,
    stations_json: JSON.stringify(facts.stations),
  };
}

export class ServiceRollupRepository {
  async order(q: Queryable, location: string, orderId: string): Promise<OrderFacts | undefined> {
    const row = await q.first(orderById, { location, orderId });
    return row ? toFacts(row) : undefined;
  }

  async insertOrder(q: Queryable, location: string, orderId: string, facts: OrderFacts): Promise<void> {
    await q.run(insertOrder, toRow(location, orderId, facts));
  }

  async updateOrder(q: Queryable, location: string, orderId: string, facts: OrderFacts): Promise<void> {
    const row = toRow(location, orderId, facts);
    await q.run(updateOrder, { location_id: location, order_id: orderId, status: row.status, ready_ms: row.ready_ms, stations_json: row.stations_json });
  }

  /** The slot's aggregate, locked until the commit; undefined when the slot has no row yet. */
  async slotForChange(q: Queryable, location: string, slot: number): Promise<SlotAggregate | undefined> {
    const row = await q.first(slotLocked, { location, slot });
    return row ? (JSON.parse(row.data_json) as SlotAggregate) : undefined;
  }

  async insertSlot(q: Queryable, location: string, slot: number, aggregate: SlotAggregate): Promise<void> {
    await q.run(insertSlot, { location, slot, data: JSON.stringify(aggregate) });
  }

  async updateSlot(q: Queryable, location: string, slot: number, aggregate: SlotAggregate): Promise<void> {
    await q.run(updateSlot, { location, slot, data: JSON.stringify(aggregate) });
  }

  /** Slots `first`…`last` that have figures, as stored (JSON text: the report parses what it reads). */
  slots(q: Queryable, location: string, first: number, last: number): Promise<{ slot: number; data_json: string }[]> {
    return q.all(slotsBetween, { location, first, last });
  }

  async lateOrders(q: Queryable, location: string, range: { startMs: number; endMs: number }, lateMs: number, limit: number): Promise<LateOrderRow[]> {
    const rows = await q.all(lateOrders, { location, ...range, lateMs, limit });
    return rows.map((row) => ({ orderId: row.order_id, number: row.number, submittedMs: Number(row.submitted_ms), readyMs: Number(row.ready_ms) }));
  }

  async orderDetails(q: Queryable, location: string, orderId: string): Promise<OrderDetails | undefined> {
    const row = await q.first(orderDetails, { location, orderId });
    if (!row) return undefined;
    return {
      number: row.number,
      items: JSON.parse(row.items_json) as OrderItem[],
      total: row.total_amount !== null && row.total_currency !== null ? { amount: row.total_amount, currency: row.total_currency } : null,
    };
  }

  /** Details of many orders at once (a rebuild reads the log a page at a time). */
  async orderDetailsMany(q: Queryable, location: string, orderIds: readonly string[]): Promise<Map<string, OrderDetails>> {
    const found = new Map<string, OrderDetails>();
    if (orderIds.length === 0) return found;
    const rows = await q.all(
      oneOff((db) =>
        db.selectFrom('orders').select(['id', 'number', 'items_json', 'total_amount', 'total_currency']).where('location_id', '=', location).where('id', 'in', [...orderIds]),
      ),
    );
    for (const row of rows) {
      found.set(row.id, {
        number: row.number,
        items: JSON.parse(row.items_json) as OrderItem[],
        total: row.total_amount !== null && row.total_currency !== null ? { amount: row.total_amount, currency: row.total_currency } : null,
      });
    }
    return found;
  }

  /** Writes a whole rollup (a rebuild), a batch of rows per statement. */
  async insertAll(q: Queryable, location: string, orders: ReadonlyMap<string, OrderFacts>, slots: ReadonlyMap<number, SlotAggregate>): Promise<void> {
    const orderRows = [...orders].map(([orderId, facts]) => toRow(location, orderId, facts));
    for (let start = 0; start < orderRows.length; start += WRITE_BATCH) {
      const batch = orderRows.slice(start, start + WRITE_BATCH);
      await q.run(oneOff((db) => db.insertInto('service_orders').values(batch)));
    }
    const slotRows = [...slots].map(([slot, aggregate]) => ({ location_id: location, slot, data_json: JSON.stringify(aggregate) }));
    for (let start = 0; start < slotRows.length; start += WRITE_BATCH) {
      const batch = slotRows.slice(start, start + WRITE_BATCH);
      await q.run(oneOff((db) => db.insertInto('service_slots').values(batch)));
    }
  }

  /** Forgets the location's rollup (before it is rebuilt from the log). */
  async clear(q: Queryable, location: string): Promise<void> {
    await q.run(deleteOrders, { location });
    await q.run(deleteSlots, { location });
  }

  /** Every row of the location, in key order: what a rebuild is compared with. */
  async dump(q: Queryable, location: string): Promise<{ orders: Map<string, OrderFacts>; slots: Map<number, SlotAggregate> }> {
    const orders = new Map((await q.all(allOrders, { location })).map((row) => [row.order_id, toFacts(row)] as const));
    const slots = new Map((await q.all(allSlots, { location })).map((row) => [Number(row.slot), JSON.parse(row.data_json) as SlotAggregate] as const));
    return { orders, slots };
  }
}
