import type { Db } from '../db/database.js';

/**
 * Small instance-wide values that must survive restarts and are no secret (the embedded relay's
 * app id and key). Secrets live in DATA_DIR/secrets.json, never here (secrets/instance-secrets.ts).
 */
export class SettingsRepository {
  private readonly selectStatement;
  private readonly insertStatement;

  constructor(private readonly db: Db) {
    this.selectStatement = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.insertStatement = db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)');
  }

  get(key: string): string | undefined {
    return this.selectStatement.get(key)?.value;
  }

  /** The stored value, or `create()`'s value stored now; the first writer wins. */
  getOrCreate(key: string, create: () => string): string {
    return this.db.transaction(() => {
      this.insertStatement.run(key, create());
      return this.get(key) as string;
    })();
  }

  /**
   * Deletes `keys` so that their values are gone from the files too, not just unlinked: a deleted
   * row's bytes stay in its page, and older versions of the page in the WAL, until overwritten.
   * secure_delete zeroes the row; the TRUNCATE checkpoint copies the zeroed page into the file and
   * empties the WAL. (The settings table is a handful of rows in its one root page, which is never
   * freed, so no stale copy waits in a free page.) Answers false when another connection kept the
   * WAL busy, so old copies may remain in it until a later checkpoint.
   */
  eraseForGood(keys: readonly string[]): boolean {
    const secureDelete = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    try {
      this.db.prepare('DELETE FROM settings WHERE key IN (SELECT value FROM json_each(?))').run(JSON.stringify(keys));
    } finally {
      this.db.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
    }
    const [checkpoint] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return checkpoint?.busy === 0;
  }
}
