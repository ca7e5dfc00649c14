import { VoucherSchema, type Voucher } from '../../common/gift-card.js';
import type { PrintJob, PrintJobKind, PrintJobStatus } from '../../common/print-job.js';
import type { Db } from '../db/database.js';

interface PrintJobRow {
  rowid: number;
  id: string;
  kind: PrintJobKind;
  order_id: string | null;
  station: string;
  printer_id: string | null;
  copies: number;
  payload: string | null;
  status: PrintJobStatus;
  attempts: number;
  claimed_by: string | null;
  lease_until_ms: number | null;
  lease_ms: number | null;
  error: string | null;
  printed_at: string | null;
  reprint_of: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  voucher_json: string | null;
}

/** A job plus what the API does not show but the service needs. */
export interface StoredPrintJob {
  position: number;
  job: PrintJob;
  leaseMs: number | null;
  /**
   * The agent that claimed the job last. A lapsed lease keeps it (only a new claim replaces it), so
   * that agent's late final report can still be accepted while nobody else has claimed the job.
   */
  lastClaimedBy?: string;
}

function toStored(row: PrintJobRow): StoredPrintJob {
  const job: PrintJob = {
    id: row.id,
    kind: row.kind,
    station: row.station,
    copies: row.copies,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
  if (row.order_id !== null) job.orderId = row.order_id;
  if (row.printer_id !== null) job.printerId = row.printer_id;
  if (row.payload !== null) job.payload = row.payload;
  if (row.voucher_json !== null) job.voucher = VoucherSchema.parse(JSON.parse(row.voucher_json));
  // A pending job is held by nobody: the last claimer a lapsed lease keeps is internal (lastClaimedBy).
  if (row.claimed_by !== null && row.status !== 'pending') job.claimedBy = row.claimed_by;
  if (row.lease_until_ms !== null) job.leaseUntil = new Date(row.lease_until_ms).toISOString();
  if (row.error !== null) job.error = row.error;
  if (row.printed_at !== null) job.printedAt = row.printed_at;
  if (row.reprint_of !== null) job.reprintOf = row.reprint_of;
  return { position: row.rowid, job, leaseMs: row.lease_ms, ...(row.claimed_by !== null ? { lastClaimedBy: row.claimed_by } : {}) };
}

export interface NewPrintJob {
  id: string;
  kind: PrintJobKind;
  orderId?: string;
  station: string;
  printerId?: string;
  copies: number;
  payload?: string;
  /** A voucher job's voucher (kind `voucher` only). */
  voucher?: Voucher;
  reprintOf?: string;
  at: string;
}

export interface PrintJobListFilter {
  status?: PrintJobStatus;
  station?: string;
  orderId?: string;
  afterPosition: number;
  limit: number;
}

export class PrintJobRepository {
  private readonly insertStatement;
  private readonly selectById;
  private readonly selectMany;
  private readonly claimStatement;
  private readonly expireStatement;
  private readonly anyExpiredStatement;
  private readonly finishStatement;
  private readonly renewStatement;
  private readonly countPendingStatement;

  constructor(private readonly db: Db) {
    this.insertStatement = db.prepare(`INSERT INTO print_jobs
      (id, kind, order_id, station, printer_id, copies, payload, voucher_json, status, attempts, reprint_of, created_at, updated_at, version)
      VALUES (@id, @kind, @orderId, @station, @printerId, @copies, @payload, @voucher, 'pending', 0, @reprintOf, @at, @at, 1)`);
    this.selectById = db.prepare<[string], PrintJobRow>('SELECT rowid, * FROM print_jobs WHERE id = ?');
    this.selectMany = db.prepare<[string], PrintJobRow>('SELECT rowid, * FROM print_jobs WHERE id IN (SELECT value FROM json_each(?)) ORDER BY rowid');
    // One statement decides the claim: SQLite runs it atomically, so of two racing agents exactly
    // one sees a claimable row. An expired lease is claimable even if the sweep has not run yet.
    this.claimStatement = db.prepare<Record<string, string | number>, PrintJobRow>(`UPDATE print_jobs
      SET status = 'printing', attempts = attempts + 1, claimed_by = @agentId, lease_until_ms = @leaseUntilMs,
          lease_ms = @leaseMs, error = NULL, updated_at = @at, version = version + 1
      WHERE id = @id AND (status = 'pending' OR (status = 'printing' AND lease_until_ms <= @nowMs))
      RETURNING rowid, *`);
    // claimed_by stays: the last claimer may still report the outcome of what it sent within its
    // lease (the report can sit in its outbox); a new claim overwrites it and so ends that right.
    this.expireStatement = db.prepare<Record<string, string | number>, PrintJobRow>(`UPDATE print_jobs
      SET status = 'pending', lease_until_ms = NULL, updated_at = @at, version = version + 1
      WHERE status = 'printing' AND lease_until_ms <= @nowMs
      RETURNING rowid, *`);
    this.anyExpiredStatement = db.prepare<[number], { one: number }>(
      `SELECT 1 AS one FROM print_jobs WHERE status = 'printing' AND lease_until_ms <= ? LIMIT 1`,
    );
    // From `printing`, or from `pending` after a lapsed lease as long as nobody claimed it since.
    this.finishStatement = db.prepare<Record<string, string | number | null>, PrintJobRow>(`UPDATE print_jobs
      SET status = @status, error = @error, printed_at = @printedAt, lease_until_ms = NULL, updated_at = @at,
          version = version + 1
      WHERE id = @id AND status IN ('printing', 'pending') AND claimed_by = @agentId
      RETURNING rowid, *`);
    this.renewStatement = db.prepare<Record<string, string | number>, PrintJobRow>(`UPDATE print_jobs
      SET lease_until_ms = @nowMs + lease_ms
      WHERE id = @id AND status = 'printing' AND claimed_by = @agentId
      RETURNING rowid, *`);
    this.countPendingStatement = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM print_jobs WHERE status = 'pending'`);
  }

  insert(job: NewPrintJob): PrintJob {
    this.insertStatement.run({
      id: job.id,
      kind: job.kind,
      orderId: job.orderId ?? null,
      station: job.station,
      printerId: job.printerId ?? null,
      copies: job.copies,
      payload: job.payload ?? null,
      voucher: job.voucher !== undefined ? JSON.stringify(job.voucher) : null,
      reprintOf: job.reprintOf ?? null,
      at: job.at,
    });
    const created: PrintJob = {
      id: job.id,
      kind: job.kind,
      station: job.station,
      copies: job.copies,
      status: 'pending',
      attempts: 0,
      createdAt: job.at,
      updatedAt: job.at,
      version: 1,
    };
    if (job.orderId !== undefined) created.orderId = job.orderId;
    if (job.printerId !== undefined) created.printerId = job.printerId;
    if (job.payload !== undefined) created.payload = job.payload;
    if (job.voucher !== undefined) created.voucher = job.voucher;
    if (job.reprintOf !== undefined) created.reprintOf = job.reprintOf;
    return created;
  }

  get(id: string): StoredPrintJob | undefined {
    const row = this.selectById.get(id);
    return row ? toStored(row) : undefined;
  }

  claim(claim: { id: string; agentId: string; leaseMs: number; nowMs: number; at: string }): PrintJob | undefined {
    const row = this.claimStatement.get({ ...claim, leaseUntilMs: claim.nowMs + claim.leaseMs });
    return row ? toStored(row).job : undefined;
  }

  /** Returns every job whose lease ran out to pending, keeping its last claimer; answers the jobs changed. */
  expireLeases(nowMs: number, at: string): PrintJob[] {
    return this.expireStatement.all({ nowMs, at }).map((row) => toStored(row).job);
  }

  /** Cheap read-only check so reads only open a write transaction when a lease actually ran out. */
  hasExpiredLeases(nowMs: number): boolean {
    return this.anyExpiredStatement.get(nowMs) !== undefined;
  }

  /** The final status from the last claimer (see finishStatement); undefined when it is not theirs to finish. */
  finish(change: { id: string; agentId: string; status: 'done' | 'failed'; error?: string; printedAt?: string; at: string }): PrintJob | undefined {
    const row = this.finishStatement.get({
      id: change.id,
      agentId: change.agentId,
      status: change.status,
      error: change.error ?? null,
      printedAt: change.printedAt ?? null,
      at: change.at,
    });
    return row ? toStored(row).job : undefined;
  }

  /** A `printing` report from the claimer is a heartbeat: the lease starts over. */
  renewLease(change: { id: string; agentId: string; nowMs: number }): PrintJob | undefined {
    const row = this.renewStatement.get(change);
    return row ? toStored(row).job : undefined;
  }

  countPending(): number {
    return (this.countPendingStatement.get() as { n: number }).n;
  }

  /** The jobs among `ids`, in insertion order; ids that do not exist are left out. */
  getMany(ids: readonly string[]): StoredPrintJob[] {
    return this.selectMany.all(JSON.stringify(ids)).map(toStored);
  }

  list(filter: PrintJobListFilter): StoredPrintJob[] {
    const where = ['rowid > @afterPosition'];
    if (filter.status) where.push('status = @status');
    if (filter.station) where.push('station = @station');
    if (filter.orderId) where.push('order_id = @orderId');
    // A handful of filter combinations at most; SQLite caches nothing for us, but listing is not a hot path.
    const rows = this.db
      .prepare<Record<string, string | number>, PrintJobRow>(
        `SELECT rowid, * FROM print_jobs WHERE ${where.join(' AND ')} ORDER BY rowid LIMIT @limit`,
      )
      .all({
        afterPosition: filter.afterPosition,
        limit: filter.limit,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.station ? { station: filter.station } : {}),
        ...(filter.orderId ? { orderId: filter.orderId } : {}),
      });
    return rows.map(toStored);
  }
}
