import { EVENT_TYPES } from '../../common/events.js';
import type { Queryable } from '../db/query.js';
import { EventRepository } from '../repositories/events.js';
import type { OrderDetails, ServiceRollupRepository } from '../repositories/service-rollup.js';
import { emptySlot, type OrderFacts, type SlotAggregate } from '../reports/service-rollup.js';
import { applyToRollup, type RollupStore } from './service-rollup-projection.js';

/** Events read per page while replaying a log. */
const PAGE = 2_000;

/** The event types the rollup follows (service-rollup-projection.ts). */
const ROLLUP_EVENT_TYPES: readonly string[] = [EVENT_TYPES.orderSubmitted, EVENT_TYPES.orderStatusChanged, EVENT_TYPES.giftCardPurchased, EVENT_TYPES.loyaltyUpdated];

/** A rollup held in memory while a log is replayed. */
class MemoryRollup implements RollupStore {
  readonly orders = new Map<string, OrderFacts>();
  readonly slots = new Map<number, SlotAggregate>();
  /** Details of the orders submitted in the page being replayed. */
  pageDetails = new Map<string, OrderDetails>();

  order(orderId: string): Promise<OrderFacts | undefined> {
    return Promise.resolve(this.orders.get(orderId));
  }

  putOrder(orderId: string, facts: OrderFacts): void {
    this.orders.set(orderId, facts);
  }

  slot(slot: number): Promise<SlotAggregate> {
    let aggregate = this.slots.get(slot);
    if (!aggregate) {
      aggregate = emptySlot();
      this.slots.set(slot, aggregate);
    }
    return Promise.resolve(aggregate);
  }

  details(orderId: string): Promise<OrderDetails | undefined> {
    return Promise.resolve(this.pageDetails.get(orderId));
  }
}

export interface ReplayedRollup {
  orders: Map<string, OrderFacts>;
  slots: Map<number, SlotAggregate>;
}

/** The rollup of a location as its log makes it, replayed from seq 1 by the projection's own code. */
export async function replayServiceRollup(q: Queryable, location: string, repository: ServiceRollupRepository): Promise<ReplayedRollup> {
  const events = new EventRepository();
  const memory = new MemoryRollup();
  let after = 0;
  for (;;) {
    const page = await events.listOfTypes(q, location, ROLLUP_EVENT_TYPES, after, PAGE);
    if (page.length === 0) break;
    const submitted = page.filter((event) => event.type === EVENT_TYPES.orderSubmitted).map((event) => event.orderId as string);
    memory.pageDetails = await repository.orderDetailsMany(q, location, submitted);
    for (const event of page) await applyToRollup(memory, event);
    after = (page[page.length - 1] as { seq: number }).seq;
  }
  return { orders: memory.orders, slots: memory.slots };
}

/**
 * Makes the location's rollup again from its log (the migration that adds the rollup does this for
 * every location). Run it in a transaction: the rollup is replaced whole or not at all.
 */
export async function rebuildServiceRollup(q: Queryable, location: string, repository: ServiceRollupRepository): Promise<ReplayedRollup> {
  const replayed = await replayServiceRollup(q, location, repository);
  await repository.clear(q, location);
  await repository.insertAll(q, location, replayed.orders, replayed.slots);
  return replayed;
}
