import { sql } from 'kysely';
import { orderSearchText, phoneDigits } from '../../../common/order-search.js';
import { oneOff, type Queryable } from '../query.js';
import type { Migration } from './migration.js';

/*
 * 009 (issue 24): who cancelled an order, and finding orders by a search box.
 * - `cancelled_by`: 'customer' or 'staff' on a cancelled order (NULL on orders cancelled before
 *   this version: who did is not known).
 * - `search_text` and `phone_digits`: what `GET /api/orders?q=` compares (common/order-search.ts),
 *   written with the order: accent folding and digit extraction are the same code on SQLite and
 *   PostgreSQL because neither database does them. Existing orders get theirs here.
 * - an index on (location_id, created_at): a search is a location's orders of a time range.
 */
const BATCH = 500;

export const orderSearchMigration: Migration = {
  version: 9,
  name: 'order search',
  async up(tx: Queryable) {
    await tx.run(oneOff((db) => db.schema.alterTable('orders').addColumn('cancelled_by', 'text', (col) => col.check(sql`cancelled_by IN ('customer', 'staff')`))));
    await tx.run(oneOff((db) => db.schema.alterTable('orders').addColumn('search_text', 'text', (col) => col.notNull().defaultTo(''))));
    await tx.run(oneOff((db) => db.schema.alterTable('orders').addColumn('phone_digits', 'text', (col) => col.notNull().defaultTo(''))));
    let after = '';
    for (;;) {
      const rows = await tx.all(
        oneOff((db) => db.selectFrom('orders').select(['id', 'number', 'table_label', 'customer_name', 'customer_phone']).where('id', '>', after).orderBy('id').limit(BATCH)),
      );
      for (const row of rows) {
        const searchText = orderSearchText({ number: row.number, table: row.table_label ?? undefined, customer: { name: row.customer_name ?? undefined } });
        const digits = phoneDigits(row.customer_phone ?? undefined);
        await tx.run(oneOff((db) => db.updateTable('orders').set({ search_text: searchText, phone_digits: digits }).where('id', '=', row.id)));
      }
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) break;
      after = last.id;
    }
    await tx.run(oneOff((db) => db.schema.createIndex('orders_location_created').on('orders').columns(['location_id', 'created_at'])));
  },
};
