import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from './database.js';
import { applyMigrations, loadMigrations } from './migrate.js';
import { Resources, tempDir } from '../test/helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

describe('migrations', () => {
  it('creates the schema once, in WAL mode with foreign keys on, and records each version', () => {
    const dir = tempDir(resources);
    const db = openDatabase(dir);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      const versions = db.prepare('SELECT version, name FROM schema_migrations').all();
      expect(versions).toEqual(loadMigrations().map((m) => ({ version: m.version, name: m.name })));
      expect(applyMigrations(db)).toEqual([]);
      expect(() => db.prepare(`INSERT INTO print_jobs (id, kind, order_id, station, copies, status, created_at, updated_at, version)
        VALUES ('j', 'ticket', 'no-such-order', 'kitchen', 1, 'pending', 'x', 'x', 1)`).run()).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
    // Reopening an up-to-date database applies nothing.
    const again = openDatabase(dir);
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: loadMigrations().length });
    again.close();
  });

  it('rolls a failing migration back entirely and keeps the previous version', () => {
    const dir = tempDir(resources);
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '001_first.sql'), 'CREATE TABLE a (id INTEGER PRIMARY KEY);');
    writeFileSync(join(migrations, '002_broken.sql'), 'CREATE TABLE b (id INTEGER PRIMARY KEY); INSERT INTO nowhere VALUES (1);');
    writeFileSync(join(migrations, 'notes.txt'), 'not a migration');
    const db = new Database(join(dir, DATABASE_FILE));
    try {
      const loaded = loadMigrations(migrations);
      expect(loaded.map((m) => m.version)).toEqual([1, 2]);
      expect(() => applyMigrations(db, loaded)).toThrow(/nowhere/);
      expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'b')`).all()).toEqual([{ name: 'a' }]);
    } finally {
      db.close();
    }
  });
});
