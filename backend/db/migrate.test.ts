import Database from 'better-sqlite3';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventsPage } from '../../common/events.js';
import type { GiftCardWithHistory } from '../../common/gift-card.js';
import type { LoyaltyHistory } from '../../common/loyalty.js';
import type { OrderCreated, OrdersPage } from '../../common/order.js';
import type { Payment } from '../../common/payment.js';
import { Resources, sampleInput, startTestBackend, tempDir } from '../test/helpers.js';
import { DATABASE_FILE, openSqliteDatabase } from './database.js';
import { applyLegacyMigrations, loadLegacyMigrations } from './legacy-migrate.js';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from './migrate.js';
import { chainsMigration } from './migrations/005-chains.js';
import { SqliteDatabase } from './sqlite-database.js';
import { ManualClock } from '../../test/integration/manual-clock.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/**
 * A data dir written by the backend of commit 56bbe68 (schema version 4, before locations),
 * through its HTTP API: three orders (one accepted with a printed ticket, a payment with its
 * receipt and a courier; one cancelled), a gift card with a redemption, a loyalty account, an
 * idempotency key, an agent binding. `legacy-v4.json` holds what that run handed out.
 */
const FIXTURE_DIR = fileURLToPath(new URL('./test-fixtures/legacy-v4/', import.meta.url));

/** When the last order of a copy of the fixture was made (its day numbers the orders). Never the fixture itself: opening it would leave WAL files beside it. */
function lastOrderMs(dataDir: string): number {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return Date.parse((db.prepare('SELECT MAX(created_at) AS at FROM orders').get() as { at: string }).at);
  } finally {
    db.close();
  }
}
const FACTS = JSON.parse(readFileSync(fileURLToPath(new URL('./test-fixtures/legacy-v4.json', import.meta.url)), 'utf8')) as {
  tokens: { admin: string; pos: string; agent: string };
  orders: { id: string; number: string; customerToken: string }[];
  paymentId: string;
  cardNumber: string;
};

/** A copy of the fixture: the committed file is never opened for writing. */
function legacyDataDir(): string {
  const dir = tempDir(resources);
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

/** Tables and indexes as SQLite stores their definitions, without the bookkeeping tables. */
function schemaOf(dataDir: string): { type: string; name: string; sql: string }[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT IN ('sqlite_sequence', 'schema_migrations') ORDER BY type, name`)
      .all() as { type: string; name: string; sql: string }[];
  } finally {
    db.close();
  }
}

describe('migrations on SQLite', () => {
  it('creates the schema once, in WAL mode with foreign keys on, and records its version', async () => {
    const dir = tempDir(resources);
    const db = await openSqliteDatabase(dir);
    try {
      expect(db.connection.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.connection.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.connection.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.connection.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
      expect(MIGRATIONS.at(-1)?.version).toBe(SCHEMA_VERSION);
      expect(() =>
        db.connection
          .prepare(`INSERT INTO print_jobs (id, location_id, kind, order_id, station, copies, status, created_at, updated_at, version)
            VALUES ('j', 'default', 'ticket', 'no-such-order', 'kitchen', 1, 'pending', 'x', 'x', 1)`)
          .run(),
      ).toThrow(/FOREIGN KEY/);
      expect(db.connection.prepare('SELECT id FROM locations').all()).toEqual([{ id: 'default' }]);
    } finally {
      await db.close();
    }
    // Reopening an up-to-date database applies nothing.
    const again = await openSqliteDatabase(dir);
    expect(again.connection.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    await again.close();
  });

  it('rebuilds a database of the previous version into exactly the schema a new one gets', async () => {
    const fresh = tempDir(resources);
    await (await openSqliteDatabase(fresh)).close();
    const upgraded = legacyDataDir();
    await (await openSqliteDatabase(upgraded)).close();

    expect(schemaOf(upgraded)).toEqual(schemaOf(fresh));
    const db = new Database(join(upgraded, DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([1, 2, 3, 4, ...MIGRATIONS.map(({ version }) => version)].map((version) => ({ version })));
      // The service rollup was filled from the log it inherited: one row per order.
      expect(db.prepare('SELECT COUNT(*) AS n FROM service_orders').get()).toEqual(db.prepare('SELECT COUNT(*) AS n FROM orders').get());
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'legacy_%'`).all()).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('opens a data dir of the previous version with every row kept, and carries on from it', async () => {
    const dataDir = legacyDataDir();
    // The fixture's day: the order numbers (A-004 next) and anything dated count from it, not from
    // the day the suite runs (seen failing after midnight UTC).
    const clock = new ManualClock(lastOrderMs(dataDir) + 60_000);
    const { api } = await startTestBackend(resources, { dataDir, tokens: false, clock });
    const { admin, pos, agent } = FACTS.tokens;
    const [first, second, third] = FACTS.orders as [(typeof FACTS.orders)[0], (typeof FACTS.orders)[0], (typeof FACTS.orders)[0]];

    // The old tokens still open the API: the admin chain-wide, pos and agent in `default`.
    const all = await api.get<OrdersPage>('/api/orders?status=all', pos);
    expect(all.status).toBe(200);
    expect(all.body.orders.map((order) => [order.id, order.number, order.status])).toEqual([
      [first.id, 'A-001', 'accepted'],
      [second.id, 'A-002', 'cancelled'],
      [third.id, 'A-003', 'submitted'],
    ]);
    expect((await api.get(`/api/orders/${first.id}`, admin)).status).toBe(200);
    // Orders of before stations have theirs from their items, all pending while open (migration 006).
    expect(all.body.orders[0]?.stations).toEqual([
      { station: 'kitchen', status: 'pending' },
      { station: 'bar', status: 'pending' },
    ]);

    // The log keeps its seqs; a new order continues both the numbering and the log.
    const log = await api.get<EventsPage>('/api/events?after=0&limit=1000', agent);
    expect(log.body.events.map((event) => event.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(log.body.lastSeq).toBe(22);
    const next = await api.post<OrderCreated>('/api/orders', pos, sampleInput());
    expect(next.body.number).toBe('A-004');
    const after = await api.get<EventsPage>('/api/events?after=22', agent);
    expect(after.body.events[0]?.seq).toBe(23);

    // The idempotency key answers the first order again.
    const replay = await api.post<OrderCreated>('/api/orders', pos, legacyOrderBody(10), { 'idempotency-key': 'fixture-0' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.id);

    // The payment, its receipt file and the courier; the diner's token opens the order.
    const payment = await api.get<Payment>(`/api/payments/${FACTS.paymentId}`, agent);
    expect(payment.body).toMatchObject({ status: 'receipt_uploaded', amount: 3200 });
    const receipt = await fetch(`${api.baseUrl}/api/payments/${FACTS.paymentId}/receipt`, { headers: { authorization: `Bearer ${agent}` } });
    expect(Buffer.from(await receipt.arrayBuffer()).includes(Buffer.from('legacy-receipt'))).toBe(true);
    const dinerView = await api.get<{ courier?: { vendor: string } }>(`/api/orders/${first.id}`, first.customerToken);
    expect(dinerView.status).toBe(200);
    expect(dinerView.body.courier?.vendor).toBe('Bolt');

    // Gift card and loyalty balances are their ledgers, carried over.
    const card = await api.get<GiftCardWithHistory>(`/api/gift-cards/${FACTS.cardNumber}`, pos);
    expect(card.body.balance).toBe(3750);
    expect(card.body.transactions.map((line) => line.kind)).toEqual(['redeem', 'purchase']);
    const points = await api.get<LoyaltyHistory>('/api/loyalty/%2B48600123456', pos);
    expect(points.body.balance).toBe(100);

    // The agent token is still bound to the agent id it claimed as.
    const jobs = await api.get<{ jobs: { id: string }[] }>('/api/print-jobs?status=pending', agent);
    const claimAsOther = await api.post<{ code: string }>(`/api/print-jobs/${jobs.body.jobs[0]?.id ?? ''}/claim`, agent, { agentId: 'someone-else' });
    expect(claimAsOther.body.code).toBe('AGENT_ID_MISMATCH');
  });

  it('gives orders of version 5 their stations and completed orders their completion time (migration 006)', async () => {
    const dataDir = tempDir(resources);
    const old = new SqliteDatabase(new Database(join(dataDir, DATABASE_FILE)));
    await migrate(old, [chainsMigration]);
    const items = JSON.stringify([
      { name: 'Burger', qty: 1, station: 'kitchen', modifiers: [] },
      { name: 'Cola', qty: 1, station: 'bar', modifiers: [] },
    ]);
    const insert = old.connection.prepare(`INSERT INTO orders (id, location_id, number, day, type, items_json, status, customer_token_hash, created_at, updated_at, version)
      VALUES (?, 'default', ?, '2026-12-01', 'dine_in', ?, ?, 'h', '2026-12-01T10:00:00.000Z', ?, 3)`);
    insert.run('ord_open', 'A-001', items, 'accepted', '2026-12-01T10:05:00.000Z');
    insert.run('ord_served', 'A-002', items, 'completed', '2026-12-01T10:20:00.000Z');
    await old.close();

    const upgraded = await openSqliteDatabase(dataDir);
    try {
      expect(upgraded.connection.prepare('SELECT id, stations_json, completed_at FROM orders ORDER BY id').all()).toEqual([
        { id: 'ord_open', stations_json: null, completed_at: null },
        { id: 'ord_served', stations_json: null, completed_at: '2026-12-01T10:20:00.000Z' },
      ]);
    } finally {
      await upgraded.close();
    }
  });

  it('brings a database of an even older version (2) up through the frozen files first', async () => {
    const dataDir = tempDir(resources);
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.pragma('foreign_keys = ON');
    applyLegacyMigrations(
      db,
      loadLegacyMigrations().filter((m) => m.version <= 2),
    );
    db.prepare(`INSERT INTO orders (id, number, day, type, items_json, status, customer_token_hash, created_at, updated_at, version)
      VALUES ('ord_1', 'A-001', '2026-01-01', 'dine_in', '[]', 'submitted', 'h', 't', 't', 1)`).run();
    db.prepare(`INSERT INTO events (type, order_id, to_status, actor_type, actor_id, at, version) VALUES ('order.submitted', 'ord_1', 'submitted', 'pos', 'tok_1', 't', 1)`).run();
    db.close();

    const upgraded = await openSqliteDatabase(dataDir);
    try {
      expect(upgraded.connection.prepare('SELECT id, location_id, position FROM orders').all()).toEqual([{ id: 'ord_1', location_id: 'default', position: 1 }]);
      expect(upgraded.connection.prepare('SELECT location_id, seq FROM events').all()).toEqual([{ location_id: 'default', seq: 1 }]);
      expect(upgraded.connection.prepare('SELECT last_seq FROM event_sequences').get()).toEqual({ last_seq: 1 });
    } finally {
      await upgraded.close();
    }
  });
});

/** The body the fixture's first order was posted with (its Idempotency-Key `fixture-0`). */
function legacyOrderBody(table: number): unknown {
  return {
    type: 'dine_in',
    table: String(table),
    customer: { name: 'Łukasz', phone: '+48 600 123 456' },
    items: [
      { name: 'Cheeseburger', qty: 2, station: 'kitchen', modifiers: ['no onion'], notes: 'ALLERGY: sesame' },
      { name: 'IPA draft', qty: 1, station: 'bar' },
    ],
    total: { amount: 3200, currency: 'EUR' },
  };
}
