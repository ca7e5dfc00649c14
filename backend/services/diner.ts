import { DINER_EVENT_TYPES, dinerEventOf, dinerOrderViewOf, type DinerEvent, type DinerEventsPage, type DinerOrderView } from '../../common/diner.js';
import type { Database } from '../db/query.js';
import type { CourierRepository } from '../repositories/couriers.js';
import type { EventRepository } from '../repositories/events.js';
import type { OrderRepository } from '../repositories/orders.js';
import type { PaymentRepository } from '../repositories/payments.js';
import { orderNotFound } from './open-order.js';

/** What an order's customer token reads: its order as a diner sees it, and its events for catch-up. */
export class DinerService {
  constructor(
    private readonly db: Database,
    private readonly orders: OrderRepository,
    private readonly payments: PaymentRepository,
    private readonly couriers: CourierRepository,
    private readonly events: EventRepository,
  ) {}

  /** The diner's view of an order (404 ORDER_NOT_FOUND), with the seq to catch up from. */
  view(location: string, orderId: string): Promise<DinerOrderView> {
    // One snapshot: the order, its payments, its courier and the seq agree, whatever other
    // processes commit meanwhile.
    return this.db.snapshot(async (tx) => {
      const order = await this.orders.get(tx, location, orderId);
      if (!order) throw orderNotFound(orderId);
      return dinerOrderViewOf(
        order,
        await this.payments.forOrder(tx, orderId),
        await this.couriers.get(tx, orderId),
        await this.events.lastSeqForOrder(tx, orderId, DINER_EVENT_TYPES),
      );
    });
  }

  /** The order's diner events after `after`, as the order's channel carries them. */
  async eventsAfter(orderId: string, after: number, limit: number): Promise<DinerEventsPage> {
    // The newest seq first: an event committed between the two reads is then in the page, never skipped.
    const lastSeq = await this.events.lastSeqForOrder(this.db, orderId, DINER_EVENT_TYPES);
    const events = (await this.events.listForOrder(this.db, orderId, DINER_EVENT_TYPES, after, limit))
      .map(dinerEventOf)
      .filter((event): event is DinerEvent => event !== undefined);
    return { events, lastSeq };
  }
}
