import type { Queryable } from '../query.js';

export interface MigrationContext {
  /** An SQLite file made by a version before 005, to be rebuilt rather than created. */
  legacySqlite: boolean;
  /** ISO time of this run, for rows a migration writes. */
  now: string;
}

/**
 * One step of the schema, for both databases: `up` builds its DDL with Kysely, so SQLite and
 * PostgreSQL get the same tables from one source. It runs in one transaction with its
 * schema_migrations row (PostgreSQL's DDL is transactional too): a failing step leaves the
 * previous version.
 */
export interface Migration {
  version: number;
  name: string;
  /** SQLite rebuilds tables to change constraints: it then runs with foreign keys off and checks them all before its commit. */
  rebuildsTables?: boolean;
  up(tx: Queryable, context: MigrationContext): Promise<void>;
}
