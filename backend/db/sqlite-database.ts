import BetterSqlite3 from 'better-sqlite3';
import type { Database, Query, Queryable, TransactionOptions, ArgsOf, CompiledSql } from './query.js';

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

/** Prepared statements kept per connection; queries built per call (IN lists) may add a few hundred. */
const STATEMENT_CACHE_LIMIT = 1_000;

/** better-sqlite3 takes numbers, strings, bigints, buffers and null: booleans become 1/0, undefined null. */
function sqliteValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/**
 * Runs compiled queries on one better-sqlite3 connection. Every call completes synchronously and
 * answers an already-settled promise: SQLite in-process costs microseconds, and going through an
 * async driver (a worker, a queue) would cost more than the query.
 *
 * One connection, so one transaction at a time: a transaction holds `lock` from BEGIN to COMMIT,
 * and a query outside it waits while one is open (otherwise it would read the transaction's
 * uncommitted rows). A transaction whose work only awaits this database never yields to another
 * request, so the lock is only ever waited on when work is queued behind it in the same tick.
 */
export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Statement>();
  private busy = false;
  private readonly waiting: (() => void)[] = [];
  private readonly direct: Queryable;

  constructor(readonly connection: BetterSqlite3.Database) {
    const run = <Row, Args>(mode: 'all' | 'first' | 'run', query: Query<Row, Args>, args: ArgsOf<Args>) =>
      this.execute(mode, query.bind('sqlite', args[0]));
    this.direct = {
      dialect: 'sqlite',
      all: (query, ...args) => Promise.resolve(run('all', query, args) as never[]),
      first: (query, ...args) => Promise.resolve(run('first', query, args) as never),
      run: (query, ...args) => Promise.resolve(run('run', query, args) as number),
    };
  }

  all<Row, Args>(query: Query<Row, Args>, ...args: ArgsOf<Args>): Promise<Row[]> {
    return this.outside(() => this.direct.all(query, ...args));
  }

  first<Row, Args>(query: Query<Row, Args>, ...args: ArgsOf<Args>): Promise<Row | undefined> {
    return this.outside(() => this.direct.first(query, ...args));
  }

  run<Row, Args>(query: Query<Row, Args>, ...args: ArgsOf<Args>): Promise<number> {
    return this.outside(() => this.direct.run(query, ...args));
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    // IMMEDIATE takes the write lock up front, so a second process (the tokens CLI) waits on
    // busy_timeout instead of failing mid-transaction.
    return this.inTransaction('BEGIN IMMEDIATE', work, options);
  }

  snapshot<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.inTransaction('BEGIN', work, {});
  }

  /** One process uses an SQLite file: nothing else can be running the same work. */
  exclusively<T>(_name: string, work: () => Promise<T>): Promise<T> {
    return work();
  }

  serialized<T>(_name: string, work: () => Promise<T>): Promise<T> {
    return work();
  }

  ping(): Promise<boolean> {
    try {
      this.connection.prepare('SELECT 1').get();
      return Promise.resolve(true);
    } catch {
      return Promise.resolve(false);
    }
  }

  close(): Promise<void> {
    this.connection.close();
    return Promise.resolve();
  }

  /** A multi-statement script (the frozen SQL migrations of older versions). */
  script(text: string): void {
    this.connection.exec(text);
  }

  private async inTransaction<T>(begin: string, work: (tx: Queryable) => Promise<T>, options: TransactionOptions): Promise<T> {
    await this.acquire();
    try {
      this.statement(begin).run();
      let result: T;
      try {
        result = await work(this.direct);
        this.statement('COMMIT').run();
      } catch (error) {
        if (this.connection.inTransaction) this.statement('ROLLBACK').run();
        throw error;
      }
      options.afterCommit?.();
      return result;
    } finally {
      this.release();
    }
  }

  /** A query outside any transaction: at once when none is open, else after it. */
  private outside<T>(query: () => Promise<T>): Promise<T> {
    if (!this.busy) return query();
    return this.acquire().then(() => {
      try {
        return query();
      } finally {
        this.release();
      }
    });
  }

  private acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }

  private statement(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      statement = this.connection.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private execute(mode: 'all' | 'first' | 'run', compiled: CompiledSql): unknown {
    const statement = this.statement(compiled.sql);
    const values = compiled.parameters.map(sqliteValue);
    if (!statement.reader) {
      const changes = statement.run(values).changes;
      return mode === 'run' ? changes : mode === 'all' ? [] : undefined;
    }
    if (mode === 'first') return statement.get(values);
    const rows = statement.all(values);
    return mode === 'all' ? rows : rows.length;
  }
}
