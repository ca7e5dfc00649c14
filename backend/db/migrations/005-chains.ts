import { rawSql, type Queryable } from '../query.js';
import { DEFAULT_LOCATION } from '../../../common/location.js';
import { CHAIN_TABLES, createChainSchema } from './chain-schema.js';
import type { Migration } from './migration.js';

/*
 * 005 "chains": locations on every row, a seq per location, and one schema for SQLite and
 * PostgreSQL. A new database gets the schema as written in chain-schema.ts. An SQLite file made
 * by an older version is rebuilt into the very same schema: its tables are set aside, the new
 * ones are made by the same code, every row is copied into location `default` (keeping the
 * insertion order that list cursors point at, and every seq), and the old tables are dropped.
 */

/** The columns copied from each table of version 4, as `new column list`, `SELECT list`. */
const LEGACY_COPIES: Record<string, [string, string]> = {
  settings: ['key, value', 'key, value'],
  // Admin tokens of a one-restaurant install become chain-wide admins; the rest belong to `default`.
  tokens: [
    'id, hash, role, location_id, label, created_at, revoked_at',
    `id, hash, role, CASE WHEN role = 'admin' THEN NULL ELSE '${DEFAULT_LOCATION}' END, label, created_at, revoked_at`,
  ],
  order_counters: ['location_id, day, last', `'${DEFAULT_LOCATION}', day, last`],
  orders: [
    'position, id, location_id, number, day, type, table_label, customer_name, customer_phone, items_json, notes, total_amount, total_currency, status, cancel_reason, customer_token_hash, created_at, updated_at, version',
    `rowid, id, '${DEFAULT_LOCATION}', number, day, type, table_label, customer_name, customer_phone, items_json, notes, total_amount, total_currency, status, cancel_reason, customer_token_hash, created_at, updated_at, version`,
  ],
  print_jobs: [
    'position, id, location_id, kind, order_id, station, printer_id, copies, payload, status, attempts, claimed_by, lease_until_ms, lease_ms, error, printed_at, reprint_of, created_at, updated_at, version, voucher_json',
    `rowid, id, '${DEFAULT_LOCATION}', kind, order_id, station, printer_id, copies, payload, status, attempts, claimed_by, lease_until_ms, lease_ms, error, printed_at, reprint_of, created_at, updated_at, version, voucher_json`,
  ],
  events: [
    'location_id, seq, type, order_id, job_id, station, from_status, to_status, actor_type, actor_id, at, reason, version, details_json',
    `'${DEFAULT_LOCATION}', seq, type, order_id, job_id, station, from_status, to_status, actor_type, actor_id, at, reason, version, details_json`,
  ],
  idempotency_keys: [
    'location_id, scope, principal, key, request_hash, resource_id, response_json, created_ms',
    `'${DEFAULT_LOCATION}', scope, principal, key, request_hash, resource_id, response_json, created_ms`,
  ],
  agent_bindings: ['location_id, agent_id, token_id, bound_at', `'${DEFAULT_LOCATION}', agent_id, token_id, bound_at`],
  payments: [
    'position, id, location_id, order_id, type, amount, currency, status, qr_payload, qr_expires_ms, qr_expires_at, receipt_type, receipt_bytes, reject_reason, created_at, updated_at, version',
    `rowid, id, '${DEFAULT_LOCATION}', order_id, type, amount, currency, status, qr_payload, qr_expires_ms, qr_expires_at, receipt_type, receipt_bytes, reject_reason, created_at, updated_at, version`,
  ],
  order_couriers: ['order_id, vendor, tracking_url, eta_minutes, updated_at, version', 'order_id, vendor, tracking_url, eta_minutes, updated_at, version'],
  gift_cards: [
    'id, location_id, card_number, currency, initial_amount, status, purchased_by, recipient_name, recipient_email, expires_at, expires_ms, voided_at, created_at, updated_at, version',
    `id, '${DEFAULT_LOCATION}', card_number, currency, initial_amount, status, purchased_by, recipient_name, recipient_email, expires_at, expires_ms, voided_at, created_at, updated_at, version`,
  ],
  gift_card_transactions: [
    'id, gift_card_id, location_id, kind, amount, balance_after, order_id, actor_type, actor_id, at',
    `id, gift_card_id, '${DEFAULT_LOCATION}', kind, amount, balance_after, order_id, actor_type, actor_id, at`,
  ],
  // Accounts of a one-restaurant install are the chain's (scope `*`), as gift cards are by default.
  loyalty_customers: ['id, location_id, scope, phone, created_at, version', `id, '${DEFAULT_LOCATION}', '*', phone, created_at, version`],
  loyalty_transactions: [
    'id, customer_id, location_id, kind, points, balance_after, reason, actor_type, actor_id, at',
    `id, customer_id, '${DEFAULT_LOCATION}', kind, points, balance_after, reason, actor_type, actor_id, at`,
  ],
};

/** The default location and its (empty, or carried over) log. */
async function addDefaultLocation(tx: Queryable, createdAt: string, lastSeq: number): Promise<void> {
  await tx.run(rawSql(`INSERT INTO locations (id, name, created_at) VALUES ('${DEFAULT_LOCATION}', 'Default', '${createdAt}')`));
  await tx.run(rawSql(`INSERT INTO event_sequences (location_id, last_seq) VALUES ('${DEFAULT_LOCATION}', ${lastSeq})`));
}

async function sequenceOf(tx: Queryable, table: string): Promise<number> {
  const row = await tx.first(rawSql<{ seq: number | null }>(`SELECT seq FROM sqlite_sequence WHERE name = '${table}'`));
  return row?.seq ?? 0;
}

async function rebuildFromLegacy(tx: Queryable, createdAt: string): Promise<void> {
  // AUTOINCREMENT promises: never reuse a seq or a ledger id, even one whose row was deleted.
  const lastSeq = Math.max(
    await sequenceOf(tx, 'events'),
    (await tx.first(rawSql<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM events')))?.seq ?? 0,
  );
  const ledgerSequences = { gift_card_transactions: await sequenceOf(tx, 'gift_card_transactions'), loyalty_transactions: await sequenceOf(tx, 'loyalty_transactions') };

  // Index names are schema-wide: the old ones go first, so the new tables can have theirs.
  const indexes = await tx.all(rawSql<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`));
  for (const { name } of indexes) await tx.run(rawSql(`DROP INDEX "${name}"`));
  const legacyTables = Object.keys(LEGACY_COPIES);
  for (const table of legacyTables) await tx.run(rawSql(`ALTER TABLE "${table}" RENAME TO "legacy_${table}"`));

  await createChainSchema(tx);
  await addDefaultLocation(tx, createdAt, lastSeq);
  for (const table of CHAIN_TABLES) {
    const copy = LEGACY_COPIES[table];
    if (!copy) continue;
    const [columns, select] = copy;
    const order = columns.startsWith('position') ? ' ORDER BY rowid' : '';
    await tx.run(rawSql(`INSERT INTO "${table}" (${columns}) SELECT ${select} FROM "legacy_${table}"${order}`));
  }
  for (const [table, seq] of Object.entries(ledgerSequences)) {
    await tx.run(rawSql(`UPDATE sqlite_sequence SET seq = MAX(seq, ${seq}) WHERE name = '${table}'`));
  }
  for (const table of legacyTables) await tx.run(rawSql(`DROP TABLE "legacy_${table}"`));
}

export const chainsMigration: Migration = {
  version: 5,
  name: 'chains',
  rebuildsTables: true,
  async up(tx, context) {
    if (context.legacySqlite) await rebuildFromLegacy(tx, context.now);
    else {
      await createChainSchema(tx);
      await addDefaultLocation(tx, context.now, 0);
    }
  },
};
