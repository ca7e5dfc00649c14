import { join } from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations } from './migrate.js';
import { preparePrivateDatabase } from './private-files.js';

export type Db = Database.Database;

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

/**
 * Opens (creating if needed) the backend's database in `dataDir` and brings its schema up to date.
 * WAL lets the tokens CLI and readers work while the server writes; synchronous=NORMAL is safe
 * with WAL (a power cut may lose the last commits, never corrupt the file) and is what makes
 * thousands of small transactions per second possible. The folder is 0700 and the files 0600
 * (private-files.ts).
 */
export function openDatabase(dataDir: string): Db {
  const file = join(dataDir, DATABASE_FILE);
  preparePrivateDatabase(dataDir, file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${SQLITE_TUNING.busyTimeoutMs}`);
    db.pragma(`wal_autocheckpoint = ${SQLITE_TUNING.walAutoCheckpointPages}`);
    db.pragma(`journal_size_limit = ${SQLITE_TUNING.journalSizeLimitBytes}`);
    applyMigrations(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
