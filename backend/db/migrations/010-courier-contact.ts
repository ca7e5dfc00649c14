import { oneOff, type Queryable } from '../query.js';
import type { Migration } from './migration.js';

/*
 * 010 (issue 24): a courier's own name and phone, both optional, beside `vendor` (who delivers, as
 * API clients have always sent it). Couriers set before this version have neither: NULL.
 */
export const courierContactMigration: Migration = {
  version: 10,
  name: 'courier contact',
  async up(tx: Queryable) {
    await tx.run(oneOff((db) => db.schema.alterTable('order_couriers').addColumn('courier_name', 'text')));
    await tx.run(oneOff((db) => db.schema.alterTable('order_couriers').addColumn('courier_phone', 'text')));
  },
};
