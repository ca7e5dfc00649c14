import { EVENT_TYPES } from '../../common/events.js';
import type { Queryable } from '../db/query.js';
import type { NewEvent } from '../repositories/events.js';
import type { OrderDetails, ServiceRollupRepository } from '../repositories/service-rollup.js';
import {
  addGiftCardSale,
  addLoyalty,
  afterStatusChange,
  applyContribution,
  contributionOf,
  emptySlot,
  type OrderFacts,
  type SlotAggregate,
  type StationFacts,
} from '../reports/service-rollup.js';
import { slotOf } from '../reports/local-time.js';

/*
 * The service rollup follows the event log: every batch of events a change records is applied here
 * in the same transaction, before the events take their seqs (services/change-recorder.ts), so the
 * rollup commits with the log or not at all. Nothing else writes it, and `rebuildServiceRollup`
 * makes it again from the log alone — it is a view of the log, never a second source of truth.
 *
 * Events it reads: `order.submitted` (the order's number, items and total from its row),
 * `order.status.changed` (readiness, completion, cancellation), and gift card sales and loyalty
 * changes for the day's summary. Until stations bump on their own (issue 19's
 * `order.station.ready` / `order.station.recalled`), a station's part is ready when its order is;
 * those events slot in as two more cases here, through afterStationChange.
 */

/** Where the projection reads and writes facts and slots: the database, or memory for a rebuild. */
export interface RollupStore {
  order(orderId: string): Promise<OrderFacts | undefined>;
  /** `isNew`: the order was first seen in this batch. */
  putOrder(orderId: string, facts: OrderFacts, isNew: boolean): void;
  slot(slot: number): Promise<SlotAggregate>;
  details(orderId: string): Promise<OrderDetails | undefined>;
}

/** The event types the rollup reads; a batch with none of them costs nothing. */
const READ_TYPES: ReadonlySet<string> = new Set([
  EVENT_TYPES.orderSubmitted,
  EVENT_TYPES.orderStatusChanged,
  EVENT_TYPES.giftCardPurchased,
  EVENT_TYPES.loyaltyUpdated,
]);

export function concernsRollup(events: readonly NewEvent[]): boolean {
  return events.some((event) => READ_TYPES.has(event.type));
}

function stationsOf(details: OrderDetails): Record<string, StationFacts> {
  const stations: Record<string, StationFacts> = {};
  for (const item of details.items) {
    const station = stations[item.station] ?? { items: 0, readyMs: null };
    station.items += item.qty;
    stations[item.station] = station;
  }
  return stations;
}

/** Moves the order's slot from its old contribution to its new one. */
async function replaceFacts(store: RollupStore, orderId: string, before: OrderFacts | undefined, after: OrderFacts): Promise<void> {
  const slot = await store.slot(slotOf(after.submittedMs));
  if (before) applyContribution(slot, contributionOf(before), -1);
  applyContribution(slot, contributionOf(after), 1);
  store.putOrder(orderId, after, before === undefined);
}

/**
 * Applies one event. An event of an order the rollup has never seen (its submission is not in the
 * log), or without a readable time, is skipped.
 */
export async function applyToRollup(store: RollupStore, event: NewEvent): Promise<void> {
  const atMs = Date.parse(event.at);
  // Every event this backend writes has an ISO time; a row of a hand-made or damaged older log may not.
  if (Number.isNaN(atMs)) return;
  switch (event.type) {
    case EVENT_TYPES.orderSubmitted: {
      const details = await store.details(event.orderId);
      if (!details || (await store.order(event.orderId))) return;
      const facts: OrderFacts = { number: details.number, submittedMs: atMs, status: 'submitted', readyMs: null, total: details.total, stations: stationsOf(details) };
      await replaceFacts(store, event.orderId, undefined, facts);
      return;
    }
    case EVENT_TYPES.orderStatusChanged: {
      const before = await store.order(event.orderId);
      if (!before) return;
      const move = event as { from: OrderFacts['status']; to: OrderFacts['status']; station?: string };
      await replaceFacts(store, event.orderId, before, afterStatusChange(before, move, atMs));
      return;
    }
    case EVENT_TYPES.giftCardPurchased:
      addGiftCardSale(await store.slot(slotOf(atMs)), event.currency, event.amount);
      return;
    case EVENT_TYPES.loyaltyUpdated:
      addLoyalty(await store.slot(slotOf(atMs)), event.pointsChange);
      return;
    default:
      return;
  }
}

/**
 * The rollup of one transaction: facts and slots are read once (slots locked), changed in memory
 * by the batch's events, and written back once at its end.
 */
export class TransactionRollup implements RollupStore {
  private readonly orders = new Map<string, { facts: OrderFacts | undefined; isNew: boolean; dirty: boolean }>();
  private readonly slots = new Map<number, { aggregate: SlotAggregate; isNew: boolean }>();

  constructor(
    private readonly tx: Queryable,
    private readonly repository: ServiceRollupRepository,
    private readonly location: string,
  ) {}

  async order(orderId: string): Promise<OrderFacts | undefined> {
    let entry = this.orders.get(orderId);
    if (!entry) {
      entry = { facts: await this.repository.order(this.tx, this.location, orderId), isNew: false, dirty: false };
      this.orders.set(orderId, entry);
    }
    return entry.facts;
  }

  putOrder(orderId: string, facts: OrderFacts, isNew: boolean): void {
    const entry = this.orders.get(orderId);
    this.orders.set(orderId, { facts, isNew: isNew || (entry?.isNew ?? false), dirty: true });
  }

  async slot(slot: number): Promise<SlotAggregate> {
    let entry = this.slots.get(slot);
    if (!entry) {
      const stored = await this.repository.slotForChange(this.tx, this.location, slot);
      entry = { aggregate: stored ?? emptySlot(), isNew: stored === undefined };
      this.slots.set(slot, entry);
    }
    return entry.aggregate;
  }

  details(orderId: string): Promise<OrderDetails | undefined> {
    return this.repository.orderDetails(this.tx, this.location, orderId);
  }

  async apply(events: readonly NewEvent[]): Promise<void> {
    for (const event of events) await applyToRollup(this, event);
  }

  async flush(): Promise<void> {
    for (const [orderId, entry] of this.orders) {
      if (!entry.dirty || !entry.facts) continue;
      if (entry.isNew) await this.repository.insertOrder(this.tx, this.location, orderId, entry.facts);
      else await this.repository.updateOrder(this.tx, this.location, orderId, entry.facts);
    }
    for (const [slot, entry] of this.slots) {
      if (entry.isNew) await this.repository.insertSlot(this.tx, this.location, slot, entry.aggregate);
      else await this.repository.updateSlot(this.tx, this.location, slot, entry.aggregate);
    }
  }
}

/** The ChangeRecorder's hook: applies a change's events to the rollup inside its transaction. */
export class ServiceRollupProjection {
  constructor(private readonly repository: ServiceRollupRepository) {}

  async apply(tx: Queryable, location: string, events: readonly NewEvent[]): Promise<void> {
    if (!concernsRollup(events)) return;
    const rollup = new TransactionRollup(tx, this.repository, location);
    await rollup.apply(events);
    await rollup.flush();
  }
}
