import { describeError } from '../describe-error.js';
import { EventEmitter } from 'node:events';
import type { ErrorBody } from '../../common/errors.js';
import type { PrintJob } from '../../common/print-job.js';
import type { CacheDb } from '../cache/cache-db.js';
import type { OutboxContext, OutboxKind, OutboxKinds, OutboxRow, OutboxRowMeta, StoredOutboxRow } from './outbox-entry.js';
import { OutboxRefusal } from './outbox-refusal.js';
import type { AgentLogger } from '../ports.js';
import { isoNow, type Clock } from '../../common/clock.js';

/** Retry backoff for undelivered actions: doubles from the first delay up to the cap. */
export const OUTBOX_BACKOFF = { firstMs: 500, maxMs: 30_000 } as const;

/** After an unexpected error inside a pass (not the other side's answer: the cache, say), try again this late. */
export const OUTBOX_FAULT_RETRY_MS = 5_000;

/** A row that can be sent: read back whole, with the kind that delivers it. */
type Sendable = OutboxRowMeta & { kind: string; body: unknown; handler: OutboxKind };

export interface OutboxEvents {
  order: [string];
  job: [PrintJob];
  conflict: [{ orderId?: string; jobId?: string; message: string }];
}

const issuesOf = (error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string =>
  error.issues.map((issue) => `${['body', ...issue.path.map(String)].join('.')}: ${issue.message}`).join('; ');

/**
 * Kitchen actions and print-job reports are written here first (in the same SQLite transaction as
 * what they report), then delivered in order with retry and backoff until the other side
 * acknowledges. A refusal is resolved and surfaced as a conflict — never silently dropped. Each
 * row's kind (declared by its source, OutboxKind) knows where it goes; the outbox only keeps the
 * order, the retries and the refusals.
 */
export class Outbox extends EventEmitter<OutboxEvents> {
  private running: Promise<void> | undefined;
  /** Set when something is queued during a pass: that pass read the outbox before the new row existed. */
  private again = false;
  private cancelRetry: (() => void) | undefined;
  private stopped = false;
  private readonly kinds = new Map<string, OutboxKind>();
  private readonly context: OutboxContext;

  constructor(
    private readonly cache: CacheDb,
    private readonly logger: AgentLogger,
    private readonly clock: Clock,
  ) {
    super();
    this.context = {
      cache,
      logger,
      orderChanged: (orderId) => this.emit('order', orderId),
      jobChanged: (job) => this.emit('job', job),
      conflict: (conflict) => this.emit('conflict', conflict),
    };
  }

  /** Adds a source's row kinds (its registry module declares them); a name can be declared once. */
  register(kinds: OutboxKinds): void {
    for (const [name, kind] of Object.entries(kinds)) {
      if (this.kinds.has(name)) throw new Error(`outbox kind ${name} is declared twice`);
      this.kinds.set(name, kind as OutboxKind);
    }
  }

  /**
   * Queues a row of a declared kind. `alongside` runs in the same SQLite transaction: a job marked
   * printed or failed here, or a card moved optimistically, never stands without its report on the way.
   */
  enqueue<B>(kind: string, targetId: string, body: B, alongside: () => void = () => undefined): void {
    const handler = this.kinds.get(kind);
    if (!handler) throw new Error(`no outbox kind ${kind} is registered`);
    // A body this agent built in another shape is a bug: refused here, not stored to fail later.
    const checked = handler.body.parse(body);
    this.cache.transaction(() => {
      alongside();
      this.cache.enqueue(kind, targetId, checked, isoNow(this.clock));
    });
    // Started once the caller's synchronous work is done (a microtask, no timer): a card moved
    // optimistically is pushed to every board before the delivery's own start (reading the rows,
    // building the backend request) runs on the same thread — the bump shows on the other screens
    // first (issue 19's station chip p99), and the row goes out as soon as before.
    queueMicrotask(() => void this.kick());
  }

  /** The queued rows, each read back through its kind. */
  rows(): OutboxRow[] {
    return this.cache.outbox().map((row) => this.read(row));
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

  /** A stored row through its kind's schema: the file may be older, or edited, or damaged. */
  private read(row: StoredOutboxRow): OutboxRow {
    const { kind, body: text, ...meta } = row;
    const handler = this.kinds.get(kind);
    if (!handler) return { ...meta, kind, problem: `${kind}: no source of this agent declares this kind` };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ...meta, kind, problem: `${kind} body is not JSON` };
    }
    const parsed = handler.body.safeParse(body);
    if (!parsed.success) return { ...meta, kind, problem: `${kind} body fails validation: ${issuesOf(parsed.error)}` };
    return { ...meta, kind, body: parsed.data };
  }

  private async deliver(): Promise<void> {
    for (const stored of this.cache.outbox()) {
      if (this.stopped) return;
      const row = this.read(stored);
      if (row.problem !== undefined) {
        // It can never be sent, and left in place it would hold back every row behind it.
        this.logger.error('dropped an outbox row that cannot be read', { id: row.id, target: row.targetId, problem: row.problem });
        this.cache.removeOutbox(row.id);
        continue;
      }
      const handler = this.kinds.get(row.kind) as OutboxKind;
      const sendable: Sendable = { ...row, handler };
      if (row.nextAttemptAt > this.clock.now()) {
        this.retryAt(row.nextAttemptAt);
        return;
      }
      try {
        await handler.deliver(row.targetId, row.body, this.context);
        this.cache.removeOutbox(row.id);
        handler.delivered?.(row.targetId, row.body, this.context);
      } catch (error) {
        if (error instanceof OutboxRefusal) {
          this.cache.removeOutbox(row.id);
          await this.resolveRefusal(sendable, error.body);
          continue;
        }
        // Unreachable or the other side failed: keep this row and everything after it, in order, for later.
        const delay = Math.min(OUTBOX_BACKOFF.maxMs, OUTBOX_BACKOFF.firstMs * 2 ** row.attempts);
        this.cache.deferOutbox(row.id, this.clock.now() + delay, describeError(error));
        if (!handler.isUnreachable?.(error)) this.logger.warn('outbox delivery failed', { id: row.id, error: describeError(error) });
        this.retryAt(this.clock.now() + delay);
        return;
      }
    }
  }

  /** The other side refused the row: its kind takes the other side's truth; a job's print log entry says why. */
  private async resolveRefusal(row: Sendable, refusal: ErrorBody): Promise<void> {
    const message = `${refusal.message} (${refusal.code})`;
    this.logger.warn('a queued action was refused', { kind: row.kind, target: row.targetId, code: refusal.code });
    if (row.handler.target === 'order') {
      await row.handler.refused?.(row.targetId, row.body, refusal, this.context);
      return;
    }
    const cached = this.cache.getJob(row.targetId);
    if (cached) {
      this.cache.setJobLocal(row.targetId, cached.localState ?? 'failed', cached.printerId, `report refused: ${message}`);
      // The print log shows the refusal only when told the job changed.
      this.emit('job', cached.job);
    }
    this.emit('conflict', { jobId: row.targetId, message });
    await row.handler.refused?.(row.targetId, row.body, refusal, this.context);
  }

  private retryAt(at: number): void {
    // A pass finishing after stop() leaves no timer behind.
    if (this.stopped) return;
    this.cancelRetry?.();
    this.cancelRetry = this.clock.after(Math.max(0, at - this.clock.now()), () => void this.kick());
  }
}
