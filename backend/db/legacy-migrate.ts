import type BetterSqlite3 from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/*
 * The SQL migrations of SQLite-only versions 1–4, frozen. A database made by those versions (one
 * file per install) is first brought to version 4 here, then rebuilt into the chain schema by
 * migration 005 (migrations/005-chains.ts); a new database of either kind starts at 005.
 */

const LEGACY_DIR = fileURLToPath(new URL('./migrations/legacy-sqlite/', import.meta.url));
const MIGRATION_FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** The newest version made by these files. */
export const LAST_LEGACY_VERSION = 4;

export interface LegacyMigration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered SQL files of the legacy folder, in order. */
export function loadLegacyMigrations(dir: string = LEGACY_DIR): LegacyMigration[] {
  return readdirSync(dir)
    .flatMap((file) => {
      const match = MIGRATION_FILE.exec(file);
      return match ? [{ version: Number(match[1]), name: match[2] as string, sql: readFileSync(`${dir}/${file}`, 'utf8') }] : [];
    })
    .sort((a, b) => a.version - b.version);
}

export function createMigrationsTable(db: BetterSqlite3.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
}

/** The newest version recorded (0 for a new file). */
export function schemaVersion(db: BetterSqlite3.Database): number {
  createMigrationsTable(db);
  return (db.prepare('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations').get() as { version: number }).version;
}

/**
 * Applies every migration newer than the database, each in its own transaction together with its
 * schema_migrations row, so a failing migration leaves the schema at the previous version.
 * Returns the versions applied.
 */
export function applyLegacyMigrations(db: BetterSqlite3.Database, migrations: LegacyMigration[] = loadLegacyMigrations()): number[] {
  const current = schemaVersion(db);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
    applied.push(migration.version);
  }
  return applied;
}
