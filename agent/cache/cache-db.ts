import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { TicketEvent } from '../../common/events.js';
import type { BoardNotice } from '../../common/kitchen-api.js';
import { isActiveOrderStatus, type Order } from '../../common/order.js';
import type { PrintJob } from '../../common/print-job.js';
import type { StoredOutboxRow } from '../outbox/outbox-entry.js';
import { CACHE_MIGRATIONS } from './schema.js';
import { preparePrivateSqliteFile } from '../../common-node/private-files.js';

export const CACHE_FILE_NAME = 'agent-cache.sqlite';

export type LocalPrintState = 'claimed' | 'sending' | 'printed' | 'failed' | 'lost';

export interface CachedOrder {
  order: Order;
  unconfirmed: boolean;
  conflict?: string;
}

export interface CachedJob {
  job: PrintJob;
  localState?: LocalPrintState;
  printerId?: string;
  localError?: string;
}


interface OrderRow {
  body: string;
  unconfirmed: number;
  conflict: string | null;
}
interface JobRow {
  body: string;
  local_state: LocalPrintState | null;
  printer_id: string | null;
  local_error: string | null;
}
interface OutboxDbRow {
  id: number;
  kind: string;
  target_id: string;
  body: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
}

const toCachedOrder = (row: OrderRow): CachedOrder => ({
  order: JSON.parse(row.body) as Order,
  unconfirmed: row.unconfirmed === 1,
  ...(row.conflict ? { conflict: row.conflict } : {}),
});

const toCachedJob = (row: JobRow): CachedJob => ({
  job: JSON.parse(row.body) as PrintJob,
  ...(row.local_state ? { localState: row.local_state } : {}),
  ...(row.printer_id ? { printerId: row.printer_id } : {}),
  ...(row.local_error ? { localError: row.local_error } : {}),
});

const toStoredOutboxRow = (row: OutboxDbRow): StoredOutboxRow => ({
  id: row.id,
  kind: row.kind,
  targetId: row.target_id,
  body: row.body,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  ...(row.last_error ? { lastError: row.last_error } : {}),
});

/**
 * The agent's SQLite cache: orders, their events, print jobs, the sync cursor and the outbox.
 * Everything the board shows is read from here, so the board can be rebuilt before any network call.
 * A source of work keeps what only it knows in tables of its own on `db` (TicketRail's payments
 * and couriers: agent/connectors/ticketrail/front-of-house/): the cache names no source.
 */
export class CacheDb {
  readonly db: Database.Database;
  private readonly statements;

  /** `fileName`: each connector has its own file (its registry module's `cacheFile`), so two sources never mix. */
  constructor(
    dataDir: string,
    readonly fileName: string = CACHE_FILE_NAME,
  ) {
    const file = join(dataDir, fileName);
    preparePrivateSqliteFile(dataDir, file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL keeps commits durable across a process crash (WAL) at a fraction of FULL's fsyncs.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    const db = this.db;
    this.statements = {
      getOrder: db.prepare<[string], OrderRow>('SELECT body, unconfirmed, conflict FROM orders WHERE id = ?'),
      // A card moved on this PC alone has no completedAt: its last change is when it was served.
      recentlyCompleted: db.prepare<[number], OrderRow>(
        `SELECT body, unconfirmed, conflict FROM orders WHERE status = 'completed'
         ORDER BY COALESCE(json_extract(body, '$.completedAt'), json_extract(body, '$.updatedAt')) DESC, id DESC LIMIT ?`,
      ),
      // History (issue 24): a time range's orders, newest first (created_at is the backend's ISO time).
      ordersCreatedBetween: db.prepare<[string, string], OrderRow>(
        'SELECT body, unconfirmed, conflict FROM orders WHERE created_at >= ? AND created_at < ? ORDER BY created_at DESC, id DESC',
      ),
      activeOrders: db.prepare<[], OrderRow>(
        "SELECT body, unconfirmed, conflict FROM orders WHERE status IN ('submitted','accepted','ready') ORDER BY created_at, number",
      ),
      upsertOrder: db.prepare(
        `INSERT INTO orders (id, number, status, version, created_at, body) VALUES (@id, @number, @status, @version, @createdAt, @body)
         ON CONFLICT(id) DO UPDATE SET number = excluded.number, status = excluded.status, version = excluded.version, body = excluded.body`,
      ),
      setOrderFlags: db.prepare('UPDATE orders SET unconfirmed = ?, conflict = ? WHERE id = ?'),
      insertEvent: db.prepare('INSERT OR IGNORE INTO order_events (seq, order_id, job_id, body) VALUES (?, ?, ?, ?)'),
      getState: db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?'),
      setState: db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      getJob: db.prepare<[string], JobRow>('SELECT body, local_state, printer_id, local_error FROM print_jobs WHERE id = ?'),
      upsertJob: db.prepare(
        `INSERT INTO print_jobs (id, station, status, order_id, body, updated_at) VALUES (@id, @station, @status, @orderId, @body, @updatedAt)
         ON CONFLICT(id) DO UPDATE SET station = excluded.station, status = excluded.status, order_id = excluded.order_id,
           body = excluded.body, updated_at = excluded.updated_at`,
      ),
      setJobLocal: db.prepare('UPDATE print_jobs SET local_state = ?, printer_id = ?, local_error = ? WHERE id = ?'),
      jobsByLocalState: db.prepare<[string], JobRow>(
        'SELECT body, local_state, printer_id, local_error FROM print_jobs WHERE local_state = ? ORDER BY updated_at',
      ),
      // History (issue 24): an order's print jobs, oldest first.
      jobsOfOrder: db.prepare<[string], JobRow>('SELECT body, local_state, printer_id, local_error FROM print_jobs WHERE order_id = ? ORDER BY updated_at, id'),
      recentJobs: db.prepare<[number], JobRow>(
        'SELECT body, local_state, printer_id, local_error FROM print_jobs ORDER BY updated_at DESC, id DESC LIMIT ?',
      ),
      enqueue: db.prepare('INSERT INTO outbox (kind, target_id, body, created_at) VALUES (?, ?, ?, ?)'),
      outboxAll: db.prepare<[], OutboxDbRow>('SELECT * FROM outbox ORDER BY id'),
      outboxDelete: db.prepare('DELETE FROM outbox WHERE id = ?'),
      outboxRetry: db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?'),
      outboxCountByTarget: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE target_id = ?'),
      outboxCounts: db.prepare<[], { target_id: string; n: number }>('SELECT target_id, COUNT(*) AS n FROM outbox GROUP BY target_id'),
      keepNotice: db.prepare('INSERT OR IGNORE INTO board_notices (id, at, body) VALUES (?, ?, ?)'),
      noticesSince: db.prepare<[string, number], { body: string }>('SELECT body FROM board_notices WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?'),
      dropNoticesBefore: db.prepare('DELETE FROM board_notices WHERE at < ?'),
      struckOf: db.prepare<[string], { line_index: number }>('SELECT line_index FROM struck_lines WHERE order_id = ? ORDER BY line_index'),
      struckAll: db.prepare<[], { order_id: string; line_index: number }>('SELECT order_id, line_index FROM struck_lines ORDER BY order_id, line_index'),
      strike: db.prepare('INSERT INTO struck_lines (order_id, line_index, struck_at) VALUES (?, ?, ?)'),
      unstrike: db.prepare('DELETE FROM struck_lines WHERE order_id = ? AND line_index = ?'),
      pruneStruck: db.prepare('DELETE FROM struck_lines WHERE order_id = ?'),
    };
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set(
      this.db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((row) => row.version),
    );
    CACHE_MIGRATIONS.forEach((sql, index) => {
      const version = index + 1;
      if (applied.has(version)) return;
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
      })();
    });
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  getOrder(id: string): CachedOrder | undefined {
    const row = this.statements.getOrder.get(id);
    return row ? toCachedOrder(row) : undefined;
  }

  /** The `limit` most recently completed orders, the most recent completion first. */
  recentlyCompleted(limit: number): CachedOrder[] {
    return this.statements.recentlyCompleted.all(limit).map(toCachedOrder);
  }

  /** Orders created in [from, to) (ISO instants), the newest first: History while the backend is away. */
  ordersCreatedBetween(from: string, to: string): CachedOrder[] {
    return this.statements.ordersCreatedBetween.all(from, to).map(toCachedOrder);
  }

  activeOrders(): CachedOrder[] {
    return this.statements.activeOrders.all().map(toCachedOrder);
  }

  putOrder(order: Order): void {
    this.statements.upsertOrder.run({
      id: order.id,
      number: order.number,
      status: order.status,
      version: order.version,
      createdAt: order.createdAt,
      body: JSON.stringify(order),
    });
    // A card that leaves the rail takes its struck lines with it (a recalled order comes back clean).
    if (!isActiveOrderStatus(order.status)) this.statements.pruneStruck.run(order.id);
  }

  /** The card's struck lines (common/struck-lines.ts), in order; [] when none. */
  struckLines(orderId: string): number[] {
    return this.statements.struckOf.all(orderId).map((row) => row.line_index);
  }

  /** Every card's struck lines, by order id: one query for the whole rail (the rows of cards off the rail are pruned). */
  allStruckLines(): Map<string, number[]> {
    const byOrder = new Map<string, number[]>();
    for (const row of this.statements.struckAll.all()) {
      const lines = byOrder.get(row.order_id);
      if (lines) lines.push(row.line_index);
      else byOrder.set(row.order_id, [row.line_index]);
    }
    return byOrder;
  }

  /** Strikes the line, or un-strikes it when struck already; whether it is struck now. */
  toggleStruckLine(orderId: string, index: number, at: string): boolean {
    return this.transaction(() => {
      if (this.statements.unstrike.run(orderId, index).changes > 0) return false;
      this.statements.strike.run(orderId, index, at);
      return true;
    });
  }

  setOrderFlags(id: string, flags: { unconfirmed: boolean; conflict?: string }): void {
    this.statements.setOrderFlags.run(flags.unconfirmed ? 1 : 0, flags.conflict ?? null, id);
  }

  recordEvent(event: TicketEvent): void {
    this.statements.insertEvent.run(event.seq, event.orderId ?? null, event.jobId ?? null, JSON.stringify(event));
  }

  getLastSeq(): number {
    return Number(this.statements.getState.get('lastSeq')?.value ?? 0);
  }

  setLastSeq(seq: number): void {
    this.statements.setState.run('lastSeq', String(seq));
  }

  getState(key: string): string | undefined {
    return this.statements.getState.get(key)?.value;
  }

  setState(key: string, value: string): void {
    this.statements.setState.run(key, value);
  }

  getJob(id: string): CachedJob | undefined {
    const row = this.statements.getJob.get(id);
    return row ? toCachedJob(row) : undefined;
  }

  putJob(job: PrintJob): void {
    this.statements.upsertJob.run({
      id: job.id,
      station: job.station,
      status: job.status,
      orderId: job.orderId ?? null,
      body: JSON.stringify(job),
      updatedAt: job.updatedAt,
    });
  }

  /** Stores the order unless the cache holds a newer version (answers and events can cross); whether it stored it. */
  putOrderIfNewer(order: Order): boolean {
    const cached = this.getOrder(order.id);
    if (cached && cached.order.version > order.version) return false;
    this.putOrder(order);
    return true;
  }

  /** Stores the job unless the cache holds a newer version (answers and events can cross); whether it stored it. */
  putJobIfNewer(job: PrintJob): boolean {
    const cached = this.getJob(job.id);
    if (cached && cached.job.version > job.version) return false;
    this.putJob(job);
    return true;
  }

  setJobLocal(id: string, state: LocalPrintState, printerId?: string, error?: string): void {
    this.statements.setJobLocal.run(state, printerId ?? null, error ?? null, id);
  }

  jobsInLocalState(state: LocalPrintState): CachedJob[] {
    return this.statements.jobsByLocalState.all(state).map(toCachedJob);
  }

  /** The print jobs of one order this agent has heard of (History's reprint while the backend is away). */
  jobsOfOrder(orderId: string): CachedJob[] {
    return this.statements.jobsOfOrder.all(orderId).map(toCachedJob);
  }

  recentJobs(limit: number): CachedJob[] {
    return this.statements.recentJobs.all(limit).map(toCachedJob);
  }

  /** A row of the outbox, queued at `createdAt` (the agent's clock); the outbox (agent/outbox/outbox.ts) checks its kind and shape. */
  enqueue(kind: string, targetId: string, body: unknown, createdAt: string): void {
    this.statements.enqueue.run(kind, targetId, JSON.stringify(body), createdAt);
  }

  /** The outbox's rows in order, unchecked (the outbox reads each through its kind). */
  outbox(): StoredOutboxRow[] {
    return this.statements.outboxAll.all().map(toStoredOutboxRow);
  }

  removeOutbox(id: number): void {
    this.statements.outboxDelete.run(id);
  }

  deferOutbox(id: number, nextAttemptAt: number, error: string): void {
    this.statements.outboxRetry.run(nextAttemptAt, error, id);
  }

  pendingCount(targetId: string): number {
    return this.statements.outboxCountByTarget.get(targetId)?.n ?? 0;
  }

  pendingCounts(): Map<string, number> {
    return new Map(this.statements.outboxCounts.all().map((row) => [row.target_id, row.n]));
  }

  /** Keeps a counter notice (once per id) so a board opened later today shows it. */
  keepNotice(notice: BoardNotice): void {
    this.statements.keepNotice.run(notice.id, notice.at, JSON.stringify(notice));
  }

  /** The notices stamped at or after `sinceIso`, newest first. */
  noticesSince(sinceIso: string, limit: number): BoardNotice[] {
    return this.statements.noticesSince.all(sinceIso, limit).map((row) => JSON.parse(row.body) as BoardNotice);
  }

  dropNoticesBefore(beforeIso: string): void {
    this.statements.dropNoticesBefore.run(beforeIso);
  }

  close(): void {
    this.db.close();
  }
}
