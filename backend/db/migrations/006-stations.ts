import { oneOff, type Queryable } from '../query.js';
import type { Migration } from './migration.js';

/*
 * 006 "stations" (issue 19): each station bumps its own part of an order, and a completed order
 * may be recalled for a while. Two nullable columns on orders, so no row is rewritten:
 * - `stations_json`: the order's stations (common/order-stations.ts). NULL on orders made before
 *   this version; theirs follow from the items and the status (stationsOfOrder), which is exactly
 *   what they would have been.
 * - `completed_at`: when the order was completed, set only while it is `completed` (the recall
 *   window counts from it; Recall lists the newest first). Orders completed before this version
 *   take their last change's time, which was their completion.
 */
export const stationsMigration: Migration = {
  version: 6,
  name: 'stations',
  async up(tx: Queryable) {
    await tx.run(oneOff((db) => db.schema.alterTable('orders').addColumn('stations_json', 'text')));
    await tx.run(oneOff((db) => db.schema.alterTable('orders').addColumn('completed_at', 'text')));
    await tx.run(oneOff((db) => db.updateTable('orders').set((eb) => ({ completed_at: eb.ref('updated_at') })).where('status', '=', 'completed')));
    // Recall lists a location's completed orders newest first.
    await tx.run(oneOff((db) => db.schema.createIndex('orders_location_completed').on('orders').columns(['location_id', 'status', 'completed_at'])));
  },
};
