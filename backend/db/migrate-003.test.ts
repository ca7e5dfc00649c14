import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from './database.js';
import { applyLegacyMigrations as applyMigrations, loadLegacyMigrations as loadMigrations } from './legacy-migrate.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A database file at schema version 2 with an order, a job, its reprint and an idempotency key. */
function databaseAtVersion2(): Database.Database {
  const dir = mkdtempSync(join(tmpdir(), 'ticketrail-migrate-003-'));
  dirs.push(dir);
  const db = new Database(join(dir, DATABASE_FILE));
  db.pragma('foreign_keys = ON');
  applyMigrations(
    db,
    loadMigrations().filter((m) => m.version <= 2),
  );
  db.prepare(`INSERT INTO orders (id, number, day, type, items_json, status, customer_token_hash, created_at, updated_at, version)
    VALUES ('ord_1', 'A-001', '2026-01-01', 'dine_in', '[]', 'submitted', 'h', 't', 't', 1)`).run();
  const job = db.prepare(`INSERT INTO print_jobs (id, kind, order_id, station, copies, status, reprint_of, created_at, updated_at, version)
    VALUES (?, 'ticket', 'ord_1', 'kitchen', 1, ?, ?, 't', 't', 1)`);
  // A gap in rowids, as deletes leave: the listing's cursor is the rowid and must survive.
  job.run('job_a', 'done', null);
  db.prepare(`DELETE FROM print_jobs WHERE id = 'job_a'`).run();
  job.run('job_b', 'done', null);
  job.run('job_c', 'pending', 'job_b');
  db.prepare(`INSERT INTO idempotency_keys (principal, key, request_hash, order_id, response_json, created_ms)
    VALUES ('tok_1', 'receipt-1', 'hash', 'ord_1', '{"id":"ord_1"}', 42)`).run();
  return db;
}

describe('migration 003: gift cards, loyalty, voucher jobs', () => {
  it('keeps every print job with its rowid and reprint link, and every idempotency key as an orders key', () => {
    const db = databaseAtVersion2();
    try {
      const rowids = db.prepare('SELECT rowid, id, reprint_of FROM print_jobs ORDER BY rowid').all();
      applyMigrations(db);

      expect(db.prepare('SELECT rowid, id, reprint_of FROM print_jobs ORDER BY rowid').all()).toEqual(rowids);
      expect(db.prepare('SELECT * FROM idempotency_keys').all()).toEqual([
        { scope: 'orders', principal: 'tok_1', key: 'receipt-1', request_hash: 'hash', resource_id: 'ord_1', response_json: '{"id":"ord_1"}', created_ms: 42 },
      ]);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // The reprint link still points at print_jobs (not at the table it was built in).
      expect(() =>
        db.prepare(`INSERT INTO print_jobs (id, kind, station, copies, status, reprint_of, created_at, updated_at, version)
          VALUES ('job_x', 'raw', 'bar', 1, 'pending', 'no-such-job', 't', 't', 1)`).run(),
      ).toThrow(/FOREIGN KEY/);
      const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('print_jobs', 'idempotency_keys') AND sql IS NOT NULL ORDER BY name`).all();
      expect(indexes).toEqual([{ name: 'idempotency_keys_created' }, { name: 'print_jobs_order' }, { name: 'print_jobs_status_lease' }]);
    } finally {
      db.close();
    }
  });

  it('takes voucher jobs only with their voucher, and no voucher on any other kind', () => {
    const db = databaseAtVersion2();
    try {
      applyMigrations(db);
      const insert = db.prepare(`INSERT INTO print_jobs (id, kind, station, copies, status, created_at, updated_at, version, voucher_json)
        VALUES (?, ?, 'counter', 1, 'pending', 't', 't', 1, ?)`);
      expect(() => insert.run('job_v', 'voucher', '{"cardNumber":"GC-X"}')).not.toThrow();
      expect(() => insert.run('job_w', 'voucher', null)).toThrow(/CHECK/);
      expect(() => insert.run('job_r', 'raw', '{"cardNumber":"GC-X"}')).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});
