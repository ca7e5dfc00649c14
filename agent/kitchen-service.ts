import { CodedError, ERRORS } from '../common/errors.js';
import type { BoardSnapshot, BoardUpdate, OrderActionInput, PrintLogEntry, PrinterStatus, RailOrder, TestConnectionResult, TestPrintResult, TicketPreview } from '../common/kitchen-api.js';
import type { CORE_OPERATIONS, KitchenApiParsedInput, SliceHandlers } from '../common/kitchen-contract.js';
import { allowedOrderTransitions, canTransitionOrder, isActiveOrderStatus, type Order, type OrderStatus } from '../common/order.js';
import { stationStep } from '../common/order-step.js';
import { RECENTLY_COMPLETED_LIMIT, findStation, stationsOfOrder, type StationAction } from '../common/order-stations.js';
import type { CachedOrder } from './cache/cache-db.js';
import { cardLineCount, isStrikeableLine } from '../common/struck-lines.js';
import type { PrintJob } from '../common/print-job.js';
import type { ParsedSettingsPatch, RedactedSettings } from '../common/settings.js';
import type { Board } from './board/board.js';
import { toRailOrder } from './board/board.js';
import type { CacheDb } from './cache/cache-db.js';
import type { PrintPipeline } from './pipeline/print-pipeline.js';
import type { PrinterDriver } from './pipeline/printer-driver.js';
import type { SettingsService } from './settings/settings-service.js';
import { isoNow, type Clock } from '../common/clock.js';
import type { TicketDecoder } from './decode/ticket-decoder.js';
import { toPreviewLines } from './printing/decoded-job.js';

/** A source card after a kitchen action: the next version, as the backend would make it for an order. */
function movedLocally(order: Order, to: OrderStatus, reason: string | undefined, at: string): Order {
  return { ...order, status: to, updatedAt: at, version: order.version + 1, ...(to === 'cancelled' && reason ? { cancelReason: reason } : {}) };
}

/** What the sources of work do for the board's core operations (the registry's modules, by id). */
export interface KitchenSources {
  /** The source a card or job belongs to: a kitchen action on its card, a reprint of its job. */
  ownerOf(id: string): {
    moveCard?(order: Order, to: OrderStatus, reason: string | undefined): Order;
    moveStation?(order: Order, station: string, action: StationAction): Order;
    reprint?(jobId: string): Promise<PrintJob>;
  };
  /** Test connection for the connector the settings name now (which may start only at the next start). */
  testConnection(): Promise<TestConnectionResult>;
  /** Refuses a settings patch a source could not run with (ingest's ports), before it is saved. */
  checkPatch(patch: ParsedSettingsPatch): Promise<void>;
}

export interface KitchenServiceDeps {
  cache: CacheDb;
  board: Board;
  settings: SettingsService;
  pipeline: PrintPipeline;
  driver: PrinterDriver;
  /** Decodes previews: a large job off the main thread. */
  decoder: Pick<TicketDecoder, 'previewLines'>;
  clock: Clock;
  sources: KitchenSources;
}

/** The board's core operations, as the handlers of KITCHEN_API's core slice take them. */
export type CoreKitchenHandlers = SliceHandlers<typeof CORE_OPERATIONS> & { subscribe(listener: (update: BoardUpdate) => void): () => void };

/**
 * The board's core operations as the agent carries them out (CORE_OPERATIONS in
 * common/kitchen-contract.ts); a source's own operations are its registry module's. Input arrives
 * parsed by the transport edge that received it (IPC handler, local HTTP route), so nothing here
 * validates shapes again; only the kitchen's own rules (is the order on this board, may it make
 * that move) are checked. Whatever differs between sources is asked of the card's or job's owner.
 */
export class KitchenService implements CoreKitchenHandlers {
  constructor(private readonly deps: KitchenServiceDeps) {}

  async getSnapshot(): Promise<BoardSnapshot> {
    return this.deps.board.snapshot();
  }

  async orderAction({ orderId, to, reason }: OrderActionInput): Promise<RailOrder> {
    const cached = this.cardOf(orderId);
    const from = cached.order.status;
    if (!canTransitionOrder(from, to)) {
      throw new CodedError(ERRORS.ORDER_TRANSITION_INVALID, `an order that is ${from} cannot become ${to}`, {
        from,
        to,
        allowed: allowedOrderTransitions(from),
      });
    }
    if (to === 'cancelled' && !reason) {
      throw new CodedError(ERRORS.ORDER_CANCEL_REASON_REQUIRED, 'cancelling an order needs a reason');
    }
    const owner = this.deps.sources.ownerOf(orderId);
    if (owner.moveCard) {
      owner.moveCard(cached.order, to, reason);
    } else {
      // A card of a source without orders (TableTrack job, ingest ticket): nobody to tell, so the
      // move is final here and now.
      this.deps.cache.putOrder(movedLocally(cached.order, to, reason, isoNow(this.deps.clock)));
    }
    this.deps.board.orderChanged(orderId);
    return this.deps.board.railOrder(orderId) as RailOrder;
  }

  async bumpStation({ orderId, station }: KitchenApiParsedInput<'bumpStation'>): Promise<RailOrder> {
    return this.stationAction(orderId, station, 'ready');
  }

  async recallStation({ orderId, station }: KitchenApiParsedInput<'recallStation'>): Promise<RailOrder> {
    return this.stationAction(orderId, station, 'recall');
  }

  /** A completed order back on the rail as ready: the whole-order move `completed → ready`. */
  async recallOrder({ orderId }: KitchenApiParsedInput<'recallOrder'>): Promise<RailOrder> {
    const cached = this.cardOf(orderId);
    if (cached.order.status !== 'completed') {
      throw new CodedError(ERRORS.ORDER_TRANSITION_INVALID, `order ${orderId} is ${cached.order.status}, not completed: only a served order is recalled`, {
        from: cached.order.status,
        to: 'ready',
        allowed: allowedOrderTransitions(cached.order.status),
      });
    }
    return this.orderAction({ orderId, to: 'ready' });
  }

  /**
   * The last RECENTLY_COMPLETED_LIMIT orders served, as this agent's cache holds them (it applies
   * every completion it hears of, and keeps them): offline too, and for cards of every source.
   */
  async recentlyCompleted(): Promise<RailOrder[]> {
    return this.deps.cache.recentlyCompleted(RECENTLY_COMPLETED_LIMIT).map((cached) => toRailOrder(cached, this.deps.cache.pendingCount(cached.order.id)));
  }

  /**
   * A line of a card struck through by a cook, or back: this screen's own tick, kept in the cache
   * (a restart keeps it) and pushed to every board, never sent to the card's source. Only a card on
   * the rail has lines to strike; its lines are pruned when it leaves.
   */
  async toggleItemDone({ orderId, itemIndex }: KitchenApiParsedInput<'toggleItemDone'>): Promise<RailOrder> {
    const { order } = this.cardOf(orderId);
    if (!isActiveOrderStatus(order.status)) {
      throw new CodedError(ERRORS.ORDER_CLOSED, `order ${orderId} is ${order.status}: it is no longer on the rail`, { orderId, status: order.status });
    }
    if (!isStrikeableLine(order, itemIndex)) {
      throw new CodedError(ERRORS.ORDER_ITEM_NOT_FOUND, `order ${orderId} has no line ${itemIndex} to strike`, { orderId, itemIndex, lines: cardLineCount(order) });
    }
    this.deps.cache.toggleStruckLine(orderId, itemIndex, isoNow(this.deps.clock));
    this.deps.board.orderChanged(orderId);
    return this.deps.board.railOrder(orderId) as RailOrder;
  }

  async dismissConflict({ orderId }: KitchenApiParsedInput<'dismissConflict'>): Promise<void> {
    const cached = this.cardOf(orderId);
    this.deps.cache.setOrderFlags(orderId, { unconfirmed: cached.unconfirmed });
    this.deps.board.orderChanged(orderId);
  }

  /**
   * A station's bump or recall: the same checks as the backend's (the station is the order's, the
   * order is open), then its owner delivers it (TicketRail: through the outbox), or — for a card
   * of a source without orders (one station: its bump is the card's bump) — it is made here.
   */
  private stationAction(orderId: string, station: string, action: StationAction): RailOrder {
    const { order } = this.cardOf(orderId);
    const stations = stationsOfOrder(order);
    if (!findStation(stations, station)) {
      throw new CodedError(ERRORS.ORDER_STATION_NOT_FOUND, `order ${orderId} has no items for station ${station}`, {
        orderId,
        station,
        stations: stations.map((entry) => entry.station),
      });
    }
    if (!isActiveOrderStatus(order.status)) {
      throw new CodedError(ERRORS.ORDER_TRANSITION_INVALID, `order ${orderId} is ${order.status}: its stations cannot change`, {
        from: order.status,
        station,
        action,
        allowed: allowedOrderTransitions(order.status),
      });
    }
    const owner = this.deps.sources.ownerOf(orderId);
    if (owner.moveStation) {
      owner.moveStation(order, station, action);
    } else {
      const step = stationStep(order, station, action, isoNow(this.deps.clock));
      if (step.events.length > 0) this.deps.cache.putOrder(step.order);
    }
    this.deps.board.orderChanged(orderId);
    return this.deps.board.railOrder(orderId) as RailOrder;
  }

  private cardOf(orderId: string): CachedOrder {
    const cached = this.deps.cache.getOrder(orderId);
    if (!cached) throw new CodedError(ERRORS.ORDER_NOT_FOUND, `order ${orderId} is not on this board`);
    return cached;
  }

  async getSettings(): Promise<RedactedSettings> {
    return this.deps.settings.redacted();
  }

  async saveSettings(patch: KitchenApiParsedInput<'saveSettings'>): Promise<RedactedSettings> {
    await this.deps.sources.checkPatch(patch);
    this.deps.settings.save(patch);
    return this.deps.settings.redacted();
  }

  /** Tests the saved settings against the connector they name. */
  async testConnection(): Promise<TestConnectionResult> {
    return this.deps.sources.testConnection();
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
    return this.deps.cache.recentJobs(limit).map((cached) => this.deps.board.printLogEntry(cached));
  }

  /**
   * A person's reprint: the job's source makes the new job (TicketRail's backend, ingest's journal)
   * or says why it cannot (a printed TableTrack job prints again from TableTrack); it is queued here.
   */
  async reprint({ jobId }: KitchenApiParsedInput<'reprint'>): Promise<PrintLogEntry> {
    const owner = this.deps.sources.ownerOf(jobId);
    if (!owner.reprint) throw new CodedError(ERRORS.PRINT_JOB_TRANSITION_INVALID, `print job ${jobId} cannot be printed again from this agent`, { jobId });
    const job = await owner.reprint(jobId);
    this.deps.pipeline.consider(job);
    this.deps.board.jobChanged(job.id);
    return this.deps.board.printLogEntry(this.deps.cache.getJob(job.id) ?? { job });
  }

  /** Retry from a card's strip: a ticket waiting for its printer tries again now; a failed one prints again (a reprint). */
  async retryPrint({ jobId }: KitchenApiParsedInput<'retryPrint'>): Promise<PrintLogEntry> {
    if (this.deps.pipeline.isWaiting(jobId)) {
      this.deps.pipeline.retryNow(jobId);
      return this.entryOf(jobId);
    }
    // Held here and on its way already (its printer came back meanwhile): it prints once, as it is.
    if (this.deps.pipeline.watch.isHeld(jobId)) return this.entryOf(jobId);
    if (this.isFailed(jobId)) return this.reprint({ jobId });
    throw new CodedError(ERRORS.PRINT_JOB_NOT_WAITING, `print job ${jobId} is neither waiting for a printer nor failed`, { jobId });
  }

  /**
   * Print elsewhere: a waiting ticket moves to the printer named (the one run that holds it sends it
   * there); a failed one prints again there as a reprint. Either way one ticket comes out.
   */
  async printElsewhere({ jobId, printerId }: KitchenApiParsedInput<'printElsewhere'>): Promise<PrintLogEntry> {
    this.printer(printerId);
    if (this.deps.pipeline.watch.isHeld(jobId)) {
      // Waiting, or not yet sent: it goes there instead (moveJob refuses once its bytes are on their way).
      this.deps.pipeline.moveJob(jobId, printerId);
      return this.entryOf(jobId);
    }
    if (!this.isFailed(jobId)) throw new CodedError(ERRORS.PRINT_JOB_NOT_WAITING, `print job ${jobId} is neither waiting for a printer nor failed`, { jobId });
    const again = await this.reprint({ jobId });
    this.deps.pipeline.moveJob(again.id, printerId);
    return this.entryOf(again.id);
  }

  /** The unreachable printer's offer: every ticket waiting for it goes to the printer named. */
  async moveWaitingJobs({ fromPrinterId, toPrinterId }: KitchenApiParsedInput<'moveWaitingJobs'>): Promise<{ moved: string[] }> {
    this.printer(fromPrinterId);
    this.printer(toPrinterId);
    return { moved: this.deps.pipeline.moveWaiting(fromPrinterId, toPrinterId) };
  }

  private isFailed(jobId: string): boolean {
    const cached = this.deps.cache.getJob(jobId);
    return cached !== undefined && (cached.localState === 'failed' || cached.job.status === 'failed');
  }

  private entryOf(jobId: string): PrintLogEntry {
    const cached = this.deps.cache.getJob(jobId);
    if (!cached) throw new CodedError(ERRORS.PRINT_JOB_NOT_FOUND, `print job ${jobId} is not known here`);
    return this.deps.board.printLogEntry(cached);
  }

  async previewJob({ jobId }: KitchenApiParsedInput<'previewJob'>): Promise<TicketPreview> {
    const cached = this.deps.cache.getJob(jobId);
    if (!cached) throw new CodedError(ERRORS.PRINT_JOB_NOT_FOUND, `print job ${jobId} is not known here`);
    const { job } = cached;
    const printer =
      this.deps.pipeline.printerFor(job) ??
      ({ id: 'preview', name: 'preview', type: 'EPSON', interface: 'tcp://127.0.0.1:9100', width: 80, characterSet: 'PC858_EURO', stations: [job.station], copies: 1, buzzer: false, cut: true, textMode: 'auto', drawer: 'never' } as const);
    const order = job.orderId ? this.deps.cache.getOrder(job.orderId)?.order : undefined;
    const bytes = await this.deps.driver.render(job, order, { ...printer, stations: [...printer.stations] }, { reprint: false, language: this.deps.settings.get().display.language });
    // A large raw job (a POS's, TableTrack's) decodes in the worker: the board waits, the kitchen does not.
    return { jobId, lines: toPreviewLines(await this.deps.decoder.previewLines(bytes)) };
  }

  subscribe(listener: (update: BoardUpdate) => void): () => void {
    this.deps.board.on('update', listener);
    return () => this.deps.board.off('update', listener);
  }

  private printer(printerId: string) {
    const printer = this.deps.settings.get().printers.find((candidate) => candidate.id === printerId);
    if (!printer) throw new CodedError(ERRORS.PRINTER_NOT_FOUND, `no printer with id ${printerId}`);
    return printer;
  }
}
