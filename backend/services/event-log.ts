import { POS_CHANNEL_EVENT_TYPES, EVENT_TYPES, type EventsPage } from '../../common/events.js';
import type { Database } from '../db/query.js';
import type { EventRepository } from '../repositories/events.js';
import type { OrderRepository } from '../repositories/orders.js';
import { orderNotFound } from './open-order.js';

/** Every event type: a staff token asking for one order's events gets all of them. */
const ALL_EVENT_TYPES: readonly string[] = Object.values(EVENT_TYPES);

/**
 * Staff reads of a location's log (`GET /api/events`). Each page's `lastSeq` is read before its
 * events: an event that commits between the two reads is then in the page or after `lastSeq`,
 * never skipped by a reader that moves its cursor to `lastSeq` (the POS feed does).
 */
export class EventLog {
  constructor(
    private readonly db: Database,
    private readonly events: EventRepository,
    private readonly orders: OrderRepository,
  ) {}

  /** The location's whole log after `after`. */
  async page(location: string, after: number, limit: number): Promise<EventsPage> {
    const lastSeq = await this.events.lastSeq(this.db, location);
    return { events: await this.events.listAfter(this.db, location, after, limit), lastSeq };
  }

  /** What the location's POS channel carries (docs/pos-feed.md). */
  async posFeed(location: string, after: number, limit: number): Promise<EventsPage> {
    const lastSeq = await this.events.lastSeq(this.db, location);
    return { events: await this.events.listOfTypes(this.db, location, POS_CHANNEL_EVENT_TYPES, after, limit), lastSeq };
  }

  /** One order's events, as the log holds them; an order of another location is 404. */
  async ofOrder(location: string, orderId: string, after: number, limit: number): Promise<EventsPage> {
    if (!(await this.orders.get(this.db, location, orderId))) throw orderNotFound(orderId);
    const lastSeq = await this.events.lastSeq(this.db, location);
    return { events: await this.events.listForOrder(this.db, orderId, ALL_EVENT_TYPES, after, limit), lastSeq };
  }
}
