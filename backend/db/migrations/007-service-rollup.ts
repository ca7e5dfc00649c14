import { sql } from 'kysely';
import { ServiceRollupRepository } from '../../repositories/service-rollup.js';
import { rebuildServiceRollup } from '../../services/service-rollup-rebuild.js';
import { oneOff, rawSql, type Queryable } from '../query.js';
import type { Migration } from './migration.js';

/*
 * 007 "service rollup" (issue 22): the two tables speed-of-service reports read, derived from the
 * event log (services/service-rollup-projection.ts keeps them in the transaction of each change),
 * then filled from the log of every location so an existing install reports on its history.
 * Numbered after issue 19's 006, which lands beside it.
 */
export const serviceRollupMigration: Migration = {
  version: 7,
  name: 'service-rollup',
  async up(tx: Queryable) {
    const big = tx.dialect === 'postgres' ? 'bigint' : 'integer';
    const strict = tx.dialect === 'sqlite' ? sql`strict` : sql``;
    await tx.run(
      oneOff((db) =>
        db.schema
          .createTable('service_orders')
          .addColumn('location_id', 'text', (col) => col.notNull().references('locations.id'))
          .addColumn('order_id', 'text', (col) => col.notNull().references('orders.id'))
          .addColumn('number', 'text', (col) => col.notNull())
          .addColumn('submitted_ms', big, (col) => col.notNull())
          .addColumn('status', 'text', (col) => col.notNull())
          .addColumn('ready_ms', big)
          .addColumn('total_amount', 'integer')
          .addColumn('total_currency', 'text')
          .addColumn('stations_json', 'text', (col) => col.notNull())
          .addPrimaryKeyConstraint('service_orders_pk', ['location_id', 'order_id'])
          .modifyEnd(strict),
      ),
    );
    // Late orders of a range, newest first.
    await tx.run(oneOff((db) => db.schema.createIndex('service_orders_submitted').on('service_orders').columns(['location_id', 'submitted_ms'])));
    await tx.run(
      oneOff((db) =>
        db.schema
          .createTable('service_slots')
          .addColumn('location_id', 'text', (col) => col.notNull().references('locations.id'))
          .addColumn('slot', big, (col) => col.notNull())
          .addColumn('data_json', 'text', (col) => col.notNull())
          .addPrimaryKeyConstraint('service_slots_pk', ['location_id', 'slot'])
          .modifyEnd(strict),
      ),
    );
    const repository = new ServiceRollupRepository();
    const locations = await tx.all(rawSql<{ id: string }>('SELECT id FROM locations ORDER BY id'));
    for (const { id } of locations) await rebuildServiceRollup(tx, id, repository);
  },
};
