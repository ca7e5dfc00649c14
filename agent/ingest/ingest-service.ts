import { CodedError, ERRORS } from '../../common/errors.js';
import type { PrintJob } from '../../common/print-job.js';
import type { AgentSettings, IngestPrinterSettings, PrinterSettings, SettingsPatch } from '../../common/settings.js';
import type { Board } from '../board/board.js';
import type { CacheDb } from '../cache/cache-db.js';
import { describeError } from '../describe-error.js';
import type { PrintPipeline } from '../pipeline/print-pipeline.js';
import type { PrinterDriver } from '../pipeline/printer-driver.js';
import type { AgentLogger } from '../ports.js';
import { HEALTHY_CONDITION, type PrinterCondition } from '../printing/printer-status.js';
import { isoNow, type Clock } from '../../common/clock.js';
import { SerialQueue } from '../util/serial-queue.js';
import { ForwardPrinterStatus } from './forward-status.js';
import { INGEST_ID_PREFIX } from './ingest-card-order.js';
import { IngestError } from './ingest-errors.js';
import type { IngestJob } from './ingest-job.js';
import { journalIngestJob, journalIngestReprint } from './ingest-journal.js';
import type { IngestLimits } from './ingest-limits.js';
import { startIngestListener, type IngestListener } from './ingest-listener.js';
import { checkIngestSettings, findForwardPrinter, ingestSettingsRefusal } from './ingest-settings-check.js';
import type { ListenAddress } from './listen-address.js';
import type { TicketDecoder } from '../decode/ticket-decoder.js';

export interface IngestServiceDeps {
  cache: CacheDb;
  board: Board;
  pipeline: PrintPipeline;
  /** Asks forward printers for their state (the same driver the pipeline prints with). */
  driver: Pick<PrinterDriver, 'status'>;
  logger: AgentLogger;
  clock: Clock;
  settings: () => AgentSettings;
  /** Listener limits; tests lower them. */
  limits?: Partial<IngestLimits>;
  /** Reads tickets: inline when small, in the worker when large (decode/ticket-decoder.ts). */
  decoder: Pick<TicketDecoder, 'wouldPrint' | 'ticketCard' | 'prepare'>;
}

interface Running {
  entry: IngestPrinterSettings;
  listener: IngestListener;
}

/** An entry's identity: any change to it (address, station, forwarding, pattern) restarts its listener. */
const entryKey = (entry: IngestPrinterSettings): string => JSON.stringify(entry);

/**
 * The agent's ingest printers (docs/ingest.md): one IngestListener per `ingest` entry of the
 * settings, restarted when the entry changes. Every job a POS sends is journaled — its card and,
 * when forwarding, the raw job with the POS's bytes, in one SQLite transaction — before the
 * listener lets the POS see success; then the card goes to the board with the new-order alert and
 * the job to the print pipeline, which sends it exactly once.
 */
export class IngestService {
  private readonly running = new Map<string, Running>();
  private readonly reconciles = new SerialQueue();
  private readonly forwardStatus: ForwardPrinterStatus;
  private closed = false;

  constructor(private readonly deps: IngestServiceDeps) {
    this.forwardStatus = new ForwardPrinterStatus(deps.driver, deps.clock, deps.logger);
  }

  /** The listeners running now (tests read their ports). */
  get listeners(): IngestListener[] {
    return [...this.running.values()].map((running) => running.listener);
  }

  /** Starts a listener for every configured ingest printer; one that cannot start is logged, never fatal. */
  start(): Promise<void> {
    return this.reconcile();
  }

  /** After a settings save: listeners of removed or changed entries stop, new ones start. */
  settingsChanged(): Promise<void> {
    return this.reconcile();
  }

  /**
   * Refuses a settings patch whose ingest printers could not run, field by field (SETTINGS_INVALID,
   * `details.issues` paths like `['ingest', 0, 'listen']`): bad address, LAN without opt-in, port
   * in use, unknown forward printer. Called before the patch is saved.
   */
  async check(patch: Pick<SettingsPatch, 'ingest'> & { printers?: PrinterSettings[] }): Promise<void> {
    if (!patch.ingest) return;
    const entries = patch.ingest.map((entry) => ({ ...entry, allowLan: entry.allowLan ?? false }));
    const ownAddresses = this.listeners.map((listener): ListenAddress => ({ host: listener.host, port: listener.port }));
    const issues = await checkIngestSettings(entries, { printers: patch.printers ?? this.deps.settings().printers, ownAddresses });
    if (issues.length > 0) throw ingestSettingsRefusal(issues);
  }

  /**
   * A person's reprint of a forwarded ticket (print log): a new local job with the same bytes,
   * journaled and handed to the pipeline. Nobody else is asked: ingest jobs are this agent's own.
   */
  reprint(jobId: string): PrintJob {
    const cached = this.deps.cache.getJob(jobId);
    if (!cached || !jobId.startsWith(INGEST_ID_PREFIX)) throw new CodedError(ERRORS.PRINT_JOB_NOT_FOUND, `print job ${jobId} is not known here`);
    const printer = this.deps.pipeline.printerFor(cached.job);
    if (!printer) throw new CodedError(ERRORS.PRINTER_NOT_FOUND, `the printer of job ${jobId} (${cached.job.printerId ?? '?'}) is not configured any more`);
    const reprint = journalIngestReprint(this.deps.cache, cached.job, printer.id, isoNow(this.deps.clock));
    this.deps.board.jobChanged(reprint.id);
    this.deps.pipeline.consider(reprint);
    return reprint;
  }

  /** Stops every listener (open POS connections are reset: their unfinished jobs were never acknowledged). */
  async close(): Promise<void> {
    this.closed = true;
    await this.reconciles.run(async () => {
      const running = [...this.running.values()];
      this.running.clear();
      await Promise.all(running.map(({ listener }) => listener.close()));
    });
  }

  private reconcile(): Promise<void> {
    return this.reconciles.run(async () => {
      if (this.closed) return;
      const wanted = new Map(this.deps.settings().ingest.map((entry) => [entryKey(entry), entry]));
      // Stop first: a changed entry usually keeps its port, which must be free for its successor.
      for (const [key, running] of [...this.running]) {
        if (wanted.has(key)) continue;
        this.running.delete(key);
        await running.listener.close();
        this.deps.logger.info('ingest printer stopped', { name: running.entry.name, listen: running.entry.listen });
      }
      for (const [key, entry] of wanted) {
        if (this.running.has(key)) continue;
        const listener = await this.startListener(entry);
        if (listener) {
          this.running.set(key, { entry, listener });
          // A POS may send a megabyte at any moment: its decoding pool is ready before it does.
          this.deps.decoder.prepare();
        }
      }
    });
  }

  private async startListener(entry: IngestPrinterSettings): Promise<IngestListener | undefined> {
    try {
      const listener = await startIngestListener({
        name: entry.name,
        station: entry.station,
        listen: entry.listen,
        allowLan: entry.allowLan,
        statusSource: () => this.forwardCondition(entry),
        onJob: (job) => this.journal(entry, job),
        decoder: this.deps.decoder,
        logger: this.deps.logger,
        clock: this.deps.clock,
        limits: {
          ...(entry.maxConnections !== undefined ? { maxConnections: entry.maxConnections } : {}),
          ...(entry.idleCloseSeconds !== undefined ? { idleCloseMs: entry.idleCloseSeconds * 1000 } : {}),
          ...this.deps.limits,
        },
      });
      this.deps.logger.info('ingest printer listening', { name: entry.name, listen: listener.url, station: entry.station, ...(entry.forwardTo ? { forwardTo: entry.forwardTo } : {}) });
      if (entry.forwardTo !== undefined && !this.forwardPrinter(entry)) {
        // Cards still come; their notice says the ticket was not printed (e.g. a --ingest >NAME typo).
        this.deps.logger.warn('ingest printer forwards to a printer that is not configured; its tickets are not printed', { name: entry.name, forwardTo: entry.forwardTo });
      }
      return listener;
    } catch (error) {
      // A port in use or a bad address stops this ingest printer only, never the agent.
      this.deps.logger.error('ingest printer could not start', {
        name: entry.name,
        listen: entry.listen,
        ...(error instanceof IngestError ? { code: error.code } : {}),
        error: describeError(error),
      });
      return undefined;
    }
  }

  private forwardPrinter(entry: IngestPrinterSettings): PrinterSettings | undefined {
    return entry.forwardTo === undefined ? undefined : findForwardPrinter(entry.forwardTo, this.deps.settings().printers);
  }

  /** What the POS is told: the forward printer's real state; healthy when not forwarding. */
  private forwardCondition(entry: IngestPrinterSettings): PrinterCondition | Promise<PrinterCondition> {
    const printer = this.forwardPrinter(entry);
    return printer ? this.forwardStatus.condition(printer) : HEALTHY_CONDITION;
  }

  /**
   * The listener's job hook: it resolves only once the job is in SQLite, and the listener answers
   * nothing after the job (a `GS r 1`, the close) before that. A throw resets the POS's connection.
   * The card is read first (in the worker when the job is large), so the POS waits for that too.
   */
  private async journal(entry: IngestPrinterSettings, job: IngestJob): Promise<void> {
    const card = await this.deps.decoder.ticketCard(job.bytes, {
      printerType: job.printerType,
      ...(entry.ticketNumberPattern ? { ticketNumberPattern: entry.ticketNumberPattern } : {}),
    });
    const printer = this.forwardPrinter(entry);
    const note = forwardNote(entry, printer, job);
    const journaled = journalIngestJob(this.deps.cache, { job, card, ...(printer && !job.truncated ? { forwardTo: printer } : {}), ...(note ? { note } : {}) });
    const { order, forward } = journaled;
    this.deps.board.orderChanged(order.id);
    this.deps.board.push({ type: 'alert', alert: 'order.submitted', orderId: order.id });
    if (forward) {
      this.deps.board.jobChanged(forward.id);
      this.deps.pipeline.consider(forward);
    }
  }
}

/** Why a ticket that should go on to a printer does not, for its card. */
function forwardNote(entry: IngestPrinterSettings, printer: PrinterSettings | undefined, job: IngestJob): string | undefined {
  if (entry.forwardTo === undefined) return undefined;
  if (!printer) return `not printed: no configured printer is called "${entry.forwardTo}"`;
  return job.truncated ? `not printed on ${printer.name}: the ticket is incomplete` : undefined;
}
