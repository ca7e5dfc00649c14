import { ORDERS_CHANNEL, PRINT_JOBS_CHANNEL, orderChannel } from '../../common/channels.js';
import { EVENT_TYPES, type TicketEvent } from '../../common/events.js';

/** The channels an event is published on (DESIGN.md §2). */
export function channelsFor(event: TicketEvent): string[] {
  switch (event.type) {
    case EVENT_TYPES.orderSubmitted:
      return [ORDERS_CHANNEL];
    case EVENT_TYPES.orderStatusChanged:
      return event.orderId ? [ORDERS_CHANNEL, orderChannel(event.orderId)] : [ORDERS_CHANNEL];
    case EVENT_TYPES.printJobCreated:
    case EVENT_TYPES.printJobUpdated:
      return [PRINT_JOBS_CHANNEL];
  }
}
