import { CodedError, ERRORS } from '../../common/errors.js';
import { EVENT_TYPES, type Actor } from '../../common/events.js';
import { VOUCHER_STATION, type Voucher } from '../../common/gift-card.js';
import { stationsOf, type Order } from '../../common/order.js';
import type { z } from 'zod';
import {
  PRINT_JOB_LIMITS,
  PRINT_JOB_TRANSITIONS,
  type PrintJob,
  type PrintJobInputSchema,
  type PrintJobReprintInput,
  type PrintJobStatusInput,
} from '../../common/print-job.js';
import type { Database, Queryable } from '../db/query.js';
import { newId } from '../ids.js';
import type { OrderRepository } from '../repositories/orders.js';
import type { NewPrintJob, PrintJobListFilter, PrintJobRepository, StoredPrintJob } from '../repositories/print-jobs.js';
import { instantOf, type Clock, type Instant } from '../time.js';
import type { AgentIdentities } from './agent-identities.js';
import type { ChangeRecorder, RecordEvent } from './change-recorder.js';
import { orderNotFound } from './open-order.js';

const SYSTEM_ACTOR: Actor = { type: 'system', id: 'lease-sweeper' };

export type ParsedPrintJobInput = z.output<typeof PrintJobInputSchema>;

function notFound(id: string): CodedError {
  return new CodedError(ERRORS.PRINT_JOB_NOT_FOUND, `print job ${id} does not exist`, { id });
}

/** 409 for a report from an agent that does not hold the job (never claimed it, lost it, or its lease lapsed). */
function notClaimedBy(job: PrintJob, agentId: string): CodedError {
  return new CodedError(ERRORS.PRINT_JOB_NOT_CLAIMED_BY_AGENT, `print job ${job.id} is not claimed by ${agentId}`, {
    status: job.status,
    ...(job.claimedBy !== undefined ? { claimedBy: job.claimedBy } : {}),
  });
}

/** Print jobs: creation, claims with leases, outcome reports, reprints. */
export class PrintJobService {
  constructor(
    private readonly db: Database,
    private readonly recorder: ChangeRecorder,
    private readonly jobs: PrintJobRepository,
    private readonly orders: OrderRepository,
    private readonly clock: Clock,
    private readonly identities: AgentIdentities,
  ) {}

  /**
   * One `ticket` job per station the order's items need, each with its own event. Runs inside the
   * caller's transaction (order submission or acceptance).
   */
  async createTicketJobs(tx: Queryable, location: string, order: Order, actor: Actor, record: RecordEvent, at: string): Promise<PrintJob[]> {
    const jobs: PrintJob[] = [];
    for (const station of stationsOf(order.items)) {
      jobs.push(await this.insertJob(tx, location, { id: newId('job'), kind: 'ticket', orderId: order.id, station, copies: 1, at }, actor, record));
    }
    return jobs;
  }

  /**
   * A diner cancelled their order (issue 24): each station whose ticket went to its printer (done,
   * or printing now) gets one new `ticket` job, which the agent prints as a cancellation slip since
   * the order is cancelled (ticket-renderer.ts). It is a job like any other (claim, lease, exactly
   * once), made in the cancel's transaction: the cancel and its slips exist together or not at all.
   * A station whose ticket is still pending gets none: that ticket itself prints as the slip.
   */
  async createCancellationSlips(tx: Queryable, location: string, order: Order, actor: Actor, record: RecordEvent, at: string): Promise<PrintJob[]> {
    const jobs = await this.jobs.list(tx, location, { orderId: order.id, afterPosition: 0, limit: 1_000 });
    const sent = new Set(jobs.filter(({ job }) => job.kind === 'ticket' && (job.status === 'done' || job.status === 'printing')).map(({ job }) => job.station));
    const slips: PrintJob[] = [];
    for (const station of sent) {
      slips.push(await this.insertJob(tx, location, { id: newId('job'), kind: 'ticket', orderId: order.id, station, copies: 1, at }, actor, record));
    }
    return slips;
  }

  /**
   * The voucher of a gift card just sold, on the counter's printer; runs inside the purchase's
   * transaction, so the card and its voucher job exist together or not at all. The agent prints it
   * like any job (claim, lease, exactly once); the backend only says what is on it.
   */
  createVoucherJob(tx: Queryable, location: string, voucher: Voucher, actor: Actor, record: RecordEvent, at: string): Promise<PrintJob> {
    return this.insertJob(tx, location, { id: newId('job'), kind: 'voucher', station: VOUCHER_STATION, copies: 1, voucher, at }, actor, record);
  }

  create(location: string, input: ParsedPrintJobInput, actor: Actor): Promise<PrintJob> {
    return this.recorder.run(location, async (tx, record) => {
      if (input.orderId !== undefined && !(await this.orders.get(tx, location, input.orderId))) throw orderNotFound(input.orderId);
      return this.insertJob(
        tx,
        location,
        {
          id: newId('job'),
          kind: input.kind,
          station: input.station,
          copies: input.copies,
          at: instantOf(this.clock).iso,
          ...(input.orderId !== undefined ? { orderId: input.orderId } : {}),
          ...(input.printerId !== undefined ? { printerId: input.printerId } : {}),
          ...('payload' in input ? { payload: input.payload } : {}),
        },
        actor,
        record,
      );
    });
  }

  async get(location: string, id: string): Promise<PrintJob> {
    await this.sweepExpiredLeases(location);
    const stored = await this.jobs.get(this.db, location, id);
    if (!stored) throw notFound(id);
    return stored.job;
  }

  async list(location: string, filter: PrintJobListFilter): Promise<StoredPrintJob[]> {
    await this.sweepExpiredLeases(location);
    return this.jobs.list(this.db, location, filter);
  }

  async getMany(location: string, ids: readonly string[]): Promise<StoredPrintJob[]> {
    await this.sweepExpiredLeases(location);
    return this.jobs.getMany(this.db, location, ids);
  }

  /** Every location's pending jobs: the instance's health. */
  countPending(): Promise<number> {
    return this.jobs.countPending(this.db);
  }

  /** `tokenId` is the caller's token: it must speak for `agentId` in the location (AgentIdentities). */
  claim(location: string, id: string, agentId: string, tokenId: string, leaseMs: number = PRINT_JOB_LIMITS.defaultLeaseMs): Promise<PrintJob> {
    return this.recorder.run(location, async (tx, record) => {
      const time = instantOf(this.clock);
      await this.identities.speakFor(tx, location, tokenId, agentId, time.iso);
      await this.expireLeases(tx, location, time, record);
      const claimed = await this.jobs.claim(tx, location, { id, agentId, leaseMs, nowMs: time.ms, at: time.iso });
      if (!claimed) {
        const current = await this.jobs.get(tx, location, id);
        if (!current) throw notFound(id);
        throw new CodedError(ERRORS.PRINT_JOB_NOT_CLAIMABLE, `print job ${id} is ${current.job.status} and cannot be claimed`, {
          status: current.job.status,
          ...(current.job.claimedBy !== undefined ? { claimedBy: current.job.claimedBy } : {}),
          ...(current.job.leaseUntil !== undefined ? { leaseUntil: current.job.leaseUntil } : {}),
        });
      }
      record({
        type: EVENT_TYPES.printJobUpdated,
        jobId: claimed.id,
        ...(claimed.orderId !== undefined ? { orderId: claimed.orderId } : {}),
        station: claimed.station,
        from: 'pending',
        to: 'printing',
        actor: { type: 'agent', id: agentId },
        at: time.iso,
        version: claimed.version,
      });
      return claimed;
    });
  }

  /**
   * The claimer's report. `printing` renews the lease (a heartbeat, no event) and only while the job
   * is `printing`. `done`/`failed` are final and accepted from the agent that claimed the job last,
   * even after its lease lapsed and the job went back to `pending`, as long as nobody claimed it
   * since: that agent sent within its lease, and its report may have waited in its outbox. Refusing
   * it would leave the job pending for ever or let a second agent print it again. Repeating the
   * final status already recorded answers the job unchanged and records nothing, so an agent may
   * retry a report whose answer it never received.
   */
  report(location: string, id: string, input: PrintJobStatusInput, tokenId: string): Promise<PrintJob> {
    return this.recorder.run(location, async (tx, record) => {
      const time = instantOf(this.clock);
      await this.identities.speakFor(tx, location, tokenId, input.agentId, time.iso);
      // As claim() does: a lease that ran out is taken back before anything is decided, whether
      // or not the sweep has come by yet, so a heartbeat cannot revive it in between.
      await this.expireLeases(tx, location, time, record);
      const current = await this.jobs.getForChange(tx, location, id);
      if (!current) throw notFound(id);
      const job = current.job;
      if (current.lastClaimedBy !== input.agentId) throw notClaimedBy(job, input.agentId);
      if (job.status === input.status && job.status !== 'printing') return job;
      if (job.status === 'done' || job.status === 'failed') {
        throw new CodedError(ERRORS.PRINT_JOB_TRANSITION_INVALID, `print job ${id} is already ${job.status}`, {
          from: job.status,
          to: input.status,
          allowed: PRINT_JOB_TRANSITIONS[job.status],
        });
      }
      if (input.status === 'printing') {
        // A lapsed lease is not renewed: the job is free for any agent, so the sender must stop.
        if (job.status !== 'printing') throw notClaimedBy(job, input.agentId);
        return (await this.jobs.renewLease(tx, location, { id, agentId: input.agentId, nowMs: time.ms })) ?? job;
      }
      const finished = await this.jobs.finish(tx, location, {
        id,
        agentId: input.agentId,
        status: input.status,
        at: time.iso,
        ...(input.error !== undefined ? { error: input.error } : {}),
        ...(input.status === 'done' ? { printedAt: input.printedAt ?? time.iso } : {}),
      });
      if (!finished) throw new Error(`print job ${id} changed inside its own transaction`);
      record({
        type: EVENT_TYPES.printJobUpdated,
        jobId: id,
        ...(finished.orderId !== undefined ? { orderId: finished.orderId } : {}),
        station: finished.station,
        from: job.status,
        to: finished.status,
        actor: { type: 'agent', id: input.agentId },
        at: time.iso,
        ...(finished.error !== undefined ? { reason: finished.error } : {}),
        version: finished.version,
      });
      return finished;
    });
  }

  /** A new job repeating a finished one: the only way a ticket prints again. */
  reprint(location: string, id: string, input: PrintJobReprintInput, actor: Actor): Promise<PrintJob> {
    return this.recorder.run(location, async (tx, record) => {
      const original = (await this.jobs.get(tx, location, id))?.job;
      if (!original) throw notFound(id);
      if (original.status !== 'done' && original.status !== 'failed') {
        throw new CodedError(ERRORS.PRINT_JOB_TRANSITION_INVALID, `print job ${id} is ${original.status}; only a done or failed job can be reprinted`, { status: original.status });
      }
      const printerId = input.printerId ?? original.printerId;
      return this.insertJob(
        tx,
        location,
        {
          id: newId('job'),
          kind: original.kind,
          station: original.station,
          copies: input.copies ?? original.copies,
          reprintOf: original.id,
          at: instantOf(this.clock).iso,
          ...(original.orderId !== undefined ? { orderId: original.orderId } : {}),
          ...(printerId !== undefined ? { printerId } : {}),
          ...(original.payload !== undefined ? { payload: original.payload } : {}),
          ...(original.voucher !== undefined ? { voucher: original.voucher } : {}),
        },
        actor,
        record,
      );
    });
  }

  /**
   * Returns lapsed leases to pending; answers how many. Run before every read of a location's jobs,
   * so nobody sees a job as `printing` whose lease is over, and by the periodic sweep for every
   * location (sweepAllLocations). Opens a write transaction only when there is something to expire.
   */
  async sweepExpiredLeases(location: string): Promise<number> {
    if (!(await this.jobs.hasExpiredLeases(this.db, this.clock.now(), location))) return 0;
    return this.recorder.run(location, (tx, record) => this.expireLeases(tx, location, instantOf(this.clock), record));
  }

  /** The periodic sweep: each location with a lapsed lease, one transaction each (a change belongs to one location's log). */
  async sweepAllLocations(): Promise<number> {
    const nowMs = this.clock.now();
    if (!(await this.jobs.hasExpiredLeases(this.db, nowMs))) return 0;
    let expired = 0;
    for (const location of await this.jobs.locationsWithExpiredLeases(this.db, nowMs)) expired += await this.sweepExpiredLeases(location);
    return expired;
  }

  private async expireLeases(tx: Queryable, location: string, time: Instant, record: RecordEvent): Promise<number> {
    const expired = await this.jobs.expireLeases(tx, location, time.ms, time.iso);
    for (const job of expired) {
      record({
        type: EVENT_TYPES.printJobUpdated,
        jobId: job.id,
        ...(job.orderId !== undefined ? { orderId: job.orderId } : {}),
        station: job.station,
        from: 'printing',
        to: 'pending',
        actor: SYSTEM_ACTOR,
        at: time.iso,
        reason: 'lease expired',
        version: job.version,
      });
    }
    return expired.length;
  }

  private async insertJob(tx: Queryable, location: string, job: NewPrintJob, actor: Actor, record: RecordEvent): Promise<PrintJob> {
    const created = await this.jobs.insert(tx, location, job);
    record({
      type: EVENT_TYPES.printJobCreated,
      jobId: created.id,
      ...(created.orderId !== undefined ? { orderId: created.orderId } : {}),
      station: created.station,
      to: 'pending',
      actor,
      at: created.createdAt,
      version: created.version,
    });
    return created;
  }
}
