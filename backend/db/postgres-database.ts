import pg from 'pg';
import type { ArgsOf, CompiledSql, Database, Query, Queryable, TransactionOptions } from './query.js';

/** PostgreSQL's answers that mean "run the transaction again": it lost a race, nothing was written. */
const RETRYABLE_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '23505', // unique_violation: another process committed the same key first; the retry reads it
]);

/** Attempts of one transaction before its error is answered. */
const MAX_ATTEMPTS = 5;

/**
 * An advisory lock's key: the name within this database's schema, so two installs in two schemas
 * of one database (tests do that) never hold each other's locks.
 */
const LOCK_KEY = `hashtextextended(current_schema() || ':' || $1, 0)`;

const INT8_OID = 20;
const NUMERIC_OID = 1700;

export interface PostgresOptions {
  /** Connections this process keeps at most. */
  poolSize: number;
  /** Where the pool reports a connection that broke while idle (a server restart). */
  onPoolError?: (error: Error) => void;
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

/**
 * The backend's queries on PostgreSQL through `pg`: a pool per process, each query text prepared
 * once per connection under a stable name. BIGINT and NUMERIC come back as JS numbers (seqs and
 * epoch milliseconds stay far below 2^53), as they do from SQLite.
 */
export class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly names = new Map<string, string>();

  constructor(connectionString: string, options: PostgresOptions) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.poolSize,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID || oid === NUMERIC_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
      },
    });
    this.pool.on('error', (error) => options.onPoolError?.(error));
  }

  all<Row, Args>(query: Query<Row, Args>, ...args: ArgsOf<Args>): Promise<Row[]> {
    return this.on(this.pool).all(query, ...args);
  }

  first<Row, Args>(query: Query<Row, Args>, ...args: ArgsOf<Args>): Promise<Row | undefined> {
    return this.on(this.pool).first(query, ...args);
  }

  run<Row, Args>(query: Query<Row, Args>, ...args: ArgsOf<Args>): Promise<number> {
    return this.on(this.pool).run(query, ...args);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await this.inTransaction('BEGIN', work);
        options.afterCommit?.();
        return result;
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE_CODES.has(codeOf(error) ?? '')) throw error;
      }
    }
  }

  snapshot<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work);
  }

  exclusively<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
    return this.withAdvisoryLock(name, 'try', work);
  }

  async serialized<T>(name: string, work: () => Promise<T>): Promise<T> {
    return (await this.withAdvisoryLock(name, 'wait', work)) as T;
  }

  /**
   * Runs `work` holding a session-level advisory lock on a connection set aside for it (the work
   * uses the pool as usual); a process that dies releases it with its session. `try` gives up at
   * once when another session holds the lock; `wait` waits for it.
   */
  private async withAdvisoryLock<T>(name: string, mode: 'try' | 'wait', work: () => Promise<T>): Promise<T | undefined> {
    const client = await this.pool.connect();
    try {
      if (mode === 'try') {
        const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS locked`, [name]);
        if (!rows[0]?.locked) return undefined;
      } else {
        await client.query(`SELECT pg_advisory_lock(${LOCK_KEY})`, [name]);
      }
      try {
        return await work();
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`, [name]);
      }
    } finally {
      client.release();
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private async inTransaction<T>(begin: string, work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query(begin);
      try {
        const result = await work(this.on(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      }
    } finally {
      // A connection whose ROLLBACK failed is in an unknown state: the pool must not hand it out again.
      client.release(broken);
    }
  }

  private on(target: pg.Pool | pg.PoolClient): Queryable {
    const execute = async (compiled: CompiledSql): Promise<pg.QueryResult> => {
      const values = compiled.parameters.map((value) => (value === undefined ? null : value));
      const result = (await target.query({ text: compiled.sql, values, ...(compiled.reusable ? { name: this.nameOf(compiled.sql) } : {}) })) as
        | pg.QueryResult
        | pg.QueryResult[];
      // A script of several statements (a migration's DDL) answers one result per statement.
      return Array.isArray(result) ? (result[result.length - 1] as pg.QueryResult) : result;
    };
    return {
      dialect: 'postgres',
      all: async (query, ...args) => (await execute(query.bind('postgres', args[0]))).rows as never[],
      first: async (query, ...args) => (await execute(query.bind('postgres', args[0]))).rows[0] as never,
      run: async (query, ...args) => {
        const result = await execute(query.bind('postgres', args[0]));
        return result.rowCount ?? result.rows.length;
      },
    };
  }

  /** One name per query text: `pg` prepares a named statement once per connection and reuses it. */
  private nameOf(sql: string): string {
    let name = this.names.get(sql);
    if (!name) {
      name = `tr_${this.names.size + 1}`;
      this.names.set(sql, name);
    }
    return name;
  }
}
