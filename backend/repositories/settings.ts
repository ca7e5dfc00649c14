import type { Database } from '../db/database.js';
import { query, type Queryable } from '../db/query.js';
import { SqliteDatabase } from '../db/sqlite-database.js';

const selectValue = query<{ key: string }>()((db, args) => db.selectFrom('settings').select('value').where('key', '=', args.key));

const insertIfAbsent = query<{ key: string; value: string }>()((db, args) =>
  db
    .insertInto('settings')
    .values({ key: args.key, value: args.value })
    .onConflict((conflict) => conflict.column('key').doNothing()),
);

const deleteKey = query<{ key: string }>()((db, args) => db.deleteFrom('settings').where('key', '=', args.key));

/**
 * Small instance-wide values that must survive restarts and are no secret (the embedded relay's
 * app id and key). Secrets live in DATA_DIR/secrets.json, never here (secrets/instance-secrets.ts).
 */
export class SettingsRepository {
  constructor(private readonly db: Database) {}

  async get(key: string, q: Queryable = this.db): Promise<string | undefined> {
    return (await q.first(selectValue, { key }))?.value;
  }

  /** The stored value, or `create()`'s value stored now; the first writer wins (also across processes). */
  getOrCreate(key: string, create: () => string): Promise<string> {
    return this.db.transaction(async (tx) => {
      await tx.run(insertIfAbsent, { key, value: create() });
      return (await this.get(key, tx)) as string;
    });
  }

  /**
   * Deletes `keys` so that their values are gone from the files too, not just unlinked. In SQLite
   * a deleted row's bytes stay in its page, and older versions of the page in the WAL, until
   * overwritten: secure_delete zeroes the row and the TRUNCATE checkpoint copies the zeroed page
   * into the file and empties the WAL. (The settings table is a handful of rows in its one root
   * page, which is never freed, so no stale copy waits in a free page.) Answers false when another
   * connection kept the WAL busy, so old copies may remain in it until a later checkpoint. Only
   * SQLite installs ever kept secrets here.
   */
  async eraseForGood(keys: readonly string[]): Promise<boolean> {
    if (!(this.db instanceof SqliteDatabase)) {
      for (const key of keys) await this.db.run(deleteKey, { key });
      return true;
    }
    const connection = this.db.connection;
    const secureDelete = connection.pragma('secure_delete', { simple: true }) as number;
    connection.pragma('secure_delete = ON');
    try {
      for (const key of keys) await this.db.run(deleteKey, { key });
    } finally {
      connection.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
    }
    const [checkpoint] = connection.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return checkpoint?.busy === 0;
  }
}
