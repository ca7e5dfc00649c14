import { EventEmitter } from 'node:events';
import type { ConnectionMode, ConnectionState } from '../../../common/kitchen-api.js';
import type { CacheDb } from '../../cache/cache-db.js';
import { describeError } from '../../describe-error.js';
import type { AgentLogger } from '../../ports.js';
import { isoNow, type Clock } from '../../../common/clock.js';
import { ConnectionNews } from '../../util/connection-news.js';
import { SerialQueue } from '../../util/serial-queue.js';
import type { ConnectorChanges, ConnectorEvents } from '../types.js';
import { nextPollDelayMs, TABLETRACK_POLL } from './poll-interval.js';
import { TABLETRACK_ID_PREFIX, withOrderUpdate } from './tabletrack-card.js';
import type { PullResult, TableTrackClient } from './tabletrack-client.js';
import type { RefusedJob } from './pull-answer.js';
import type { PulledJob } from './tabletrack-contract.js';
import { TABLETRACK_ERRORS, TableTrackError } from './tabletrack-errors.js';
import type { OrderUpdated } from './tabletrack-events.js';
import type { JournalResult } from './tabletrack-journal.js';
import { TableTrackLink } from './tabletrack-link.js';
import { tableTrackRealtimePlan, type PusherHostOverride } from './tabletrack-realtime.js';

/** While TableTrack says Pusher is off, ask again this often whether it is on now. */
export const REALTIME_RECHECK_MS = 60_000;

/** A pull still unanswered after this is slow: the board says so (it goes on up to TABLETRACK_PULL_TIMEOUT_MS). */
export const SLOW_PULL_MS = 5_000;

/**
 * When the agent stops, a pull in flight gets this long to finish (wall clock, like any request
 * timeout) before it is abandoned: its jobs are TableTrack's `printing` ones, but a shutdown must end.
 */
export const STOP_PULL_GRACE_MS = 10_000;

export interface TableTrackSyncDeps {
  client: TableTrackClient;
  cache: CacheDb;
  /** Journals one pulled job (tabletrack-journal.ts); must not be skipped for any job a pull returned. */
  journal: (job: PulledJob) => Promise<JournalResult>;
  /** Records an element it handed out that will not be printed (journalRefusedJob). */
  journalRefused: (refused: RefusedJob) => JournalResult;
  /** The settings' Pusher host / port / TLS for installs on soketi, Reverb or TicketRail's relay. */
  override: PusherHostOverride;
  logger: AgentLogger;
  clock: Clock;
}

const emptyChanges = (): ConnectorChanges => ({ orderIds: [], jobs: [], alerts: [] });

/**
 * Keeps this agent's journal fed from one TableTrack install. Pusher is the doorbell, the pull is
 * the mailbox and the claim: on `print-job.created`, on every (re)subscription and on every poll
 * the agent calls pull-multiple (pull on installs without it) and journals every job it gets
 * before anything else happens to it. Polls every 5 s without Pusher (or the server's bounded
 * `X-Print-Poll-Ms`), every 30 s while live; every timer runs on the agent's clock.
 */
export class TableTrackSync extends EventEmitter<ConnectorEvents> {
  private readonly queue = new SerialQueue();
  private link: TableTrackLink | undefined;
  private connecting = false;
  /** TableTrack answered test-connection with Pusher off: poll only (and ask again now and then). */
  private realtimeOff = false;
  private lastConnectAt = Number.NEGATIVE_INFINITY;
  private lastPullAt = Number.NEGATIVE_INFINITY;
  private pullQueued = false;
  private hintMs: number | undefined;
  private lastPullOk = false;
  private cancelTimer: (() => void) | undefined;
  /** Abandons the pull in flight (only when stopping, after STOP_PULL_GRACE_MS). */
  private pullAbort: AbortController | undefined;
  private stopped = true;
  private state: ConnectionState = { mode: 'offline', lastSeq: 0, detail: 'starting' };
  private readonly news: ConnectionNews;

  constructor(private readonly deps: TableTrackSyncDeps) {
    super();
    this.news = new ConnectionNews(deps.clock);
  }

  get connection(): ConnectionState {
    return this.state;
  }

  /** Whether pusher-js is connected and subscribed to both channels. */
  get live(): boolean {
    return this.link?.connected ?? false;
  }

  start(): void {
    this.stopped = false;
    void this.connectRealtime();
    void this.pull();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.link?.stop();
    this.link = undefined;
    // A pull in flight still journals what it got: TableTrack already handed those jobs to us. A
    // slow one is given a grace, not its full two minutes.
    const inFlight = this.pullAbort;
    const grace = inFlight ? setTimeout(() => inFlight.abort(), STOP_PULL_GRACE_MS) : undefined;
    await this.queue.idle();
    clearTimeout(grace);
    this.state = { ...this.state, mode: 'offline', detail: 'stopped' };
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  /**
   * Pulls now (a doorbell, a subscription, a poll). Pulls never overlap, and doorbells that ring
   * while one waits to start share it: the one pull takes every pending job.
   */
  pull(): Promise<void> {
    if (this.pullQueued) return this.queue.idle();
    this.pullQueued = true;
    return this.queue.run(async () => {
      this.pullQueued = false;
      await this.pullNow();
      this.schedule();
    });
  }

  private async pullNow(): Promise<void> {
    if (this.stopped) return;
    this.lastPullAt = this.deps.clock.now();
    try {
      for (;;) {
        const result = await this.pullWatchingTime();
        this.hintMs = result.pollHintMs;
        await this.journalAll(result.jobs, result.refused);
        // `pull` hands out one job per call: drain the backlog (each one journaled before the next).
        if (result.route !== 'pull' || result.jobs.length + result.refused.length === 0 || this.stopped) break;
      }
      this.lastPullOk = true;
      this.markSynced();
    } catch (error) {
      this.lastPullOk = false;
      this.onPullError(error);
    }
    if (!this.stopped && !this.link && this.mayConnect()) void this.connectRealtime();
  }

  /**
   * One pull, never abandoned while TableTrack answers (up to TABLETRACK_PULL_TIMEOUT_MS): past
   * SLOW_PULL_MS on the agent's clock the board says TableTrack is slow, and the log says how long
   * it took once it answered.
   */
  private async pullWatchingTime(): Promise<PullResult> {
    const startedAt = this.deps.clock.now();
    let slow = false;
    const cancelSlow = this.deps.clock.after(SLOW_PULL_MS, () => {
      slow = true;
      this.deps.logger.warn('TableTrack is slow to answer a pull; waiting for it (the jobs in it are already ours)', { afterMs: SLOW_PULL_MS });
      this.setMode(this.state.mode, `TableTrack is slow: waiting for its answer to a pull (over ${SLOW_PULL_MS / 1000} s)`);
    });
    this.pullAbort = new AbortController();
    try {
      return await this.deps.client.pull(this.pullAbort.signal);
    } finally {
      cancelSlow();
      this.pullAbort = undefined;
      if (slow) this.deps.logger.warn('TableTrack answered a slow pull', { tookMs: this.deps.clock.now() - startedAt });
    }
  }

  /** Journals each job on its own: one that cannot be written must not cost the others theirs. */
  private async journalAll(jobs: readonly PulledJob[], refused: readonly RefusedJob[]): Promise<void> {
    const changes = emptyChanges();
    for (const pulled of jobs) {
      let result: JournalResult;
      try {
        result = await this.deps.journal(pulled);
      } catch (error) {
        // TableTrack has it `printing` and this agent could not record it: staff see it stuck there (at most once).
        this.deps.logger.error('could not journal a pulled TableTrack job; it stays "printing" at TableTrack', { sourceJobId: pulled.id, error: describeError(error) });
        continue;
      }
      this.collect(result, changes);
    }
    for (const element of refused) {
      if (element.id === undefined) {
        this.deps.logger.error('TableTrack handed out a print job without a usable id: not printed, it stays "printing" at TableTrack', {
          reason: element.reason,
          element: element.excerpt,
        });
      } else {
        this.deps.logger.warn('TableTrack handed out a print job this agent cannot print; reporting it failed', { sourceJobId: element.id, reason: element.reason });
      }
      try {
        this.collect(this.deps.journalRefused(element), changes);
      } catch (error) {
        this.deps.logger.error('could not record a refused TableTrack job', { ...(element.id !== undefined ? { sourceJobId: element.id } : {}), error: describeError(error) });
      }
    }
    if (changes.orderIds.length > 0) this.emit('changes', changes);
  }

  private collect(result: JournalResult, changes: ConnectorChanges): void {
    if (result.kind === 'journaled' || result.kind === 'refused') {
      changes.orderIds.push(result.order.id);
      if (result.job) changes.jobs.push(result.job);
      changes.alerts.push({ alert: 'order.submitted', orderId: result.order.id });
    } else if (result.kind === 'reportedAgain') {
      this.deps.logger.info('TableTrack offered a job this agent already finished; reported its outcome again, not printed', { jobId: result.jobId });
    }
  }

  private onPullError(error: unknown): void {
    const keyRejected = error instanceof TableTrackError && error.code === TABLETRACK_ERRORS.TABLETRACK_KEY_REJECTED;
    if (!(error instanceof TableTrackError && error.code === TABLETRACK_ERRORS.TABLETRACK_UNREACHABLE)) {
      this.deps.logger.warn('TableTrack pull failed', { error: describeError(error) });
    }
    this.setMode('offline', keyRejected ? `TableTrack refused the key: ${describeError(error)}` : describeError(error));
  }

  private mayConnect(): boolean {
    const wait = this.realtimeOff ? REALTIME_RECHECK_MS : 0;
    return !this.connecting && this.deps.clock.now() - this.lastConnectAt >= wait;
  }

  /** test-connection → the realtime plan → pusher-js; without Pusher (or an answer) the polls carry on. */
  private async connectRealtime(): Promise<void> {
    if (this.stopped || this.link || this.connecting) return;
    this.connecting = true;
    this.lastConnectAt = this.deps.clock.now();
    try {
      const plan = tableTrackRealtimePlan(await this.deps.client.testConnection(), this.deps.override);
      if (this.stopped || this.link) return;
      this.realtimeOff = plan === undefined;
      if (!plan) {
        if (this.lastPullOk) this.setMode('polling', this.pollingDetail());
        return;
      }
      this.link = new TableTrackLink(
        plan,
        {
          onDoorbell: () => void this.pull(),
          onSubscribed: () => void this.pull(),
          onOrderUpdated: (update) => void this.queue.run(async () => this.applyOrderUpdate(update)),
          onStateChange: () => this.onLinkChange(),
        },
        this.deps.logger,
      );
      this.link.start();
    } catch (error) {
      this.deps.logger.warn('TableTrack realtime configuration unavailable; polling meanwhile', { error: describeError(error) });
    } finally {
      this.connecting = false;
    }
  }

  private onLinkChange(): void {
    if (this.stopped) return;
    if (this.lastPullOk) this.setMode(this.live ? 'live' : 'polling', this.live ? 'TableTrack realtime connected' : this.pollingDetail());
    // Live or not decides the next poll's delay (30 s or 5 s): count it again from the last pull.
    this.schedule();
  }

  /** `order.updated`: the new order status onto the cards of that order (receipts name their order). */
  private applyOrderUpdate(update: OrderUpdated): void {
    const changes = emptyChanges();
    const at = isoNow(this.deps.clock);
    for (const { order } of this.deps.cache.activeOrders()) {
      if (!order.id.startsWith(TABLETRACK_ID_PREFIX)) continue;
      const updated = withOrderUpdate(order, update, at);
      if (!updated) continue;
      this.deps.cache.putOrder(updated);
      changes.orderIds.push(updated.id);
    }
    if (changes.orderIds.length > 0) this.emit('changes', changes);
  }

  private pollingDetail(): string {
    const every = `${Math.round(nextPollDelayMs({ live: false, hintMs: this.hintMs }) / 1000)} s`;
    return this.realtimeOff ? `TableTrack has Pusher off: polling every ${every}` : `TableTrack realtime down: polling every ${every}`;
  }

  private markSynced(): void {
    const lastSyncAt = isoNow(this.deps.clock);
    this.state = { ...this.state, lastSyncAt };
    this.setMode(this.live ? 'live' : 'polling', this.live ? 'TableTrack realtime connected' : this.pollingDetail());
  }

  private setMode(mode: ConnectionMode, detail: string): void {
    const previous = this.state;
    const next: ConnectionState = { ...previous, mode, detail };
    this.state = next;
    if (this.news.worthAnnouncing(previous, next)) this.emit('connection', next);
  }

  /** One timer: the next poll, due the poll delay after the last pull (5 s, the server's hint, or 30 s while live). */
  private schedule(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (this.stopped) return;
    const delay = Math.max(0, this.lastPullAt + nextPollDelayMs({ live: this.live, hintMs: this.hintMs }) - this.deps.clock.now());
    this.cancelTimer = this.deps.clock.after(Math.min(delay, TABLETRACK_POLL.maxMs), () => {
      this.cancelTimer = undefined;
      void this.pull();
    });
  }
}
