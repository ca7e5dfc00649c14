import type { Courier } from '../../common/courier.js';
import { query, type Queryable } from '../db/query.js';
import type { OrderCouriersTable } from '../db/schema.js';

function toCourier(row: OrderCouriersTable): Courier {
  return {
    orderId: row.order_id,
    vendor: row.vendor,
    trackingUrl: row.tracking_url,
    ...(row.eta_minutes !== null ? { etaMinutes: row.eta_minutes } : {}),
    ...(row.courier_name !== null ? { name: row.courier_name } : {}),
    ...(row.courier_phone !== null ? { phone: row.courier_phone } : {}),
    updatedAt: row.updated_at,
    version: row.version,
  };
}

const upsertCourier = query<{ orderId: string; vendor: string; trackingUrl: string; etaMinutes: number | null; name: string | null; phone: string | null; updatedAt: string; version: number }>()((db, args) =>
  db
    .insertInto('order_couriers')
    .values({ order_id: args.orderId, vendor: args.vendor, tracking_url: args.trackingUrl, eta_minutes: args.etaMinutes,
      courier_name: args.name,
      courier_phone: args.phone,
      updated_at: args.updatedAt, version: args.version })
    .onConflict((conflict) =>
      conflict.column('order_id').doUpdateSet((eb) => ({
        vendor: eb.ref('excluded.vendor'),
        tracking_url: eb.ref('excluded.tracking_url'),
        eta_minutes: eb.ref('excluded.eta_minutes'),
        courier_name: eb.ref('excluded.courier_name'),
        courier_phone: eb.ref('excluded.courier_phone'),
        updated_at: eb.ref('excluded.updated_at'),
        version: eb.ref('excluded.version'),
      })),
    ),
);
const courierOf = query<{ orderId: string }>()((db, args) => db.selectFrom('order_couriers').selectAll().where('order_id', '=', args.orderId));

/** The courier of each order (one row per order, replaced by every update). Orders are scoped to their location; couriers follow them. */
export class CourierRepository {
  async get(q: Queryable, orderId: string): Promise<Courier | undefined> {
    const row = await q.first(courierOf, { orderId });
    return row ? toCourier(row) : undefined;
  }

  async put(q: Queryable, courier: Courier): Promise<void> {
    await q.run(upsertCourier, {
      orderId: courier.orderId,
      vendor: courier.vendor,
      trackingUrl: courier.trackingUrl,
      etaMinutes: courier.etaMinutes ?? null,
      name: courier.name ?? null,
      phone: courier.phone ?? null,
      updatedAt: courier.updatedAt,
      version: courier.version,
    });
  }
}
