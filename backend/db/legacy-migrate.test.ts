import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from './database.js';
import { applyLegacyMigrations, loadLegacyMigrations } from './legacy-migrate.js';
import { Resources, tempDir } from '../test/helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

describe('the frozen SQLite migrations of versions 1-4', () => {
  it('rolls a failing migration back entirely and keeps the previous version', () => {
    const dir = tempDir(resources);
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '001_first.sql'), 'CREATE TABLE a (id INTEGER PRIMARY KEY);');
    writeFileSync(join(migrations, '002_broken.sql'), 'CREATE TABLE b (id INTEGER PRIMARY KEY); INSERT INTO nowhere VALUES (1);');
    writeFileSync(join(migrations, 'notes.txt'), 'not a migration');
    const db = new Database(join(dir, DATABASE_FILE));
    try {
      const loaded = loadLegacyMigrations(migrations);
      expect(loaded.map((m) => m.version)).toEqual([1, 2]);
      expect(() => applyLegacyMigrations(db, loaded)).toThrow(/nowhere/);
      expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'b')`).all()).toEqual([{ name: 'a' }]);
    } finally {
      db.close();
    }
  });

  it('stops at version 4: everything after is migrations/ for both databases', () => {
    expect(loadLegacyMigrations().map((m) => m.version)).toEqual([1, 2, 3, 4]);
  });
});
