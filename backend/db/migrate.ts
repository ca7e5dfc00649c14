import { sql } from 'kysely';
import { LAST_LEGACY_VERSION, applyLegacyMigrations, schemaVersion } from './legacy-migrate.js';
import { chainsMigration } from './migrations/005-chains.js';
import { stationsMigration } from './migrations/006-stations.js';
import { serviceRollupMigration } from './migrations/007-service-rollup.js';
import { customerTokenRevocationMigration } from './migrations/008-customer-token-revocation.js';
import { orderSearchMigration } from './migrations/009-order-search.js';
import { courierContactMigration } from './migrations/010-courier-contact.js';
import type { Migration } from './migrations/migration.js';
import { oneOff, query, rawSql, type Database } from './query.js';
import { SqliteDatabase } from './sqlite-database.js';

/** Every migration since the SQLite-only versions, in order; a new one is a file and a line here. */
export const MIGRATIONS: readonly Migration[] = [chainsMigration, stationsMigration, serviceRollupMigration, customerTokenRevocationMigration, orderSearchMigration, courierContactMigration];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? LAST_LEGACY_VERSION;

const createMigrationsTable = oneOff((db) =>
  db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('version', 'integer', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('applied_at', 'text', (col) => col.notNull()),
);

const currentVersion = query()((db) => db.selectFrom('schema_migrations').select((eb) => eb.fn.coalesce(eb.fn.max('version'), sql<number>`0`).as('version')));

const recordVersion = query<{ version: number; name: string; appliedAt: string }>()((db, args) =>
  db.insertInto('schema_migrations').values({ version: args.version, name: args.name, applied_at: args.appliedAt }),
);

/**
 * Brings the database to SCHEMA_VERSION and answers the versions applied. Backend processes
 * starting together on one PostgreSQL database take turns (an advisory lock), so each migration
 * runs once. An SQLite file of versions 1–3 first gets the frozen SQL migrations up to 4.
 */
export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.serialized('ticketrail:migrations', async () => {
    const applied: number[] = [];
    let legacySqlite = false;
    if (db instanceof SqliteDatabase) {
      const version = schemaVersion(db.connection);
      legacySqlite = version > 0 && version <= LAST_LEGACY_VERSION;
      if (legacySqlite) applied.push(...applyLegacyMigrations(db.connection));
    }
    await db.run(createMigrationsTable);
    const from = (await db.first(currentVersion))?.version ?? 0;
    for (const migration of migrations) {
      if (migration.version <= from) continue;
      const context = { legacySqlite: legacySqlite && migration === chainsMigration, now: new Date().toISOString() };
      await withForeignKeysOff(db, migration.rebuildsTables === true, () =>
        db.transaction(async (tx) => {
          await migration.up(tx, context);
          if (db instanceof SqliteDatabase && migration.rebuildsTables) {
            const problems = await tx.all(rawSql('PRAGMA foreign_key_check'));
            if (problems.length > 0) throw new Error(`migration ${migration.version} left rows whose references fail: ${JSON.stringify(problems.slice(0, 5))}`);
          }
          await tx.run(recordVersion, { version: migration.version, name: migration.name, appliedAt: context.now });
        }),
      );
      applied.push(migration.version);
    }
    return applied;
  });
}

/** SQLite checks foreign keys per statement: a table rebuild needs them off (outside the transaction) until it is done. */
async function withForeignKeysOff<T>(db: Database, rebuild: boolean, work: () => Promise<T>): Promise<T> {
  if (!(db instanceof SqliteDatabase) || !rebuild) return work();
  db.connection.pragma('foreign_keys = OFF');
  try {
    return await work();
  } finally {
    db.connection.pragma('foreign_keys = ON');
  }
}
