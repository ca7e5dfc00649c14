import { sql } from 'kysely';
import { VoucherSchema, type Voucher } from '../../common/gift-card.js';
import type { PrintJob, PrintJobKind, PrintJobStatus } from '../../common/print-job.js';
import { oneOff, query, type Query, type Queryable } from '../db/query.js';
import type { PrintJobsTable } from '../db/schema.js';

type PrintJobRow = Omit<PrintJobsTable, 'position'> & { position: number };

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
  return { position: row.position, job, leaseMs: row.lease_ms, ...(row.claimed_by !== null ? { lastClaimedBy: row.claimed_by } : {}) };
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

type InLocation = { location: string };

const insertJob = query<{
  id: string;
  location: string;
  kind: PrintJobKind;
  orderId: string | null;
  station: string;
  printerId: string | null;
  copies: number;
  payload: string | null;
  voucher: string | null;
  reprintOf: string | null;
  at: string;
}>()((db, args) =>
  db.insertInto('print_jobs').values({
    id: args.id,
    location_id: args.location,
    kind: args.kind,
    order_id: args.orderId,
    station: args.station,
    printer_id: args.printerId,
    copies: args.copies,
    payload: args.payload,
    voucher_json: args.voucher,
    status: 'pending',
    attempts: 0,
    reprint_of: args.reprintOf,
    created_at: args.at,
    updated_at: args.at,
    version: 1,
  }),
);
const byId = query<InLocation & { id: string }>()((db, args) => db.selectFrom('print_jobs').selectAll().where('id', '=', args.id).where('location_id', '=', args.location));
// The row a report is decided on stays locked until it commits (PostgreSQL; SQLite has one writer).
const byIdLocked = query<InLocation & { id: string }>()((db, args, dialect) =>
  db
    .selectFrom('print_jobs')
    .selectAll()
    .where('id', '=', args.id)
    .where('location_id', '=', args.location)
    .$if(dialect === 'postgres', (select) => select.forUpdate()),
);
// One statement decides the claim: of two racing agents (in one process or two) exactly one sees a
// claimable row — PostgreSQL makes the second UPDATE wait for the first and then re-checks its
// WHERE on the row as the first left it. An expired lease is claimable even before the sweep.
const claimJob = query<InLocation & { id: string; agentId: string; leaseMs: number; leaseUntilMs: number; nowMs: number; at: string }>()((db, args) =>
  db
    .updateTable('print_jobs')
    .set((eb) => ({
      status: 'printing',
      attempts: eb('attempts', '+', 1),
      claimed_by: args.agentId,
      lease_until_ms: args.leaseUntilMs,
      lease_ms: args.leaseMs,
      error: null,
      updated_at: args.at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', args.id)
    .where('location_id', '=', args.location)
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'printing'), eb('lease_until_ms', '<=', args.nowMs)])]))
    .returningAll(),
);
// claimed_by stays: the last claimer may still report the outcome of what it sent within its lease
// (the report can sit in its outbox); a new claim overwrites it and so ends that right.
const expireLeases = query<InLocation & { nowMs: number; at: string }>()((db, args) =>
  db
    .updateTable('print_jobs')
    .set((eb) => ({ status: 'pending', lease_until_ms: null, updated_at: args.at, version: eb('version', '+', 1) }))
    .where('location_id', '=', args.location)
    .where('status', '=', 'printing')
    .where('lease_until_ms', '<=', args.nowMs)
    .returningAll(),
);
const anyExpired = query<{ nowMs: number }>()((db, args) =>
  db.selectFrom('print_jobs').select('location_id').where('status', '=', 'printing').where('lease_until_ms', '<=', args.nowMs).limit(1),
);
const locationsExpired = query<{ nowMs: number }>()((db, args) =>
  db.selectFrom('print_jobs').select('location_id').distinct().where('status', '=', 'printing').where('lease_until_ms', '<=', args.nowMs),
);
const anyExpiredIn = query<InLocation & { nowMs: number }>()((db, args) =>
  db
    .selectFrom('print_jobs')
    .select('location_id')
    .where('status', '=', 'printing')
    .where('lease_until_ms', '<=', args.nowMs)
    .where('location_id', '=', args.location)
    .limit(1),
);
// From `printing`, or from `pending` after a lapsed lease as long as nobody claimed it since.
const finishJob = query<InLocation & { id: string; agentId: string; status: 'done' | 'failed'; error: string | null; printedAt: string | null; at: string }>()(
  (db, args) =>
    db
      .updateTable('print_jobs')
      .set((eb) => ({ status: args.status, error: args.error, printed_at: args.printedAt, lease_until_ms: null, updated_at: args.at, version: eb('version', '+', 1) }))
      .where('id', '=', args.id)
      .where('location_id', '=', args.location)
      .where('status', 'in', ['printing', 'pending'])
      .where('claimed_by', '=', args.agentId)
      .returningAll(),
);
const renewLease = query<InLocation & { id: string; agentId: string; nowMs: number }>()((db, args) =>
  db
    .updateTable('print_jobs')
    .set({ lease_until_ms: sql<number>`${args.nowMs} + lease_ms` })
    .where('id', '=', args.id)
    .where('location_id', '=', args.location)
    .where('status', '=', 'printing')
    .where('claimed_by', '=', args.agentId)
    .returningAll(),
);
const countPending = query()((db) => db.selectFrom('print_jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending'));

type ListArgs = InLocation & { afterPosition: number; limit: number; status: string; station: string; orderId: string };
/** Listings by which filters are set: at most eight statements, each made once. */
const listings = new Map<string, Query<PrintJobRow, ListArgs>>();
function listing(filter: PrintJobListFilter): Query<PrintJobRow, ListArgs> {
  const key = `${filter.status ? 's' : ''}${filter.station ? 't' : ''}${filter.orderId ? 'o' : ''}`;
  let list = listings.get(key);
  if (!list) {
    list = query<ListArgs>()((db, args) =>
      db
        .selectFrom('print_jobs')
        .selectAll()
        .where('location_id', '=', args.location)
        .where('position', '>', args.afterPosition)
        .$if(key.includes('s'), (select) => select.where('status', '=', args.status as PrintJobStatus))
        .$if(key.includes('t'), (select) => select.where('station', '=', args.station))
        .$if(key.includes('o'), (select) => select.where('order_id', '=', args.orderId))
        .orderBy('position')
        .limit(args.limit),
    );
    listings.set(key, list);
  }
  return list;
}

/** Print jobs, each in its location: a lookup in another location finds nothing, whatever the id. */
export class PrintJobRepository {
  async insert(q: Queryable, location: string, job: NewPrintJob): Promise<PrintJob> {
    await q.run(insertJob, {
      id: job.id,
      location,
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

  async get(q: Queryable, location: string, id: string): Promise<StoredPrintJob | undefined> {
    const row = await q.first(byId, { location, id });
    return row ? toStored(row) : undefined;
  }

  /** As get(), with the row locked until the transaction ends: call it where a change is decided. */
  async getForChange(q: Queryable, location: string, id: string): Promise<StoredPrintJob | undefined> {
    const row = await q.first(byIdLocked, { location, id });
    return row ? toStored(row) : undefined;
  }

  async claim(q: Queryable, location: string, claim: { id: string; agentId: string; leaseMs: number; nowMs: number; at: string }): Promise<PrintJob | undefined> {
    const row = await q.first(claimJob, { location, ...claim, leaseUntilMs: claim.nowMs + claim.leaseMs });
    return row ? toStored(row).job : undefined;
  }

  /** Returns every job of the location whose lease ran out to pending, keeping its last claimer; answers the jobs changed. */
  async expireLeases(q: Queryable, location: string, nowMs: number, at: string): Promise<PrintJob[]> {
    return (await q.all(expireLeases, { location, nowMs, at })).map((row) => toStored(row).job);
  }

  /** Cheap read-only check so reads only open a write transaction when a lease actually ran out. */
  async hasExpiredLeases(q: Queryable, nowMs: number, location?: string): Promise<boolean> {
    const found = location === undefined ? await q.first(anyExpired, { nowMs }) : await q.first(anyExpiredIn, { location, nowMs });
    return found !== undefined;
  }

  /** The locations that have a job whose lease ran out: the sweep takes them one by one. */
  async locationsWithExpiredLeases(q: Queryable, nowMs: number): Promise<string[]> {
    return (await q.all(locationsExpired, { nowMs })).map((row) => row.location_id);
  }

  /** The final status from the last claimer (see finishJob); undefined when it is not theirs to finish. */
  async finish(
    q: Queryable,
    location: string,
    change: { id: string; agentId: string; status: 'done' | 'failed'; error?: string; printedAt?: string; at: string },
  ): Promise<PrintJob | undefined> {
    const row = await q.first(finishJob, {
      location,
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
  async renewLease(q: Queryable, location: string, change: { id: string; agentId: string; nowMs: number }): Promise<PrintJob | undefined> {
    const row = await q.first(renewLease, { location, ...change });
    return row ? toStored(row).job : undefined;
  }

  /** Every location's pending jobs: the instance's health. */
  async countPending(q: Queryable): Promise<number> {
    return Number((await q.first(countPending))?.n ?? 0);
  }

  /** The jobs among `ids` in the location, in insertion order; ids that do not exist there are left out. */
  async getMany(q: Queryable, location: string, ids: readonly string[]): Promise<StoredPrintJob[]> {
    const rows = await q.all(
      oneOff((db) => db.selectFrom('print_jobs').selectAll().where('location_id', '=', location).where('id', 'in', [...ids]).orderBy('position')),
    );
    return rows.map(toStored);
  }

  async list(q: Queryable, location: string, filter: PrintJobListFilter): Promise<StoredPrintJob[]> {
    const rows = await q.all(listing(filter), {
      location,
      afterPosition: filter.afterPosition,
      limit: filter.limit,
      status: filter.status ?? '',
      station: filter.station ?? '',
      orderId: filter.orderId ?? '',
    });
    return rows.map(toStored);
  }
}
