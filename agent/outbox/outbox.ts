import { describeError } from '../describe-error.js';
import { EventEmitter } from 'node:events';
import { ERROR_CODES, type ErrorBody } from '../../common/errors.js';
import { OrderSchema, type Order } from '../../common/order.js';
import type { PrintJob } from '../../common/print-job.js';
import { BackendHttpError, BackendUnreachableError, type BackendClient } from '../connectors/ticketrail/backend-client.js';
import type { CacheDb } from '../cache/cache-db.js';
import type { OrderTransitionBody, OutboxEntry, OutboxRowMeta, PrintJobReportBody, TableTrackReportBody } from './outbox-entry.js';
import { OutboxRefusal } from './outbox-refusal.js';
import type { ConnectionState } from '../../common/kitchen-api.js';
import type { AgentLogger } from '../ports.js';
import { isoNow, type Clock } from '../util/clock.js';

/** Retry backoff for undelivered actions: doubles from the first delay up to the cap. */
export const OUTBOX_BACKOFF = { firstMs: 500, maxMs: 30_000 } as const;

/** After an unexpected error inside a pass (not the backend's answer: the cache, say), try again this late. */
export const OUTBOX_FAULT_RETRY_MS = 5_000;

/** A row that can be sent: read back whole. */
type Sendable = OutboxEntry & OutboxRowMeta;

/**
 * Where rows for sources other than TicketRail's backend go, by kind. A delivery throws
 * OutboxRefusal for a final refusal; any other error keeps the row for a retry.
 */
export interface OutboxDeliveries {
  /** `tabletrack.report`: PATCH /api/print-jobs/{id} at the TableTrack install. */
  tabletrack?: (body: TableTrackReportBody) => Promise<void>;
}

/** The refusal in a delivery error (the backend's 4xx but 429, or a source's OutboxRefusal); undefined to retry. */
function refusalOf(error: unknown): ErrorBody | undefined {
  if (error instanceof OutboxRefusal) return error.body;
  if (error instanceof BackendHttpError && error.status >= 400 && error.status < 500 && error.status !== 429) return error.body;
  return undefined;
}

export interface OutboxEvents {
  order: [string];
  job: [PrintJob];
  conflict: [{ orderId?: string; jobId?: string; message: string }];
}

/**
 * Kitchen actions and print-job reports are written here first, applied optimistically to the
 * cache, then delivered in order with retry and backoff until the backend acknowledges. A refusal
 * (409 and other 4xx) is resolved from the backend's answer and surfaced as a conflict — never
 * silently dropped.
 */
export class Outbox extends EventEmitter<OutboxEvents> {
  private running: Promise<void> | undefined;
  /** Set when something is queued during a pass: that pass read the outbox before the new row existed. */
  private again = false;
  private cancelRetry: (() => void) | undefined;
  private stopped = false;

  /**
   * `sync` is asked for the connection at the moment of each action (whichever engine runs now):
   * an action taken while not live is marked as an offline change.
   */
  constructor(
    private readonly cache: CacheDb,
    private readonly backend: BackendClient,
    private readonly sync: { readonly connection: ConnectionState },
    private readonly logger: AgentLogger,
    private readonly clock: Clock,
    private readonly deliveries: OutboxDeliveries = {},
  ) {
    super();
  }

  /** Records a kitchen action and applies it to the cached order at once. */
  transitionOrder(order: Order, body: OrderTransitionBody): Order {
    const optimistic: Order = {
      ...order,
      status: body.to,
      updatedAt: isoNow(this.clock),
      ...(body.to === 'cancelled' && body.reason ? { cancelReason: body.reason } : {}),
    };
    this.cache.transaction(() => {
      this.cache.enqueue({ kind: 'order.transition', body }, order.id);
      this.cache.putOrder(optimistic);
      this.cache.setOrderFlags(order.id, { unconfirmed: this.sync.connection.mode !== 'live' });
    });
    void this.kick();
    return optimistic;
  }

  /**
   * Queues a print job's outcome. `alongside` runs in the same SQLite transaction (the pipeline
   * records the job's local state there): a crash can never leave a job marked printed or failed
   * here with no report on its way, which would strand it pending at the backend until another
   * agent printed it again.
   */
  reportJob(jobId: string, input: PrintJobReportBody, alongside: () => void): void {
    this.cache.transaction(() => {
      alongside();
      this.cache.enqueue({ kind: 'print-job.status', body: input }, jobId);
    });
    void this.kick();
  }

  /**
   * Queues a TableTrack job's outcome, `alongside` in the same transaction (as reportJob): the
   * journal never says printed or failed without the report on its way.
   */
  reportTableTrackJob(jobId: string, body: TableTrackReportBody, alongside: () => void): void {
    this.cache.transaction(() => {
      alongside();
      this.cache.enqueue({ kind: 'tabletrack.report', body }, jobId);
    });
    void this.kick();
  }

  /**
   * Starts a delivery pass, or — when one is running — asks it to go round once more, so a row
   * queued while an earlier one is in flight is never left waiting for the next retry timer.
   * Resolves when the outbox holds nothing more that can be sent now. Never rejects: callers fire
   * and forget it (`void kick()`), and a pass ending in an error is logged and retried here.
   */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.passes()
      .catch((error: unknown) => this.onFault(error))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async passes(): Promise<void> {
    do {
      this.again = false;
      await this.deliver();
    } while (this.again && !this.stopped);
  }

  /**
   * No new pass starts after this; resolves once the pass in flight (at most the row being sent)
   * has written its outcome, so the host may close the cache afterwards. Rows not sent stay in the
   * outbox for the next start.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelRetry?.();
    await this.running;
  }

  private onFault(error: unknown): void {
    this.logger.error('outbox pass failed', { error: describeError(error) });
    this.retryAt(this.clock.now() + OUTBOX_FAULT_RETRY_MS);
  }

  private async deliver(): Promise<void> {
    for (const row of this.cache.outbox()) {
      if (this.stopped) return;
      if (row.kind === 'unreadable') {
        // It can never be sent, and left in place it would hold back every row behind it.
        this.logger.error('dropped an outbox row that cannot be read', { id: row.id, target: row.targetId, problem: row.problem });
        this.cache.removeOutbox(row.id);
        continue;
      }
      if (row.nextAttemptAt > this.clock.now()) {
        this.retryAt(row.nextAttemptAt);
        return;
      }
      try {
        await this.send(row);
        this.cache.removeOutbox(row.id);
        this.afterDelivered(row);
      } catch (error) {
        const refusal = refusalOf(error);
        if (refusal) {
          this.cache.removeOutbox(row.id);
          await this.resolveRefusal(row, refusal);
          continue;
        }
        // Unreachable or 5xx: keep this row and everything after it, in order, for later.
        const delay = Math.min(OUTBOX_BACKOFF.maxMs, OUTBOX_BACKOFF.firstMs * 2 ** row.attempts);
        this.cache.deferOutbox(row.id, this.clock.now() + delay, describeError(error));
        if (!(error instanceof BackendUnreachableError)) this.logger.warn('outbox delivery failed', { id: row.id, error: describeError(error) });
        this.retryAt(this.clock.now() + delay);
        return;
      }
    }
  }

  private async send(row: Sendable): Promise<void> {
    if (row.kind === 'order.transition') {
      const order = await this.backend.transitionOrder(row.targetId, row.body);
      this.cache.putOrderIfNewer(order);
    } else if (row.kind === 'print-job.status') {
      const job = await this.backend.reportPrintJob(row.targetId, row.body);
      this.cache.putJobIfNewer(job);
      this.emit('job', job);
    } else {
      // Rows of a source this run has no connection to cannot be sent: a refusal, not a row that blocks the rest.
      if (!this.deliveries.tabletrack) throw new OutboxRefusal({ code: ERROR_CODES.VALIDATION_FAILED, message: 'no TableTrack connection in this run' });
      await this.deliveries.tabletrack(row.body);
    }
  }

  private afterDelivered(row: Sendable): void {
    if (row.kind !== 'order.transition') return;
    if (this.cache.pendingCount(row.targetId) === 0) {
      const cached = this.cache.getOrder(row.targetId);
      this.cache.setOrderFlags(row.targetId, { unconfirmed: false, ...(cached?.conflict ? { conflict: cached.conflict } : {}) });
    }
    this.emit('order', row.targetId);
  }

  /** The backend (or the job's source) refused the action: take its version of the truth and tell the kitchen why. */
  private async resolveRefusal(row: Sendable, refusal: ErrorBody): Promise<void> {
    const message = `${refusal.message} (${refusal.code})`;
    this.logger.warn('backend refused a queued action', { kind: row.kind, target: row.targetId, code: refusal.code });
    if (row.kind === 'order.transition') {
      const fromDetails = OrderSchema.safeParse((refusal.details as { order?: unknown } | undefined)?.order);
      try {
        const truth = fromDetails.success ? fromDetails.data : await this.backend.order(row.targetId);
        this.cache.putOrder(truth);
      } catch (fetchError) {
        this.logger.warn('could not fetch the order after a refusal', { error: describeError(fetchError) });
      }
      // Another screen made the same move first: the order already is where the kitchen wanted it.
      const alreadyDone = (refusal.details as { from?: string } | undefined)?.from === row.body.to;
      this.cache.setOrderFlags(row.targetId, alreadyDone ? { unconfirmed: false } : { unconfirmed: false, conflict: message });
      if (!alreadyDone) this.emit('conflict', { orderId: row.targetId, message });
      this.emit('order', row.targetId);
    } else {
      const cached = this.cache.getJob(row.targetId);
      if (cached) {
        this.cache.setJobLocal(row.targetId, cached.localState ?? 'failed', cached.printerId, `report refused: ${message}`);
        // The print log shows the refusal only when told the job changed.
        this.emit('job', cached.job);
      }
      this.emit('conflict', { jobId: row.targetId, message });
      if (refusal.code === ERROR_CODES.PRINT_JOB_NOT_CLAIMED_BY_AGENT) this.logger.warn('job was reclaimed elsewhere', { jobId: row.targetId });
    }
  }

  private retryAt(at: number): void {
    // A pass finishing after stop() leaves no timer behind.
    if (this.stopped) return;
    this.cancelRetry?.();
    this.cancelRetry = this.clock.after(Math.max(0, at - this.clock.now()), () => void this.kick());
  }
}
