import { oneOff, type Queryable } from '../query.js';
import type { Migration } from './migration.js';

/*
 * 008 (issue 17): an admin may revoke an order's diner link. Expiry needs no column: a closed
 * order's updated_at is the moment it closed (nothing moves a closed order again).
 */
const addRevokedAt = oneOff((db) => db.schema.alterTable('orders').addColumn('customer_token_revoked_at', 'text'));

export const customerTokenRevocationMigration: Migration = {
  version: 8,
  name: 'customer token revocation',
  async up(tx: Queryable): Promise<void> {
    await tx.run(addRevokedAt);
  },
};
