import {
  sql,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import type { Schema } from './schema.js';

/** The two databases the backend runs on: SQLite in DATA_DIR (the default) or PostgreSQL (DATABASE_URL). */
export type Dialect = 'sqlite' | 'postgres';

/**
 * A Kysely instance per dialect that only builds and compiles SQL: it never connects. The backend
 * executes the compiled text itself (sqlite-database.ts, postgres-database.ts), so the SQLite path
 * stays synchronous better-sqlite3 with cached prepared statements, and PostgreSQL gets named
 * prepared statements through `pg`.
 */
export function sqlBuilder(dialect: Dialect): Kysely<Schema> {
  return new Kysely<Schema>({
    dialect:
      dialect === 'sqlite'
        ? {
            createAdapter: () => new SqliteAdapter(),
            createDriver: () => new DummyDriver(),
            createIntrospector: (db) => new SqliteIntrospector(db),
            createQueryCompiler: () => new SqliteQueryCompiler(),
          }
        : {
            createAdapter: () => new PostgresAdapter(),
            createDriver: () => new DummyDriver(),
            createIntrospector: (db) => new PostgresIntrospector(db),
            createQueryCompiler: () => new PostgresQueryCompiler(),
          },
  });
}

const BUILDERS: Record<Dialect, Kysely<Schema>> = { sqlite: sqlBuilder('sqlite'), postgres: sqlBuilder('postgres') };

/** A named parameter: stands in for a value while a query is compiled, filled in at each run. */
class Param {
  constructor(readonly name: string) {}
}

/** SQL text and its parameters in order, ready for a driver. */
export interface CompiledSql {
  sql: string;
  parameters: readonly unknown[];
  /** The same text runs again with other values: worth a prepared statement. */
  reusable: boolean;
}

type Build<Row, Args> = (db: Kysely<Schema>, args: Args, dialect: Dialect) => Compilable<Row>;

/**
 * A query written once with Kysely and compiled once per dialect. Its arguments are named: `args`
 * in the builder are placeholders (`args.id` compiles to `?` / `$1`), and `bind()` puts the values
 * of one run in their places. Compiling takes 10–20 µs a query, which an order's eight queries
 * would pay on every request; this pays it once per process.
 */
export class Query<Row, Args> {
  private readonly compiled = new Map<Dialect, CompiledSql>();

  constructor(
    private readonly build: Build<Row, Args>,
    /** false for queries whose shape depends on the values (IN lists): compiled at every run. */
    private readonly reusable: boolean,
    private readonly values?: Args,
  ) {}

  /** The SQL of this query in `dialect` with the values of `args` in place of its parameters. */
  bind(dialect: Dialect, args: Args | undefined): CompiledSql {
    if (!this.reusable) {
      const { sql, parameters } = this.build(BUILDERS[dialect], this.values as Args, dialect).compile();
      return { sql, parameters, reusable: false };
    }
    let compiled = this.compiled.get(dialect);
    if (!compiled) {
      const placeholders = new Proxy({}, { get: (_target, name) => new Param(String(name)) }) as Args;
      const { sql, parameters } = this.build(BUILDERS[dialect], placeholders, dialect).compile();
      compiled = { sql, parameters, reusable: true };
      this.compiled.set(dialect, compiled);
    }
    const template = compiled.parameters;
    const given = (args ?? {}) as Record<string, unknown>;
    const values = new Array<unknown>(template.length);
    for (let i = 0; i < template.length; i += 1) {
      const value = template[i];
      if (!(value instanceof Param)) values[i] = value;
      else if (value.name in given) values[i] = given[value.name];
      // A missing argument is a bug in the caller, not a NULL to store.
      else throw new Error(`query argument "${value.name}" is missing`);
    }
    return { sql: compiled.sql, parameters: values, reusable: true };
  }
}

/**
 * Declares a reusable query with named arguments:
 *
 *   const orderById = query<{ location: string; id: string }>()((db, args) =>
 *     db.selectFrom('orders').selectAll().where('location_id', '=', args.location).where('id', '=', args.id));
 *
 * Use the arguments only as values (never in JavaScript conditions: they are placeholders while
 * the query is compiled). The third argument of the builder is the dialect, for the rare clause
 * one of them lacks (row locks: `FOR UPDATE` exists in PostgreSQL only).
 */
export function query<Args extends object = Record<never, never>>() {
  return <Row>(build: Build<Row, Args>): Query<Row, Args> => new Query(build, true);
}

/** A query built for one run, for shapes that depend on the values (an IN list, optional filters). */
export function oneOff<Row>(build: (db: Kysely<Schema>, dialect: Dialect) => Compilable<Row>): Query<Row, Record<never, never>> {
  return new Query((db, _args, dialect) => build(db, dialect), false, {});
}

/** Literal SQL for one run (maintenance and migrations: pragmas, table rebuilds). Never with input in it. */
export function rawSql<Row = unknown>(text: string): Query<Row, Record<never, never>> {
  return oneOff((db) => ({ compile: () => sql.raw<Row>(text).compile(db) }));
}

/** Arguments of a query as a rest parameter: none for a query without any. */
export type ArgsOf<Args> = keyof Args extends never ? [] : [Args];

/** A connection, or a transaction on one: where queries run. */
export interface Queryable {
  readonly dialect: Dialect;
  all<Row, Args>(query: Query<Row, Args>, ...args: ArgsOf<Args>): Promise<Row[]>;
  /** The first row, or undefined. */
  first<Row, Args>(query: Query<Row, Args>, ...args: ArgsOf<Args>): Promise<Row | undefined>;
  /** Runs a statement; answers how many rows it changed (or returned). */
  run<Row, Args>(query: Query<Row, Args>, ...args: ArgsOf<Args>): Promise<number>;
}

export interface TransactionOptions {
  /**
   * Called right after the commit and before the next transaction of this process may commit:
   * the change recorder hands events to the publisher here, so they leave in commit order.
   */
  afterCommit?: () => void;
}

/** The backend's database, SQLite or PostgreSQL: the only thing repositories and services see. */
export interface Database extends Queryable {
  /**
   * Runs `work` in one transaction. PostgreSQL retries it (at most a few times) when the server
   * aborts it for a serialization failure or deadlock, or when a unique key another process just
   * committed made it fail: `work` must not act outside the database before it ends.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Reads in one consistent snapshot (the parts of a diner's view and its seq agree). */
  snapshot<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `work` unless another backend process is running work of the same name at this moment
   * (a PostgreSQL advisory lock; SQLite has one process). Answers undefined when it was skipped.
   */
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T | undefined>;
  /** Runs `work` once no other process runs work of the same name (waits for it). */
  serialized<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Whether the database answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
