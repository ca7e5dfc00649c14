import { EVENT_TYPES, isOrderEvent, isOrderStationEvent, isPosOnlyEvent, isPrintJobEvent, type PrintJobEvent, type TicketEvent } from '../../../../common/events.js';
import { orderAfterEvent, type OrderChangeEvent } from '../../../../common/order-after-event.js';
import { exhaustive } from '../../../../common/exhaustive.js';
import { ORDER_LIST_LIMITS, type Order } from '../../../../common/order.js';
import { PRINT_JOB_LIST_LIMITS, type PrintJob } from '../../../../common/print-job.js';
import type { BackendClient } from '../backend-client.js';
import type { CacheDb } from '../../../cache/cache-db.js';
import { mapLimit } from '../../../util/serial-queue.js';
import type { FrontOfHouseCache } from '../front-of-house/front-of-house-cache.js';
import { applyFrontOfHouseEvent } from '../front-of-house/front-of-house-events.js';

/** Lookups in flight while catching up: enough to hide latency, few enough for a small backend. */
export const PREFETCH_CONCURRENCY = 4;

/** Fetches records by id, `chunk` ids per request (the backend's `?ids=` limit). */
async function fetchInChunks<T>(ids: readonly string[], chunk: number, fetchMany: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += chunk) chunks.push(ids.slice(i, i + chunk));
  return (await mapLimit(chunks, PREFETCH_CONCURRENCY, fetchMany)).flat();
}

export interface AppliedChanges {
  orders: Order[];
  jobs: PrintJob[];
  events: TicketEvent[];
}

/**
 * Applies a run of consecutive events to the cache. Events are small (ids, statuses, seq), so the
 * full order or job is fetched first — all fetches of a run in parallel — and then the whole run is
 * written in one transaction together with the new cursor: a crash leaves the cache at a clean seq.
 */
export class EventApplier {
  constructor(
    private readonly cache: CacheDb,
    private readonly backend: BackendClient,
    /** Payments and couriers (TicketRail's own tables of the cache). */
    private readonly frontOfHouse: FrontOfHouseCache,
  ) {}

  /** `skippedSeqs`: events of types this build does not know; they change nothing but the cursor. */
  async apply(events: readonly TicketEvent[], skippedSeqs: readonly number[] = []): Promise<AppliedChanges> {
    const lastSeq = this.cache.getLastSeq();
    const fresh = events.filter((event) => event.seq > lastSeq);
    const newestSkipped = Math.max(lastSeq, ...skippedSeqs);
    if (fresh.length === 0) {
      if (newestSkipped > lastSeq) this.cache.setLastSeq(newestSkipped);
      return { orders: [], jobs: [], events: [] };
    }

    // Only what the cache has never seen is fetched; status changes of known orders and jobs are
    // applied from the event itself, which carries the new status and version.
    const orderIds = new Set<string>();
    const jobIds = new Set<string>();
    for (const event of fresh) {
      if (isOrderEvent(event) || isOrderStationEvent(event)) {
        if (!this.cache.getOrder(event.orderId)) orderIds.add(event.orderId);
      } else if (isPrintJobEvent(event) && !this.cache.getJob(event.jobId)) {
        jobIds.add(event.jobId);
      }
    }
    const [orders, jobs] = await Promise.all([
      fetchInChunks([...orderIds], ORDER_LIST_LIMITS.maxIds, (ids) => this.backend.ordersByIds(ids)),
      fetchInChunks([...jobIds], PRINT_JOB_LIST_LIMITS.maxIds, (ids) => this.backend.printJobsByIds(ids)),
    ]);

    const changedOrders = new Map<string, Order>();
    const changedJobs = new Map<string, PrintJob>();
    this.cache.transaction(() => {
      for (const order of orders) this.putOrderIfNewer(order, changedOrders);
      for (const job of jobs) this.putJobIfNewer(job, changedJobs);
      for (const event of fresh) {
        this.applyOne(event, changedOrders, changedJobs);
        // Gift card and loyalty events are news for the counter (ticketrail-connector.ts), not
        // order history: a card number is as good as money, so it is not kept here.
        if (!isPosOnlyEvent(event)) this.cache.recordEvent(event);
      }
      this.cache.setLastSeq(fresh.reduce((newest, event) => Math.max(newest, event.seq), newestSkipped));
    });
    return { orders: [...changedOrders.values()], jobs: [...changedJobs.values()], events: fresh };
  }

  /** One event onto the cache. Every type says what it changes: a new type a consumer forgets does not compile. */
  private applyOne(event: TicketEvent, orders: Map<string, Order>, jobs: Map<string, PrintJob>): void {
    switch (event.type) {
      case EVENT_TYPES.orderSubmitted:
      case EVENT_TYPES.orderStatusChanged:
      case EVENT_TYPES.orderStationReady:
      case EVENT_TYPES.orderStationRecalled:
        return this.applyOrderChange(event, orders);
      case EVENT_TYPES.printJobCreated:
      case EVENT_TYPES.printJobUpdated:
        return this.applyJobStatus(event, jobs);
      case EVENT_TYPES.paymentRequested:
      case EVENT_TYPES.paymentReceiptUploaded:
      case EVENT_TYPES.paymentVerified:
      case EVENT_TYPES.paymentRejected:
      case EVENT_TYPES.courierTrackingUpdated:
        return this.touchOrder(applyFrontOfHouseEvent(this.frontOfHouse, event), orders);
      // The order's own status event says it ended; counter news changes no card.
      case EVENT_TYPES.orderClosed:
      case EVENT_TYPES.giftCardPurchased:
      case EVENT_TYPES.giftCardRedeemed:
      case EVENT_TYPES.giftCardVoided:
      case EVENT_TYPES.loyaltyUpdated:
        return;
      default:
        return exhaustive(event, 'event type');
    }
  }

  /** A payment or courier changed: the order's card is shown again (it reads them from the cache). */
  private touchOrder(orderId: string | undefined, orders: Map<string, Order>): void {
    const cached = orderId ? this.cache.getOrder(orderId) : undefined;
    if (cached) orders.set(cached.order.id, cached.order);
  }

  private putOrderIfNewer(order: Order, changed: Map<string, Order>): void {
    if (this.cache.putOrderIfNewer(order)) changed.set(order.id, order);
  }

  private putJobIfNewer(job: PrintJob, changed: Map<string, PrintJob>): void {
    if (this.cache.putJobIfNewer(job)) changed.set(job.id, job);
  }

  /**
   * A status change or a station bump of a known order, from the event alone, exactly as the backend
   * made it (common/order-after-event.ts): stations, completedAt and cancelReason come with it.
   */
  private applyOrderChange(event: OrderChangeEvent, orders: Map<string, Order>): void {
    const cached = this.cache.getOrder(event.orderId);
    if (!cached) return;
    const order = orderAfterEvent(cached.order, event);
    if (!order) return;
    this.cache.putOrder(order);
    orders.set(order.id, order);
  }

  private applyJobStatus(event: PrintJobEvent, jobs: Map<string, PrintJob>): void {
    const cached = this.cache.getJob(event.jobId);
    if (!cached || cached.job.version >= event.version) return;
    const job: PrintJob = {
      ...cached.job,
      status: event.to,
      version: event.version,
      updatedAt: event.at,
      ...(event.to === 'failed' && event.reason ? { error: event.reason } : {}),
      ...(event.to === 'done' ? { printedAt: event.at } : {}),
    };
    this.cache.putJob(job);
    jobs.set(job.id, job);
  }
}
