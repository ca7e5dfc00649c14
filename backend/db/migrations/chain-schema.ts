import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { rawSql, sqlBuilder, type Dialect, type Queryable } from '../query.js';
import type { Schema } from '../schema.js';

/**
 * The whole schema of migration 005 ("chains": locations, per-location seq, PostgreSQL), written
 * once with Kysely's schema builder for both databases. A fresh database of either kind is made
 * by this; an SQLite database of an older version is rebuilt into exactly this (005_chains.ts), so
 * the two never drift. Column types differ where the databases do: SQLite's STRICT tables take
 * INTEGER for every integer and BLOB for bytes; PostgreSQL needs BIGINT for epoch milliseconds and
 * seqs, BYTEA for bytes, and identity columns where SQLite has a rowid.
 */


interface Types {
  /** Epoch milliseconds, seqs, and other values past 2^31. */
  big: 'integer' | 'bigint';
  bytes: 'blob' | 'bytea';
}

const TYPES: Record<Dialect, Types> = {
  sqlite: { big: 'integer', bytes: 'blob' },
  postgres: { big: 'bigint', bytes: 'bytea' },
};

type TableBuilder = CreateTableBuilder<string, string>;

/** Compiled DDL without parameters (Kysely writes literals into DDL). */
type Ddl = (db: Kysely<Schema>) => { compile(): { sql: string; parameters: readonly unknown[] } };

/**
 * Runs DDL statements built for the connection's dialect: on PostgreSQL in one round trip (a
 * migration of ~40 statements otherwise waits on the network ~40 times), on SQLite one by one
 * (better-sqlite3 prepares one statement at a time, in process).
 */
async function runDdl(tx: Queryable, statements: readonly Ddl[]): Promise<void> {
  const db = sqlBuilder(tx.dialect);
  const compiled = statements.map((build) => build(db).compile());
  if (compiled.some((statement) => statement.parameters.length > 0)) throw new Error('DDL must not take parameters');
  if (tx.dialect === 'postgres') {
    await tx.run(rawSql(compiled.map((statement) => statement.sql).join(';\n')));
    return;
  }
  for (const statement of compiled) await tx.run(rawSql(statement.sql));
}

/**
 * An insertion-order column: SQLite's rowid under its own name (INTEGER PRIMARY KEY), a
 * PostgreSQL identity. List cursors point at it; inserts leave it out.
 */
function withPosition(table: TableBuilder, dialect: Dialect): TableBuilder {
  return dialect === 'sqlite'
    ? table.addColumn('position', 'integer', (col) => col.primaryKey())
    : table.addColumn('position', 'bigint', (col) => col.primaryKey().generatedByDefaultAsIdentity());
}

/** A ledger line's id: AUTOINCREMENT in SQLite (never reused), an identity in PostgreSQL. */
function withLedgerId(table: TableBuilder, dialect: Dialect): TableBuilder {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    : table.addColumn('id', 'bigint', (col) => col.primaryKey().generatedByDefaultAsIdentity());
}

/** SQLite's STRICT: a column holds the type it declares, as PostgreSQL's always do. */
function strict(table: TableBuilder, dialect: Dialect): TableBuilder {
  return dialect === 'sqlite' ? table.modifyEnd(sql`strict`) : table;
}

const location = (table: TableBuilder): TableBuilder => table.addColumn('location_id', 'text', (col) => col.notNull().references('locations.id'));

export async function createChainSchema(tx: Queryable): Promise<void> {
  const dialect = tx.dialect;
  const { big, bytes } = TYPES[dialect];
  const statements: Ddl[] = [];
  const table = (name: string, build: (table: TableBuilder) => TableBuilder) =>
    void statements.push((db) => strict(build(db.schema.createTable(name) as unknown as TableBuilder), dialect));
  const index = (name: string, on: string, columns: string[]) => void statements.push((db) => db.schema.createIndex(name).on(on).columns(columns));

  // Instance-wide values that must survive restarts and are no secret (the embedded relay's app id and key).
  table('settings', (t) => t.addColumn('key', 'text', (col) => col.primaryKey()).addColumn('value', 'text', (col) => col.notNull()));

  table('locations', (t) =>
    t
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull()),
  );

  // The last seq of each location's log. Every transaction that records events bumps its row just
  // before it commits, so the row lock orders writers of a location: seqs are handed out in
  // commit order, and a reader never sees seq n+1 before n (docs/architecture.md, "One log per location").
  table('event_sequences', (t) =>
    t.addColumn('location_id', 'text', (col) => col.primaryKey().references('locations.id')).addColumn('last_seq', big, (col) => col.notNull()),
  );

  table('tokens', (t) =>
    t
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('hash', 'text', (col) => col.notNull().unique())
      .addColumn('role', 'text', (col) => col.notNull().check(sql`role IN ('admin', 'agent', 'pos')`))
      // NULL: a chain-wide admin token; agent and pos tokens always belong to one location.
      .addColumn('location_id', 'text', (col) => col.references('locations.id'))
      .addColumn('label', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('revoked_at', 'text')
      .addCheckConstraint('tokens_location', sql`role = 'admin' OR location_id IS NOT NULL`),
  );

  // One row per location and business day: the last order number handed out there that day.
  table('order_counters', (t) =>
    location(t)
      .addColumn('day', 'text', (col) => col.notNull())
      .addColumn('last', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('order_counters_pk', ['location_id', 'day']),
  );

  table('orders', (t) =>
    location(withPosition(t, dialect).addColumn('id', 'text', (col) => col.notNull().unique()))
      .addColumn('number', 'text', (col) => col.notNull())
      .addColumn('day', 'text', (col) => col.notNull())
      .addColumn('type', 'text', (col) => col.notNull().check(sql`type IN ('dine_in', 'takeaway', 'delivery')`))
      .addColumn('table_label', 'text')
      .addColumn('customer_name', 'text')
      .addColumn('customer_phone', 'text')
      .addColumn('items_json', 'text', (col) => col.notNull())
      .addColumn('notes', 'text')
      .addColumn('total_amount', 'integer')
      .addColumn('total_currency', 'text')
      .addColumn('status', 'text', (col) => col.notNull().check(sql`status IN ('submitted', 'accepted', 'ready', 'completed', 'cancelled')`))
      .addColumn('cancel_reason', 'text')
      // sha256 of the order's customer token; the token names its order, so no index is needed.
      .addColumn('customer_token_hash', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull().check(sql`version >= 1`))
      .addUniqueConstraint('orders_number', ['location_id', 'day', 'number']),
  );
  index('orders_location_status', 'orders', ['location_id', 'status']);
  index('orders_location_position', 'orders', ['location_id', 'position']);

  table('print_jobs', (t) =>
    location(withPosition(t, dialect).addColumn('id', 'text', (col) => col.notNull().unique()))
      .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind IN ('ticket', 'raw', 'image', 'voucher')`))
      .addColumn('order_id', 'text', (col) => col.references('orders.id'))
      .addColumn('station', 'text', (col) => col.notNull())
      .addColumn('printer_id', 'text')
      .addColumn('copies', 'integer', (col) => col.notNull().check(sql`copies >= 1`))
      .addColumn('payload', 'text')
      .addColumn('status', 'text', (col) => col.notNull().check(sql`status IN ('pending', 'printing', 'done', 'failed')`))
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('claimed_by', 'text')
      .addColumn('lease_until_ms', big)
      .addColumn('lease_ms', big)
      .addColumn('error', 'text')
      .addColumn('printed_at', 'text')
      .addColumn('reprint_of', 'text', (col) => col.references('print_jobs.id'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull().check(sql`version >= 1`))
      // A voucher job's voucher as JSON (common/gift-card.ts VoucherSchema); no other kind has one.
      .addColumn('voucher_json', 'text')
      .addCheckConstraint('print_jobs_voucher', sql`(kind = 'voucher') = (voucher_json IS NOT NULL)`),
  );
  index('print_jobs_status_lease', 'print_jobs', ['status', 'lease_until_ms']);
  index('print_jobs_order', 'print_jobs', ['order_id']);
  index('print_jobs_location_position', 'print_jobs', ['location_id', 'position']);

  // The append-only log agents catch up from, one per location. A seq is never reused: it comes
  // from event_sequences, which only counts up.
  table('events', (t) =>
    location(t)
      .addColumn('seq', big, (col) => col.notNull())
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('order_id', 'text')
      .addColumn('job_id', 'text')
      .addColumn('station', 'text')
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (col) => col.notNull())
      .addColumn('actor_type', 'text', (col) => col.notNull())
      .addColumn('actor_id', 'text', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull())
      .addColumn('reason', 'text')
      .addColumn('version', 'integer')
      // Fields of an event beyond the shared columns (a payment's amount, a courier's link), as JSON.
      .addColumn('details_json', 'text')
      .addPrimaryKeyConstraint('events_pk', ['location_id', 'seq']),
  );
  // POS terminals catch up with GET /api/events?channel=pos: a location's log read by type.
  index('events_location_type_seq', 'events', ['location_id', 'type', 'seq']);
  // A diner catches up on their own order's events: GET /api/events?order=&after=.
  index('events_order_seq', 'events', ['order_id', 'seq']);

  // Answers of creating routes, per location, route (`scope`), token and Idempotency-Key.
  table('idempotency_keys', (t) =>
    location(t)
      .addColumn('scope', 'text', (col) => col.notNull())
      .addColumn('principal', 'text', (col) => col.notNull())
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('request_hash', 'text', (col) => col.notNull())
      .addColumn('resource_id', 'text', (col) => col.notNull())
      .addColumn('response_json', 'text', (col) => col.notNull())
      .addColumn('created_ms', big, (col) => col.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['location_id', 'scope', 'principal', 'key']),
  );
  index('idempotency_keys_created', 'idempotency_keys', ['created_ms']);

  // Which token speaks for which agent id in a location (docs/api.md, "Agent ids"): one agent id
  // per token and one token per agent id there.
  table('agent_bindings', (t) =>
    location(t)
      .addColumn('agent_id', 'text', (col) => col.notNull())
      .addColumn('token_id', 'text', (col) => col.notNull())
      .addColumn('bound_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('agent_bindings_pk', ['location_id', 'agent_id'])
      .addUniqueConstraint('agent_bindings_token', ['location_id', 'token_id']),
  );

  table('payments', (t) =>
    location(withPosition(t, dialect).addColumn('id', 'text', (col) => col.notNull().unique()))
      .addColumn('order_id', 'text', (col) => col.notNull().references('orders.id'))
      .addColumn('type', 'text', (col) => col.notNull().check(sql`type IN ('food', 'courier')`))
      .addColumn('amount', 'integer', (col) => col.notNull().check(sql`amount > 0`))
      .addColumn('currency', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull().check(sql`status IN ('requested', 'receipt_uploaded', 'verified', 'rejected')`))
      .addColumn('qr_payload', 'text')
      .addColumn('qr_expires_ms', big)
      .addColumn('qr_expires_at', 'text')
      .addColumn('receipt_type', 'text')
      .addColumn('receipt_bytes', 'integer')
      .addColumn('reject_reason', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull().check(sql`version >= 1`)),
  );
  index('payments_order', 'payments', ['order_id']);

  // Receipt images when they live in the database (PostgreSQL: every backend process serves them).
  // SQLite installs keep them as files in DATA_DIR/receipts (services/receipt-store.ts).
  table('receipt_images', (t) =>
    t
      .addColumn('payment_id', 'text', (col) => col.primaryKey().references('payments.id'))
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('bytes', bytes, (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull()),
  );

  // One courier per order, replaced by each update.
  table('order_couriers', (t) =>
    t
      .addColumn('order_id', 'text', (col) => col.primaryKey().references('orders.id'))
      .addColumn('vendor', 'text', (col) => col.notNull())
      .addColumn('tracking_url', 'text', (col) => col.notNull())
      .addColumn('eta_minutes', 'integer')
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull().check(sql`version >= 1`)),
  );

  // A gift card. Its balance is the sum of its ledger, read with the card's row locked in the
  // transaction that changes it, so two redemptions can never both spend the same money.
  table('gift_cards', (t) =>
    location(t.addColumn('id', 'text', (col) => col.primaryKey()))
      .addColumn('card_number', 'text', (col) => col.notNull().unique())
      .addColumn('currency', 'text', (col) => col.notNull())
      .addColumn('initial_amount', 'integer', (col) => col.notNull().check(sql`initial_amount > 0`))
      .addColumn('status', 'text', (col) => col.notNull().check(sql`status IN ('active', 'void')`))
      .addColumn('purchased_by', 'text')
      .addColumn('recipient_name', 'text')
      .addColumn('recipient_email', 'text')
      .addColumn('expires_at', 'text')
      .addColumn('expires_ms', big)
      .addColumn('voided_at', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull().check(sql`version >= 1`)),
  );

  // The ledger: + the purchase, − each redemption, − what was left when the card was voided.
  table('gift_card_transactions', (t) =>
    location(withLedgerId(t, dialect).addColumn('gift_card_id', 'text', (col) => col.notNull().references('gift_cards.id')))
      .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind IN ('purchase', 'redeem', 'void')`))
      .addColumn('amount', 'integer', (col) => col.notNull())
      .addColumn('balance_after', 'integer', (col) => col.notNull().check(sql`balance_after >= 0`))
      .addColumn('order_id', 'text', (col) => col.references('orders.id'))
      .addColumn('actor_type', 'text', (col) => col.notNull())
      .addColumn('actor_id', 'text', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull()),
  );
  index('gift_card_transactions_card', 'gift_card_transactions', ['gift_card_id', 'id']);

  // A loyalty account per E.164 phone number and scope (`*`: the chain; a location id with
  // GIFT_CARDS_SCOPE=location); its balance, too, is the sum of its ledger.
  table('loyalty_customers', (t) =>
    location(t.addColumn('id', 'text', (col) => col.primaryKey()))
      .addColumn('scope', 'text', (col) => col.notNull())
      .addColumn('phone', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      // How many ledger lines the account has (0 only inside the transaction that makes it).
      .addColumn('version', 'integer', (col) => col.notNull().check(sql`version >= 0`))
      .addUniqueConstraint('loyalty_customers_phone', ['scope', 'phone']),
  );

  table('loyalty_transactions', (t) =>
    location(withLedgerId(t, dialect).addColumn('customer_id', 'text', (col) => col.notNull().references('loyalty_customers.id')))
      .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind IN ('add', 'redeem')`))
      .addColumn('points', 'integer', (col) => col.notNull())
      .addColumn('balance_after', 'integer', (col) => col.notNull().check(sql`balance_after >= 0`))
      .addColumn('reason', 'text', (col) => col.notNull())
      .addColumn('actor_type', 'text', (col) => col.notNull())
      .addColumn('actor_id', 'text', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull()),
  );
  index('loyalty_transactions_customer', 'loyalty_transactions', ['customer_id', 'id']);
  await runDdl(tx, statements);
}

/** The tables createChainSchema makes, in an order that satisfies their foreign keys. */
export const CHAIN_TABLES = [
  'settings',
  'locations',
  'event_sequences',
  'tokens',
  'order_counters',
  'orders',
  'print_jobs',
  'events',
  'idempotency_keys',
  'agent_bindings',
  'payments',
  'receipt_images',
  'order_couriers',
  'gift_cards',
  'gift_card_transactions',
  'loyalty_customers',
  'loyalty_transactions',
] as const satisfies readonly (keyof Schema)[];
