import type { Courier } from '../../common/courier.js';
import type { Db } from '../db/database.js';

interface CourierRow {
  order_id: string;
  vendor: string;
  tracking_url: string;
  eta_minutes: number | null;
  updated_at: string;
  version: number;
}

function toCourier(row: CourierRow): Courier {
  return {
    orderId: row.order_id,
    vendor: row.vendor,
    trackingUrl: row.tracking_url,
    ...(row.eta_minutes !== null ? { etaMinutes: row.eta_minutes } : {}),
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The courier of each order (one row per order, replaced by every update). */
export class CourierRepository {
  private readonly upsert;
  private readonly select;

  constructor(db: Db) {
    this.upsert = db.prepare(`INSERT INTO order_couriers (order_id, vendor, tracking_url, eta_minutes, updated_at, version)
      VALUES (@orderId, @vendor, @trackingUrl, @etaMinutes, @updatedAt, @version)
      ON CONFLICT (order_id) DO UPDATE SET vendor = excluded.vendor, tracking_url = excluded.tracking_url,
        eta_minutes = excluded.eta_minutes, updated_at = excluded.updated_at, version = excluded.version`);
    this.select = db.prepare<[string], CourierRow>('SELECT * FROM order_couriers WHERE order_id = ?');
  }

  get(orderId: string): Courier | undefined {
    const row = this.select.get(orderId);
    return row ? toCourier(row) : undefined;
  }

  put(courier: Courier): void {
    this.upsert.run({
      orderId: courier.orderId,
      vendor: courier.vendor,
      trackingUrl: courier.trackingUrl,
      etaMinutes: courier.etaMinutes ?? null,
      updatedAt: courier.updatedAt,
      version: courier.version,
    });
  }
}
