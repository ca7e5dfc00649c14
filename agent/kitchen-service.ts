import { ERROR_CODES, CodedError } from '../common/errors.js';
import type {
  BoardSnapshot,
  BoardUpdate,
  KitchenHandlers,
  OrderActionInput,
  PrintLogEntry,
  PrinterStatus,
  RailOrder,
  ReceiptView,
  TestConnectionResult,
  TestPrintResult,
  TicketPreview,
} from '../common/kitchen-api.js';
import type { KitchenApiParsedInput } from '../common/kitchen-contract.js';
import { allowedOrderTransitions, canTransitionOrder, type Order, type OrderStatus } from '../common/order.js';
import type { RedactedSettings } from '../common/settings.js';
import type { BackendClient } from './backend-client.js';
import type { Board } from './board/board.js';
import { toPrintLogEntry } from './board/board.js';
import type { CacheDb } from './cache/cache-db.js';
import type { Outbox } from './outbox/outbox.js';
import type { PrintPipeline } from './pipeline/print-pipeline.js';
import type { PrinterDriver } from './pipeline/printer-driver.js';
import type { SettingsService } from './settings/settings-service.js';
import { PaymentActions } from './front-of-house/payment-actions.js';
import type { ConnectorChecks } from './connectors/create-connector.js';
import { TABLETRACK_ID_PREFIX } from './connectors/tabletrack/tabletrack-card.js';
import type { SourcePrintersResult } from '../common/connector-check.js';
import { INGEST_ID_PREFIX } from './ingest/ingest-card-order.js';
import type { IngestService } from './ingest/ingest-service.js';
import type { TicketDecoder } from './decode/ticket-decoder.js';
import { toPreviewLines } from './printing/decoded-job.js';

/** A source card after a kitchen action: the next version, as the backend would make it for an order. */
function movedLocally(order: Order, to: OrderStatus, reason: string | undefined, at: string): Order {
  return { ...order, status: to, updatedAt: at, version: order.version + 1, ...(to === 'cancelled' && reason ? { cancelReason: reason } : {}) };
}

export interface KitchenServiceDeps {
  cache: CacheDb;
  board: Board;
  outbox: Outbox;
  settings: SettingsService;
  pipeline: PrintPipeline;
  driver: PrinterDriver;
  /** Decodes previews: a large job off the main thread. */
  decoder: Pick<TicketDecoder, 'previewLines'>;
  backend: () => BackendClient;
  /** Test connection and TableTrack's printer list, for the connector the settings name. */
  checks: ConnectorChecks;
  /** Ingest printers: their settings are checked (ports bound) before a save, their jobs reprinted here. */
  ingest?: Pick<IngestService, 'check' | 'reprint'>;
}

/**
 * The board's operations as the agent carries them out: the handlers of KITCHEN_API
 * (common/kitchen-contract.ts). Input arrives parsed by the transport edge that received it (IPC
 * handler, local HTTP route), so nothing here validates shapes again; only the kitchen's own rules
 * (is the order on this board, may it make that move) are checked.
 */
export class KitchenService implements KitchenHandlers {
  /** A card's payments (front of house): receipt, verify, reject. */
  private readonly payments: PaymentActions;

  constructor(private readonly deps: KitchenServiceDeps) {
    this.payments = new PaymentActions(deps);
  }

  async getSnapshot(): Promise<BoardSnapshot> {
    return this.deps.board.snapshot();
  }

  async orderAction({ orderId, to, reason }: OrderActionInput): Promise<RailOrder> {
    const cached = this.deps.cache.getOrder(orderId);
    if (!cached) throw new CodedError(ERROR_CODES.ORDER_NOT_FOUND, `order ${orderId} is not on this board`, 404);
    const from = cached.order.status;
    if (!canTransitionOrder(from, to)) {
      throw new CodedError(ERROR_CODES.ORDER_TRANSITION_INVALID, `an order that is ${from} cannot become ${to}`, 409, {
        from,
        to,
        allowed: allowedOrderTransitions(from),
      });
    }
    if (to === 'cancelled' && !reason) {
      throw new CodedError(ERROR_CODES.ORDER_CANCEL_REASON_REQUIRED, 'cancelling an order needs a reason', 400);
    }
    if (cached.order.source) {
      // A card of a source without orders (TableTrack job, ingest ticket): nobody to tell, so the
      // move is final here and now.
      this.deps.cache.putOrder(movedLocally(cached.order, to, reason, new Date().toISOString()));
    } else {
      this.deps.outbox.transitionOrder(cached.order, { to, ...(reason ? { reason } : {}) });
    }
    this.deps.board.orderChanged(orderId);
    return this.deps.board.railOrder(orderId) as RailOrder;
  }

  async dismissConflict({ orderId }: KitchenApiParsedInput<'dismissConflict'>): Promise<void> {
    const cached = this.deps.cache.getOrder(orderId);
    if (!cached) throw new CodedError(ERROR_CODES.ORDER_NOT_FOUND, `order ${orderId} is not on this board`, 404);
    this.deps.cache.setOrderFlags(orderId, { unconfirmed: cached.unconfirmed });
    this.deps.board.orderChanged(orderId);
  }

  async getSettings(): Promise<RedactedSettings> {
    return this.deps.settings.redacted();
  }

  async saveSettings(patch: KitchenApiParsedInput<'saveSettings'>): Promise<RedactedSettings> {
    await this.deps.ingest?.check(patch);
    this.deps.settings.save(patch);
    return this.deps.settings.redacted();
  }

  /** Tests the saved settings against the connector they name (agent/connectors/create-connector.ts). */
  async testConnection(): Promise<TestConnectionResult> {
    return this.deps.checks.testConnection();
  }

  /** TableTrack's printers for the printer map, with the saved URL and key. */
  async tabletrackPrinters(): Promise<SourcePrintersResult> {
    return this.deps.checks.tabletrackPrinters();
  }

  async testPrint({ printerId }: KitchenApiParsedInput<'testPrint'>): Promise<TestPrintResult> {
    const printer = this.printer(printerId);
    const outcome = await this.deps.driver.send(printer, await this.deps.driver.testPage(printer, { language: this.deps.settings.get().display.language }));
    return outcome.ok ? { ok: true, message: `test page printed on ${printer.name}` } : { ok: false, message: outcome.message };
  }

  async printerStatus({ printerId }: KitchenApiParsedInput<'printerStatus'>): Promise<PrinterStatus> {
    return this.deps.driver.status(this.printer(printerId));
  }

  async printLog({ limit }: KitchenApiParsedInput<'printLog'>): Promise<PrintLogEntry[]> {
    return this.deps.cache.recentJobs(limit).map(toPrintLogEntry);
  }

  /** Creates a new job at the backend (the only way a ticket prints again) and queues it here. */
  async reprint({ jobId }: KitchenApiParsedInput<'reprint'>): Promise<PrintLogEntry> {
    // A forwarded POS ticket is this agent's own job: reprinted here, no backend to ask.
    if (jobId.startsWith(INGEST_ID_PREFIX) && this.deps.ingest) {
      const local = this.deps.ingest.reprint(jobId);
      return toPrintLogEntry(this.deps.cache.getJob(local.id) ?? { job: local });
    }
    // A TableTrack job prints again only as a new job at TableTrack: the journal never sends one twice
    // (docs/connectors.md), and TicketRail's backend has no such job to ask about.
    if (jobId.startsWith(TABLETRACK_ID_PREFIX)) {
      throw new CodedError(ERROR_CODES.PRINT_JOB_TRANSITION_INVALID, 'a TableTrack ticket prints again from TableTrack (a new print job there); this agent never prints one job twice', 409, { jobId });
    }
    const job = await this.deps.backend().reprintJob(jobId);
    this.deps.cache.putJob(job);
    this.deps.pipeline.consider(job);
    this.deps.board.jobChanged(job.id);
    return toPrintLogEntry(this.deps.cache.getJob(job.id) ?? { job });
  }

  async previewJob({ jobId }: KitchenApiParsedInput<'previewJob'>): Promise<TicketPreview> {
    const cached = this.deps.cache.getJob(jobId);
    if (!cached) throw new CodedError(ERROR_CODES.PRINT_JOB_NOT_FOUND, `print job ${jobId} is not known here`, 404);
    const { job } = cached;
    const printer =
      this.deps.pipeline.printerFor(job) ??
      ({ id: 'preview', name: 'preview', type: 'EPSON', interface: 'tcp://127.0.0.1:9100', width: 80, characterSet: 'PC858_EURO', stations: [job.station], copies: 1, buzzer: false, cut: true } as const);
    const order = job.orderId ? this.deps.cache.getOrder(job.orderId)?.order : undefined;
    const bytes = await this.deps.driver.render(job, order, { ...printer, stations: [...printer.stations] }, { reprint: false, language: this.deps.settings.get().display.language });
    // A large raw job (a POS's, TableTrack's) decodes in the worker: the board waits, the kitchen does not.
    return { jobId, lines: toPreviewLines(await this.deps.decoder.previewLines(bytes)) };
  }

  async viewReceipt({ paymentId }: KitchenApiParsedInput<'viewReceipt'>): Promise<ReceiptView> {
    return this.payments.viewReceipt(paymentId);
  }

  async verifyPayment({ paymentId }: KitchenApiParsedInput<'verifyPayment'>): Promise<RailOrder> {
    return this.payments.verify(paymentId);
  }

  async rejectPayment({ paymentId, reason }: KitchenApiParsedInput<'rejectPayment'>): Promise<RailOrder> {
    return this.payments.reject(paymentId, reason);
  }

  subscribe(listener: (update: BoardUpdate) => void): () => void {
    this.deps.board.on('update', listener);
    return () => this.deps.board.off('update', listener);
  }

  private printer(printerId: string) {
    const printer = this.deps.settings.get().printers.find((candidate) => candidate.id === printerId);
    if (!printer) throw new CodedError(ERROR_CODES.PRINTER_NOT_FOUND, `no printer with id ${printerId}`, 404);
    return printer;
  }
}
