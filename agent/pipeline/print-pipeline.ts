import { describeError } from '../describe-error.js';
import { EventEmitter } from 'node:events';
import { PRINT_FAILURE_REASONS, PRINT_JOB_LIMITS, type PrintJob } from '../../common/print-job.js';
import { DEFAULT_LANGUAGE, type Language } from '../../common/i18n/languages.js';
import type { PrinterSettings } from '../../common/settings.js';
import type { CacheDb } from '../cache/cache-db.js';
import type { AgentLogger } from '../ports.js';
import { isoNow, type Clock } from '../../common/clock.js';
import { SerialQueue } from '../util/serial-queue.js';
import { SEND_TIMEOUTS } from './escpos-driver.js';
import type { JobOutcome, JobSources, LeaseCheck } from './job-source.js';
import type { PrinterDriver, SendOutcome } from './printer-driver.js';
import { PrinterWatch, printerProblemOf } from './printer-watch.js';
import { CodedError, ERRORS } from '../../common/errors.js';
import type { PrinterProblem } from '../../common/printer-trouble.js';

/**
 * The longest one send can take with the ESC/POS driver's SEND_TIMEOUTS: connect (connectTimeoutMs,
 * 3 s) + the DLE EOT status check (answerTimeoutMs, 10 s) + silence before the GS r 1 answer
 * (answerTimeoutMs, 10 s) + asking why it was silent (answerTimeoutMs, 10 s) = 33 s. The silence
 * timer restarts while the printer keeps reading, so a job far larger than the socket buffers on a
 * slow printer can take longer; kitchen tickets are a few KB and leave at once.
 */
const MAX_SEND_ATTEMPT_MS = SEND_TIMEOUTS.connectTimeoutMs + 3 * SEND_TIMEOUTS.answerTimeoutMs;

/**
 * What one send may take beyond MAX_SEND_ATTEMPT_MS before the pipeline cuts it off (issue 20): a
 * printer that keeps the connection open without ever finishing (reads a little, stalls) never
 * leaves a job "printing" for longer than sendLimitMs. Measured on the agent's clock.
 */
export const SEND_GRACE_MS = 5_000;

/**
 * While a printer cannot take a job and nothing was sent (paper out, cover open, offline,
 * unreachable, not answering), the job waits as "needs attention" and is tried again every
 * `maxDelayMs` at most, without end: it prints by itself once the printer is back, or where a person
 * sends it (Print elsewhere). Other failures with nothing sent (a bad interface, the backend not
 * renewing the lease) wait for `windowMs`; only then does the job end `failed` or go back for
 * failover. The lease bounds how long a job stays stuck when a claim's answer is lost.
 *
 * Every attempt starts on a fresh lease — the claim's for the first attempt of a job just claimed,
 * a renewal for every other — so no attempt can outlive it: the claim or renewal is asked at t0 and the backend restarts the lease on receipt, so it runs at least until t0 + leaseMs (60 s);
 * the answer comes by t0 + BACKEND_REQUEST_TIMEOUT_MS (5 s) and the attempt ends by then +
 * attemptMs (MAX_SEND_ATTEMPT_MS, 33 s), i.e. by t0 + 38 s, leaving >= 22 s of lease for the
 * done/failed report. `attemptMs` is also the least lease an attempt needs when the backend cannot
 * be reached to renew it.
 */
export const PRINT_RETRY = {
  firstDelayMs: 1_000,
  maxDelayMs: 8_000,
  windowMs: 40_000,
  leaseMs: 60_000,
  attemptMs: MAX_SEND_ATTEMPT_MS,
  /** The hard limit of one send, cut off on the clock (SEND_GRACE_MS). */
  sendLimitMs: MAX_SEND_ATTEMPT_MS + SEND_GRACE_MS,
} as const;
export type PrintRetryPolicy = { [K in keyof typeof PRINT_RETRY]: number };

/**
 * What the print log says of a job done without the printer's own answer: interfaces that cannot
 * read it count a job done when the spooler or the device took it (docs/printing.md).
 */
export const UNCONFIRMED_NOTES = {
  spooler: 'done when the spooler accepted it: the printer’s answer cannot be read through the spooler',
  device: 'done when the port took every byte: this line carries no answer from the printer',
} as const;



export interface PrintPipelineEvents {
  job: [PrintJob];
  failed: [{ job: PrintJob; reason: string }];
  /** Printers' trouble or the jobs waiting for them changed (the board's `printing` state). */
  printing: [];
  /** A printer got a new problem: the board sounds once per problem. */
  problem: [{ printerId: string; problem: PrinterProblem }];
}

/** What the pipeline works with; the getters are read per job, as settings may change meanwhile. */
export interface PrintPipelineDeps {
  cache: CacheDb;
  /** Where each job came from: claim, renew and report go there (TicketRail's backend, TableTrack, ingest). */
  sources: JobSources;
  driver: PrinterDriver;
  logger: AgentLogger;
  printers: () => PrinterSettings[];
  /** The language of tickets' fixed words, read for each job (settings `display.language`); English when not given. */
  language?: () => Language;
  retry: PrintRetryPolicy;
  clock: Clock;
  /** Milliseconds a printer stays unreachable before the board offers another printer (settings `display.unreachableOfferSec`). */
  unreachableOfferMs?: () => number;
}

/** The default of `display.unreachableOfferSec`, in milliseconds. */
export const UNREACHABLE_OFFER_MS = 60_000;

/**
 * Prints each pending job of a station this agent serves exactly once: claim it at its source,
 * record it locally, render, renew the lease before every further attempt (a job whose lease is not
 * ours any more is never sent), mark it `sending` (so a crash can never lead to a blind re-send), send,
 * and report the outcome to its source (docs/connectors.md). Jobs stay in order per printer.
 */
export class PrintPipeline extends EventEmitter<PrintPipelineEvents> {
  private readonly queues = new Map<string, SerialQueue>();
  private readonly inFlight = new Set<string>();
  /** Jobs waiting for their next attempt; stop() wakes them so they end at once. */
  private readonly waits = new Set<() => void>();
  private stopped = false;
  private readonly cache: CacheDb;
  private readonly sources: JobSources;
  private readonly driver: PrinterDriver;
  private readonly logger: AgentLogger;
  private readonly getPrinters: () => PrinterSettings[];
  private readonly getLanguage: () => Language;
  private readonly retry: PrintRetryPolicy;
  private readonly clock: Clock;
  /** The printer each held job is meant for now: Print elsewhere changes it. */
  private readonly assignment = new Map<string, string>();
  /** Jobs whose run has begun (claimed or claiming): a move switches them inside their run. */
  private readonly started = new Set<string>();
  /** Wakes a job waiting for its next attempt (Retry now, Print elsewhere). */
  private readonly jobWakes = new Map<string, () => void>();
  /** Printers' trouble and the jobs waiting for them, as the board shows them. */
  readonly watch: PrinterWatch;

  constructor(deps: PrintPipelineDeps) {
    super();
    this.cache = deps.cache;
    this.sources = deps.sources;
    this.driver = deps.driver;
    this.logger = deps.logger;
    this.getPrinters = deps.printers;
    this.getLanguage = deps.language ?? (() => DEFAULT_LANGUAGE);
    this.retry = deps.retry;
    this.clock = deps.clock;
    this.watch = new PrinterWatch({
      clock: deps.clock,
      printers: deps.printers,
      offerAfterMs: deps.unreachableOfferMs ?? (() => UNREACHABLE_OFFER_MS),
      changed: () => this.emit('printing'),
    });
  }

  /** Whether a job is held here, waiting for a printer (its own problem or its printer's). */
  isWaiting(jobId: string): boolean {
    return this.watch.attentionOf(jobId) !== undefined;
  }

  /** Retry now: a job waiting for its printer tries again at once instead of at its next turn. */
  retryNow(jobId: string): void {
    if (!this.isWaiting(jobId)) throw new CodedError(ERRORS.PRINT_JOB_NOT_WAITING, `print job ${jobId} is not waiting for a printer`, { jobId });
    this.jobWakes.get(jobId)?.();
  }

  /**
   * Print elsewhere: a job held here goes to another printer, still exactly once — it is one run
   * that switches printers (a job already claimed), or a run moved to the other printer's queue
   * before it began. Bytes already on their way are never sent a second time.
   */
  moveJob(jobId: string, printerId: string): void {
    const current = this.assignment.get(jobId);
    if (current === undefined || this.watch.stageOf(jobId) === 'sending') {
      throw new CodedError(ERRORS.PRINT_JOB_NOT_WAITING, `print job ${jobId} is not waiting for a printer`, { jobId });
    }
    const target = this.getPrinters().find((printer) => printer.id === printerId);
    if (!target) throw new CodedError(ERRORS.PRINTER_NOT_FOUND, `no printer with id ${printerId}`);
    if (current === printerId) throw new CodedError(ERRORS.PRINT_TARGET_INVALID, `print job ${jobId} already waits for ${target.name}`, { jobId, printerId });
    this.assignment.set(jobId, printerId);
    this.watch.held(jobId, printerId);
    const cached = this.cache.getJob(jobId);
    if (!this.started.has(jobId) && cached) this.runOn(cached.job, printerId);
    else this.jobWakes.get(jobId)?.();
  }

  /** Sends every ticket waiting for `fromPrinterId` to `toPrinterId` (the unreachable printer's one-tap offer). */
  moveWaiting(fromPrinterId: string, toPrinterId: string): string[] {
    const jobs = this.watch.waitingJobs(fromPrinterId);
    for (const jobId of jobs) this.moveJob(jobId, toPrinterId);
    return jobs;
  }

  /** The printer that serves a job: its named printer if this agent has it, else the first serving its station. */
  printerFor(job: Pick<PrintJob, 'station' | 'printerId'>): PrinterSettings | undefined {
    const printers = this.getPrinters();
    if (job.printerId) return printers.find((printer) => printer.id === job.printerId);
    return printers.find((printer) => printer.stations.includes(job.station));
  }

  servedStations(): string[] {
    return [...new Set(this.getPrinters().flatMap((printer) => printer.stations))];
  }

  /** Queues a job if it is pending, served here and never handled by this agent before. */
  consider(job: PrintJob): void {
    if (this.stopped || job.status !== 'pending' || this.inFlight.has(job.id)) return;
    const local = this.cache.getJob(job.id)?.localState;
    if (local === 'printed' || local === 'sending' || local === 'failed') return;
    const printer = this.printerFor(job);
    if (!printer) return;
    this.enqueue(job, printer);
  }

  /**
   * After a restart: a job caught `sending` may have partly printed, so it is reported failed and
   * never re-sent; a job only `claimed` had nothing sent and goes back through the queue.
   */
  recover(): void {
    for (const { job, printerId } of this.cache.jobsInLocalState('sending')) {
      this.finishFailed(job, printerId, 'partlySent', PRINT_FAILURE_REASONS.partlySent);
    }
    for (const { job } of this.cache.jobsInLocalState('claimed')) {
      const printer = this.printerFor(job);
      if (printer && !this.inFlight.has(job.id)) this.enqueue(job, printer);
    }
  }

  /** Asks the backend for pending jobs of every served station: covers expired leases and missed events. */
  async scan(): Promise<void> {
    for (const station of this.servedStations()) {
      try {
        const jobs = await this.sources.pending(station);
        for (const job of jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) this.consider(job);
      } catch (error) {
        this.logger.warn('pending-job scan failed', { station, error: describeError(error) });
      }
    }
  }

  async idle(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.idle()));
  }

  /** No job starts or waits any more; a job waiting for its next attempt ends now, unsent. */
  stop(): void {
    this.stopped = true;
    for (const wake of [...this.waits]) wake();
  }

  /** Waits `ms` on the clock, or less if the pipeline stops (or, for a job, a person asks) meanwhile. */
  private wait(ms: number, jobId?: string): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        cancel();
        this.waits.delete(wake);
        if (jobId !== undefined && this.jobWakes.get(jobId) === wake) this.jobWakes.delete(jobId);
        resolve();
      };
      const cancel = this.clock.after(ms, wake);
      this.waits.add(wake);
      if (jobId !== undefined) this.jobWakes.set(jobId, wake);
    });
  }

  private enqueue(job: PrintJob, printer: PrinterSettings): void {
    this.inFlight.add(job.id);
    this.assignment.set(job.id, printer.id);
    this.watch.held(job.id, printer.id);
    this.runOn(job, printer.id);
  }

  /** Queues the job's run on a printer's queue; a run whose job moved to another printer before it began does nothing. */
  private runOn(job: PrintJob, printerId: string): void {
    let queue = this.queues.get(printerId);
    if (!queue) this.queues.set(printerId, (queue = new SerialQueue()));
    void queue
      .run(async () => {
        if (this.assignment.get(job.id) !== printerId || this.started.has(job.id)) return;
        this.started.add(job.id);
        try {
          await this.process(job);
        } finally {
          this.started.delete(job.id);
          this.assignment.delete(job.id);
          this.inFlight.delete(job.id);
          this.watch.released(job.id);
        }
      })
      .catch((error: unknown) => this.logger.error('print pipeline error', { jobId: job.id, error: describeError(error) }));
  }

  /** The printer a held job is meant for now. */
  private assignedPrinter(jobId: string): PrinterSettings | undefined {
    const printerId = this.assignment.get(jobId);
    return this.getPrinters().find((printer) => printer.id === printerId);
  }

  private async renderFor(job: PrintJob, printer: PrinterSettings): Promise<Buffer | undefined> {
    try {
      const order = job.orderId ? (this.cache.getOrder(job.orderId)?.order ?? (await this.sources.of(job).order(job.orderId))) : undefined;
      return await this.driver.render(job, order, printer, { reprint: Boolean(job.reprintOf), language: this.getLanguage(), now: new Date(this.clock.now()) });
    } catch (error) {
      this.finishFailed(job, printer.id, 'renderFailed', `${PRINT_FAILURE_REASONS.renderFailed}: ${describeError(error)}`);
      return undefined;
    }
  }

  /** One send, cut off after `sendLimitMs` on the agent's clock; the job counts as "printing" only once its bytes leave. */
  private async sendWithLimit(jobId: string, printer: PrinterSettings, bytes: Buffer): Promise<SendOutcome> {
    const limit = new AbortController();
    // A repeating timer stopped at its first tick, not a one-shot: a test clock counts one-shot
    // timers as "the code waits now" (a retry, a poll), and a send under way is not waiting.
    const cancel = this.clock.every(this.retry.sendLimitMs, () => {
      cancel();
      limit.abort();
    });
    try {
      return await this.driver.send(printer, bytes, { signal: limit.signal, onPayload: () => this.watch.payloadStarted(jobId) });
    } finally {
      cancel();
      this.watch.attemptEnded(jobId);
    }
  }

  private async process(pending: PrintJob): Promise<void> {
    if (this.stopped) return;
    let printer = this.assignedPrinter(pending.id);
    if (!printer) return;
    const claim = await this.claim(pending, printer);
    if (!claim) return;
    const { job } = claim;

    let bytes = await this.renderFor(job, printer);
    if (!bytes) return;

    let started = this.clock.now();
    const mayWait = (delay: number) => this.clock.now() - started + delay < this.retry.windowMs;
    let leaseEndsBy = claim.leaseEndsBy;
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) return;
      // Print elsewhere moved it: rendered again for that printer (its width, its code page), sent there.
      const assigned = this.assignedPrinter(job.id);
      if (assigned && assigned.id !== printer.id) {
        printer = assigned;
        bytes = await this.renderFor(job, printer);
        if (!bytes) return;
      }
      const delay = Math.min(this.retry.maxDelayMs, this.retry.firstDelayMs * 2 ** attempt);
      // A claim just granted started its lease: renewing it again before the first attempt would
      // be a second request per ticket on the way to paper, for the same guarantee.
      const lease: LeaseCheck = attempt === 0 && claim.leaseEndsBy > 0 ? { kind: 'renewed', endsBy: claim.leaseEndsBy } : await this.renewLease(job, printer.id);
      if (lease.kind === 'lost') return;
      if (lease.kind === 'renewed') {
        leaseEndsBy = lease.endsBy;
        // The window for a backend that cannot renew counts from the last renewal it granted.
        started = this.clock.now();
      } else if (leaseEndsBy - this.clock.now() < this.retry.attemptMs) {
        // The lease cannot be renewed and what is left of it is shorter than an attempt may take.
        if (mayWait(delay)) {
          this.cache.setJobLocal(job.id, 'claimed', printer.id, `lease not renewed: ${lease.error}`);
          this.logger.warn('backend unreachable; job waits before sending', { jobId: job.id, error: lease.error });
          await this.wait(delay);
          continue;
        }
        this.leaveForFailover(job, printer.id, lease.error);
        return;
      }
      // Journaled before the connection opens: a crash from here on may have left bytes on paper.
      this.cache.setJobLocal(job.id, 'sending', printer.id);
      const outcome: SendOutcome = await this.sendWithLimit(job.id, printer, bytes);
      if (outcome.ok) {
        const done = printer;
        this.watch.printerOk(done.id);
        const note = outcome.confirmedBy === undefined || outcome.confirmedBy === 'printer' ? undefined : UNCONFIRMED_NOTES[outcome.confirmedBy];
        // Done when the printer answered (or, where no answer can be read, the spooler or port took
        // it: the note says so), at the agent's own time (its clock): what the print log and the source are told.
        this.report(job, { status: 'done', printedAt: isoNow(this.clock) }, done, () => this.cache.setJobLocal(job.id, 'printed', done.id, note));
        this.emit('job', this.cache.getJob(job.id)?.job ?? job);
        return;
      }
      const problem = printerProblemOf(outcome);
      if (problem) {
        // Nothing left this PC and the printer is the problem: the job waits for it without end
        // ("needs attention"), and prints by itself once it is back.
        const isNew = this.watch.troubleOf(printer.id) !== problem;
        this.cache.setJobLocal(job.id, 'claimed', printer.id, outcome.message);
        this.watch.needsAttention(job.id, printer.id, problem, outcome.message);
        if (isNew) this.emit('problem', { printerId: printer.id, problem });
        this.emit('job', this.cache.getJob(job.id)?.job ?? job);
        this.logger.warn('printer needs attention; job waits', { jobId: job.id, printer: printer.id, problem });
        await this.wait(delay, job.id);
        continue;
      }
      if (!outcome.sent && mayWait(delay)) {
        // Nothing left this PC: safe to try again once the printer is back.
        this.cache.setJobLocal(job.id, 'claimed', printer.id, outcome.message);
        this.logger.warn('printer not ready; job waits', { jobId: job.id, printer: printer.id, reason: outcome.reason });
        await this.wait(delay, job.id);
        continue;
      }
      this.finishFailed(job, printer.id, outcome.reason, outcome.message);
      return;
    }
  }

  /** Claims the job at its source and journals it `claimed`; undefined when it is not ours. */
  private async claim(job: PrintJob, printer: PrinterSettings): Promise<{ job: PrintJob; leaseEndsBy: number } | undefined> {
    const answer = await this.sources.of(job).claim(job);
    if (answer.kind === 'claimed') {
      this.cache.transaction(() => {
        this.cache.putJob(answer.job);
        this.cache.setJobLocal(answer.job.id, 'claimed', printer.id);
      });
      this.emit('job', answer.job);
      return { job: answer.job, leaseEndsBy: answer.leaseEndsBy };
    }
    if (answer.kind === 'refused') {
      // Another agent has it (or it is gone): never print it here.
      if (this.cache.getJob(job.id)) this.cache.setJobLocal(job.id, 'lost', printer.id, answer.reason);
      return undefined;
    }
    this.logger.warn('claim failed; will retry on the next scan', { jobId: job.id, error: answer.error });
    return undefined;
  }

  /**
   * The heartbeat before every attempt but the first of a fresh claim (see PRINT_RETRY). A loss means the lease lapsed or
   * another agent holds the job now: nothing of this attempt has been sent, so the job is marked
   * `lost` like a refused claim and left to whoever has it.
   */
  private async renewLease(job: PrintJob, printerId: string): Promise<LeaseCheck> {
    const lease = await this.sources.of(job).renew(job);
    if (lease.kind === 'renewed' && lease.job) this.cache.putJobIfNewer(lease.job);
    if (lease.kind === 'lost') {
      this.cache.setJobLocal(job.id, 'lost', printerId, lease.reason);
      this.logger.warn('lease renewal refused; job not sent', { jobId: job.id, ...(lease.code ? { code: lease.code } : {}) });
      this.emit('job', this.cache.getJob(job.id)?.job ?? job);
    }
    return lease;
  }

  /**
   * Gives up without sending: the backend could not renew the lease within the retry window. No
   * report is queued: the lease lapses, the job returns to pending and another agent (or this one,
   * once the backend is back) claims it. Nothing was sent, so `claimed` stays safe after a restart.
   */
  private leaveForFailover(job: PrintJob, printerId: string, error: string): void {
    const message = `nothing was sent: the lease could not be renewed (${error}); the job returns to pending when it lapses`;
    this.cache.setJobLocal(job.id, 'claimed', printerId, message);
    this.logger.warn('lease could not be renewed; job left for failover', { jobId: job.id, error });
    this.emit('job', this.cache.getJob(job.id)?.job ?? job);
  }

  private finishFailed(job: PrintJob, printerId: string | undefined, reason: string, message: string): void {
    this.report(job, { status: 'failed', error: message.slice(0, PRINT_JOB_LIMITS.maxErrorLength) }, printerId ? this.getPrinters().find((p) => p.id === printerId) : undefined, () =>
      this.cache.setJobLocal(job.id, 'failed', printerId, message),
    );
    this.logger.warn('print job failed', { jobId: job.id, reason, message });
    this.emit('failed', { job, reason: message });
  }

  private report(job: PrintJob, outcome: JobOutcome, printer: PrinterSettings | undefined, alongside: () => void): void {
    this.sources.of(job).report(job, outcome, printer, alongside);
  }
}
