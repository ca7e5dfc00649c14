import { EventEmitter } from 'node:events';
import { PRINT_FAILURE_REASONS, type PrintJob } from '../../common/print-job.js';
import type { PrinterSettings } from '../../common/settings.js';
import { BackendHttpError, describe, type BackendClient } from '../backend-client.js';
import type { CacheDb } from '../cache/cache-db.js';
import type { Outbox } from '../outbox/outbox.js';
import type { AgentLogger } from '../ports.js';
import { SerialQueue } from '../util/serial-queue.js';
import type { PrinterDriver, SendOutcome } from './printer-driver.js';

/**
 * While a printer cannot take a job and nothing was sent (refused, paper out, cover open), the job
 * waits and is retried within its lease; only after this window does it end `failed`. Beyond the
 * lease another agent may claim it, which is the failover we want. The lease also bounds how long a
 * job stays stuck when a claim's answer is lost.
 */
export const PRINT_RETRY = { firstDelayMs: 1_000, maxDelayMs: 8_000, windowMs: 40_000, leaseMs: 60_000 } as const;
export type PrintRetryPolicy = { [K in keyof typeof PRINT_RETRY]: number };

export interface PrintPipelineEvents {
  job: [PrintJob];
  failed: [{ job: PrintJob; reason: string }];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Prints each pending job of a station this agent serves exactly once: claim it at the backend,
 * record it locally, render, mark it `sending` (so a crash can never lead to a blind re-send),
 * send, and report the outcome through the outbox. Jobs stay in order per printer.
 */
export class PrintPipeline extends EventEmitter<PrintPipelineEvents> {
  private readonly queues = new Map<string, SerialQueue>();
  private readonly inFlight = new Set<string>();
  private stopped = false;

  constructor(
    private readonly cache: CacheDb,
    private readonly backend: BackendClient,
    private readonly outbox: Outbox,
    private readonly driver: PrinterDriver,
    private readonly logger: AgentLogger,
    private readonly getAgentId: () => string,
    private readonly getPrinters: () => PrinterSettings[],
    private readonly retry: PrintRetryPolicy = PRINT_RETRY,
  ) {
    super();
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
        const jobs = await this.backend.printJobs({ status: 'pending', station, limit: 100 });
        for (const job of jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) this.consider(job);
      } catch (error) {
        this.logger.warn('pending-job scan failed', { station, error: describe(error) });
      }
    }
  }

  async idle(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.idle()));
  }

  stop(): void {
    this.stopped = true;
  }

  private enqueue(job: PrintJob, printer: PrinterSettings): void {
    this.inFlight.add(job.id);
    let queue = this.queues.get(printer.id);
    if (!queue) this.queues.set(printer.id, (queue = new SerialQueue()));
    void queue
      .run(() => this.process(job, printer))
      .catch((error: unknown) => this.logger.error('print pipeline error', { jobId: job.id, error: describe(error) }))
      .finally(() => this.inFlight.delete(job.id));
  }

  private async process(pending: PrintJob, printer: PrinterSettings): Promise<void> {
    if (this.stopped) return;
    const job = await this.claim(pending, printer);
    if (!job) return;

    let bytes: Buffer;
    try {
      const order = job.orderId ? (this.cache.getOrder(job.orderId)?.order ?? (await this.backend.order(job.orderId))) : undefined;
      bytes = await this.driver.render(job, order, printer, { reprint: Boolean(job.reprintOf) });
    } catch (error) {
      this.finishFailed(job, printer.id, 'renderFailed', `${PRINT_FAILURE_REASONS.renderFailed}: ${describe(error)}`);
      return;
    }

    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) return;
      this.cache.setJobLocal(job.id, 'sending', printer.id);
      const outcome: SendOutcome = await this.driver.send(printer, bytes);
      if (outcome.ok) {
        this.cache.setJobLocal(job.id, 'printed', printer.id);
        this.outbox.reportJob(job.id, { agentId: this.getAgentId(), status: 'done', printedAt: outcome.printedAt });
        this.emit('job', this.cache.getJob(job.id)?.job ?? job);
        return;
      }
      const delay = Math.min(this.retry.maxDelayMs, this.retry.firstDelayMs * 2 ** attempt);
      if (!outcome.sent && Date.now() - started + delay < this.retry.windowMs) {
        // Nothing left this PC: safe to try again once the printer is back.
        this.cache.setJobLocal(job.id, 'claimed', printer.id, outcome.message);
        this.logger.warn('printer not ready; job waits', { jobId: job.id, printer: printer.id, reason: outcome.reason });
        await sleep(delay);
        continue;
      }
      this.finishFailed(job, printer.id, outcome.reason, outcome.message);
      return;
    }
  }

  /** Claims the job (or confirms this agent still holds it after a restart); undefined when it is not ours. */
  private async claim(job: PrintJob, printer: PrinterSettings): Promise<PrintJob | undefined> {
    const agentId = this.getAgentId();
    try {
      const current = job.status === 'printing' || this.cache.getJob(job.id)?.localState === 'claimed' ? await this.backend.printJob(job.id) : job;
      const mine = current.status === 'printing' && current.claimedBy === agentId && Date.parse(current.leaseUntil ?? '') > Date.now() + this.retry.firstDelayMs;
      const claimed = mine ? current : await this.backend.claimPrintJob(job.id, agentId, this.retry.leaseMs);
      this.cache.transaction(() => {
        this.cache.putJob(claimed);
        this.cache.setJobLocal(claimed.id, 'claimed', printer.id);
      });
      this.emit('job', claimed);
      return claimed;
    } catch (error) {
      if (error instanceof BackendHttpError && (error.status === 409 || error.status === 404)) {
        // Another agent has it (or it is gone): never print it here.
        if (this.cache.getJob(job.id)) this.cache.setJobLocal(job.id, 'lost', printer.id, error.body.message);
        return undefined;
      }
      this.logger.warn('claim failed; will retry on the next scan', { jobId: job.id, error: describe(error) });
      return undefined;
    }
  }

  private finishFailed(job: PrintJob, printerId: string | undefined, reason: string, message: string): void {
    this.cache.setJobLocal(job.id, 'failed', printerId, message);
    this.outbox.reportJob(job.id, { agentId: this.getAgentId(), status: 'failed', error: message.slice(0, 500) });
    this.logger.warn('print job failed', { jobId: job.id, reason, message });
    this.emit('failed', { job, reason: message });
  }
}
