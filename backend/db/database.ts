import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrate } from './migrate.js';
import { PostgresDatabase } from './postgres-database.js';
import type { Database } from './query.js';
import { SqliteDatabase } from './sqlite-database.js';
import { preparePrivateSqliteFile } from '../../common-node/private-files.js';

export type { Database, Queryable, Dialect } from './query.js';

export const DATABASE_FILE = 'ticketrail.sqlite';

export const SQLITE_TUNING = {
  busyTimeoutMs: 5_000,
  /**
   * Pages of WAL after which a committing connection checkpoints by itself. The backend checkpoints
   * from a worker thread (see checkpointer.ts), so this is only the backstop that bounds the WAL if
   * that worker falls behind; SQLite's default of 1000 would put an fsync on the request path
   * every few hundred orders.
   */
  walAutoCheckpointPages: 8_192,
  /** The WAL file is truncated back to this size after a checkpoint resets it. */
  journalSizeLimitBytes: 64 * 1024 * 1024,
} as const;

/** Where the backend keeps its rows: SQLite in a data dir (the default) or a PostgreSQL database. */
export type DatabaseLocation = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number };

/**
 * Opens (creating if needed) the backend's SQLite database in `dataDir` and brings its schema up
 * to date. WAL lets the tokens CLI and readers work while the server writes; synchronous=NORMAL is
 * safe with WAL (a power cut may lose the last commits, never corrupt the file) and is what makes
 * thousands of small transactions per second possible. The folder is 0700 and the files 0600
 * (common-node/private-files.ts).
 */
export async function openSqliteDatabase(dataDir: string): Promise<SqliteDatabase> {
  const file = join(dataDir, DATABASE_FILE);
  preparePrivateSqliteFile(dataDir, file);
  const connection = new BetterSqlite3(file);
  const db = new SqliteDatabase(connection);
  try {
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    connection.pragma('foreign_keys = ON');
    connection.pragma(`busy_timeout = ${SQLITE_TUNING.busyTimeoutMs}`);
    connection.pragma(`wal_autocheckpoint = ${SQLITE_TUNING.walAutoCheckpointPages}`);
    connection.pragma(`journal_size_limit = ${SQLITE_TUNING.journalSizeLimitBytes}`);
    await migrate(db);
    return db;
  } catch (error) {
    connection.close();
    throw error;
  }
}

/** Connects to PostgreSQL and brings the schema up to date (one process at a time). */
export async function openPostgresDatabase(url: string, poolSize: number, onPoolError?: (error: Error) => void): Promise<PostgresDatabase> {
  const db = new PostgresDatabase(url, { poolSize, ...(onPoolError ? { onPoolError } : {}) });
  try {
    await migrate(db);
    return db;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

export function openDatabase(location: DatabaseLocation, onPoolError?: (error: Error) => void): Promise<Database> {
  return location.kind === 'sqlite' ? openSqliteDatabase(location.dataDir) : openPostgresDatabase(location.url, location.poolSize, onPoolError);
}
