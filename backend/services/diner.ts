import { DINER_EVENT_TYPES, dinerEventOf, dinerOrderViewOf, type DinerEvent, type DinerEventsPage, type DinerOrderView } from '../../common/diner.js';
import type { EventRepository } from '../repositories/events.js';
import type { CourierService } from './couriers.js';
import type { OrderService } from './orders.js';
import type { PaymentService } from './payments.js';

/** What an order's customer token reads: its order as a diner sees it, and its events for catch-up. */
export class DinerService {
  constructor(
    private readonly orders: OrderService,
    private readonly payments: PaymentService,
    private readonly couriers: CourierService,
    private readonly events: EventRepository,
  ) {}

  /** The diner's view of an order (404 ORDER_NOT_FOUND), with the seq to catch up from. */
  view(orderId: string): DinerOrderView {
    // Every read runs in one tick on the only writing connection: the parts and the seq agree.
    const order = this.orders.get(orderId);
    return dinerOrderViewOf(order, this.payments.forOrder(orderId), this.couriers.get(orderId), this.events.lastSeqForOrder(orderId, DINER_EVENT_TYPES));
  }

  /** The order's diner events after `after`, as the order's channel carries them. */
  eventsAfter(orderId: string, after: number, limit: number): DinerEventsPage {
    const events = this.events
      .listForOrder(orderId, DINER_EVENT_TYPES, after, limit)
      .map(dinerEventOf)
      .filter((event): event is DinerEvent => event !== undefined);
    return { events, lastSeq: this.events.lastSeqForOrder(orderId, DINER_EVENT_TYPES) };
  }
}
