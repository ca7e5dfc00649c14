import type { Db } from '../db/database.js';

/** Small instance-wide values (relay credentials, secrets) that must survive restarts. */
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
}
