import { ORDERS_CHANNEL, POS_CHANNEL, PRINT_JOBS_CHANNEL, orderChannel } from '../../common/channels.js';
import { EVENT_TYPES, type TicketEvent } from '../../common/events.js';

/** The channels an event is published on (DESIGN.md §2). */
export function channelsFor(event: TicketEvent): string[] {
  switch (event.type) {
    // POS terminals get the order pushes too, the same flat event (docs/pos-feed.md).
    case EVENT_TYPES.orderSubmitted:
      return [ORDERS_CHANNEL, orderChannel(event.orderId), POS_CHANNEL];
    case EVENT_TYPES.orderStatusChanged:
      return event.orderId ? [ORDERS_CHANNEL, orderChannel(event.orderId), POS_CHANNEL] : [ORDERS_CHANNEL, POS_CHANNEL];
    case EVENT_TYPES.printJobCreated:
    case EVENT_TYPES.printJobUpdated:
      return [PRINT_JOBS_CHANNEL];
    // Staff hear of payments, couriers and closed orders with the orders; the diner on their
    // order's own channel, as the small projection the publisher makes for it (common/diner.ts).
    case EVENT_TYPES.paymentRequested:
    case EVENT_TYPES.paymentReceiptUploaded:
    case EVENT_TYPES.paymentVerified:
    case EVENT_TYPES.paymentRejected:
    case EVENT_TYPES.courierTrackingUpdated:
    case EVENT_TYPES.orderClosed:
      return [ORDERS_CHANNEL, orderChannel(event.orderId)];
    // Gift cards and loyalty points reach POS terminals only: never an order's channel (a diner's),
    // never the kitchen's.
    case EVENT_TYPES.giftCardPurchased:
    case EVENT_TYPES.giftCardRedeemed:
    case EVENT_TYPES.giftCardVoided:
    case EVENT_TYPES.loyaltyUpdated:
      return [POS_CHANNEL];
  }
}
