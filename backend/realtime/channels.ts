import { locationChannels, orderChannel } from '../../common/channels.js';
import { EVENT_TYPES, type TicketEvent } from '../../common/events.js';
import { DEFAULT_LOCATION } from '../../common/location.js';

/** The channels an event of `location`'s log is published on (DESIGN.md §2). */
export function channelsFor(event: TicketEvent, location: string = DEFAULT_LOCATION): string[] {
  const { orders, printJobs, pos } = locationChannels(location);
  switch (event.type) {
    // POS terminals get the order pushes too, the same flat event (docs/pos-feed.md).
    case EVENT_TYPES.orderSubmitted:
      return [orders, orderChannel(event.orderId), pos];
    case EVENT_TYPES.orderStatusChanged:
      return event.orderId ? [orders, orderChannel(event.orderId), pos] : [orders, pos];
    // A station's bump is kitchen news: the diner and the POS hear of the order's own status only.
    case EVENT_TYPES.orderStationReady:
    case EVENT_TYPES.orderStationRecalled:
      return [orders];
    case EVENT_TYPES.printJobCreated:
    case EVENT_TYPES.printJobUpdated:
      return [printJobs];
    // Staff hear of payments, couriers and closed orders with the orders; the diner on their
    // order's own channel, as the small projection the publisher makes for it (common/diner.ts).
    case EVENT_TYPES.paymentRequested:
    case EVENT_TYPES.paymentReceiptUploaded:
    case EVENT_TYPES.paymentVerified:
    case EVENT_TYPES.paymentRejected:
    case EVENT_TYPES.courierTrackingUpdated:
    case EVENT_TYPES.orderClosed:
      return [orders, orderChannel(event.orderId)];
    // Gift cards and loyalty points reach POS terminals only: never an order's channel (a diner's),
    // never the kitchen's.
    case EVENT_TYPES.giftCardPurchased:
    case EVENT_TYPES.giftCardRedeemed:
    case EVENT_TYPES.giftCardVoided:
    case EVENT_TYPES.loyaltyUpdated:
      return [pos];
  }
}
