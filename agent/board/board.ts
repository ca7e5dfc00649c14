import type { DayNotices } from './day-notices.js';
import { UNCONFIRMED_NOTES } from '../pipeline/print-pipeline.js';
import { EventEmitter } from 'node:events';
import { isActiveOrderStatus } from '../../common/order.js';
import type { BoardSnapshot, BoardUpdate, ConnectionState, PrintLogEntry, RailOrder } from '../../common/kitchen-api.js';
import type { CacheDb, CachedJob, CachedOrder } from '../cache/cache-db.js';
import type { CardExtra, CardExtras } from './card-extras.js';
import { EMPTY_PRINTING_STATE, type LocalJobStage, type PrintingState } from '../../common/printer-trouble.js';
import { printingState, type PrintingSource } from './printing-state.js';

export interface BoardEvents {
  update: [BoardUpdate];
}

/**
 * Builds what the rail shows from the cache alone — so the board is back at start before any
 * network call — and fans updates out to every subscriber (local API sockets, Electron IPC).
 */
export class Board extends EventEmitter<BoardEvents> {
  /** The print pipeline's view of printers and waiting jobs; attached once the pipeline exists. */
  private printingSource: PrintingSource | undefined;

  constructor(
    private readonly cache: CacheDb,
    private readonly getConnection: () => ConnectionState,
    private readonly getPrinterStations: () => string[],
    /** What sources add to their cards (payments, couriers): asked per snapshot and per card. */
    private readonly extras: readonly CardExtras[] = [],
    /** Today's counter notices, which every snapshot carries (agent/board/day-notices.ts). */
    private readonly notices?: Pick<DayNotices, 'today'>,
  ) {
    super();
    // Every open board is a listener; a kitchen may have a few screens plus the tray.
    this.setMaxListeners(100);
  }

  snapshot(): BoardSnapshot {
    const pending = this.cache.pendingCounts();
    const extras = this.extras.map((source) => source.active());
    const struck = this.cache.allStruckLines();
    const orders = this.cache.activeOrders().map((cached) => {
      const id = cached.order.id;
      return toRailOrder(cached, pending.get(id) ?? 0, extras.map((byOrder) => byOrder.get(id)), struck.get(id));
    });
    const stations = new Set(this.getPrinterStations());
    for (const order of orders) for (const item of order.items) stations.add(item.station);
    const notices = this.notices?.today() ?? [];
    return { orders, connection: this.getConnection(), stations: [...stations].sort(), printing: this.printing(), ...(notices.length > 0 ? { notices } : {}) };
  }

  attachPrinting(source: PrintingSource): void {
    this.printingSource = source;
  }

  /** Printers in trouble and tickets not printed (issue 20). */
  printing(): PrintingState {
    return this.printingSource ? printingState(this.cache, this.printingSource) : EMPTY_PRINTING_STATE;
  }

  /** Tells subscribers the print side changed (a printer's trouble, a ticket waiting or failed). */
  printingChanged(): void {
    this.push({ type: 'printing', printing: this.printing() });
  }

  /** A print log entry with where the pipeline holds it now. */
  printLogEntry(cached: CachedJob): PrintLogEntry {
    const watch = this.printingSource?.watch;
    const stage = watch?.stageOf(cached.job.id);
    const attention = stage === 'needsAttention' ? watch?.attentionOf(cached.job.id) : undefined;
    const printerName = attention ? (this.printingSource?.printers().find((printer) => printer.id === attention.printerId)?.name ?? attention.printerId) : undefined;
    return toPrintLogEntry(cached, stage, attention && printerName ? { printerId: attention.printerId, printerName, problem: attention.problem } : undefined);
  }

  railOrder(orderId: string): RailOrder | undefined {
    const cached = this.cache.getOrder(orderId);
    return cached ? toRailOrder(cached, this.cache.pendingCount(orderId), this.extras.map((source) => source.of(orderId)), this.cache.struckLines(orderId)) : undefined;
  }

  /** Tells subscribers an order changed: shown again, or removed when no longer active. */
  orderChanged(orderId: string): void {
    const order = this.railOrder(orderId);
    if (order && isActiveOrderStatus(order.status)) this.push({ type: 'order', order });
    else this.push({ type: 'order.removed', orderId });
  }

  jobChanged(jobId: string): void {
    const cached = this.cache.getJob(jobId);
    if (cached) this.push({ type: 'print-job', job: this.printLogEntry(cached) });
  }

  push(update: BoardUpdate): void {
    this.emit('update', update);
  }
}

export function toRailOrder(cached: CachedOrder, pendingActions: number, extras: readonly (CardExtra | undefined)[] = [], struckItems: readonly number[] = []): RailOrder {
  const rail: RailOrder = {
    ...cached.order,
    pendingActions,
    unconfirmed: cached.unconfirmed,
    ...(cached.conflict ? { conflict: cached.conflict } : {}),
    ...(struckItems.length > 0 ? { struckItems: [...struckItems] } : {}),
  };
  for (const extra of extras) {
    if (extra?.payments && extra.payments.length > 0) rail.payments = extra.payments;
    if (extra?.courier) rail.courier = extra.courier;
  }
  return rail;
}

/** Which unconfirmed way a printed job's local note records, if it is one. */
function unconfirmedBy(note: string | undefined): 'spooler' | 'device' | undefined {
  return (Object.keys(UNCONFIRMED_NOTES) as ('spooler' | 'device')[]).find((key) => UNCONFIRMED_NOTES[key] === note);
}

export function toPrintLogEntry(cached: CachedJob, stage?: LocalJobStage, attention?: PrintLogEntry['attention']): PrintLogEntry {
  const { payload: _payload, ...job } = cached.job;
  return {
    ...job,
    ...(stage ? { stage } : {}),
    ...(attention ? { attention } : {}),
    ...(cached.printerId ? { printerId: cached.printerId } : {}),
    // A printed job's local note says how it was confirmed when the printer could not answer.
    ...(unconfirmedBy(cached.localError) ? { confirmedBy: unconfirmedBy(cached.localError) } : cached.localError && !job.error ? { error: cached.localError } : {}),
    local: cached.localState !== undefined,
  };
}
