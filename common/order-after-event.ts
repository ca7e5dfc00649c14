import { EVENT_TYPES, type NewTicketEvent } from './events.js';
import type { Order } from './order.js';
import { stationsAfterStatusChange, stationsOfOrder, withStationPending, withStationReady } from './order-stations.js';

/** An order's own events (with or without their seq): what orderAfterEvent applies. */
export type OrderChangeEvent = Extract<
  NewTicketEvent,
  { type: typeof EVENT_TYPES.orderSubmitted | typeof EVENT_TYPES.orderStatusChanged | typeof EVENT_TYPES.orderStationReady | typeof EVENT_TYPES.orderStationRecalled }
>;

/**
 * An order after one of its events, from the event alone: what an agent does with a status change
 * or a station bump of an order it holds, instead of fetching the order again. The backend builds
 * its changes move by move with this very function (backend/services/order-step.ts), so the two
 * cannot disagree. Answers undefined for an event the order has already seen (its
 * version is not newer), and for `order.submitted` (nothing to apply to a known order).
 */
export function orderAfterEvent(order: Order, event: OrderChangeEvent): Order | undefined {
  if (order.version >= event.version) return undefined;
  const change = { at: event.at, by: event.actor.id };
  const stations = stationsOfOrder(order);
  const moved = { ...order, version: event.version, updatedAt: event.at };
  switch (event.type) {
    case EVENT_TYPES.orderSubmitted:
      return undefined;
    case EVENT_TYPES.orderStationReady:
      return { ...moved, stations: withStationReady(stations, event.station, change) };
    case EVENT_TYPES.orderStationRecalled:
      return { ...moved, stations: withStationPending(stations, event.station) };
    case EVENT_TYPES.orderStatusChanged: {
      const { completedAt: _completedAt, ...rest } = moved;
      return {
        ...rest,
        status: event.to,
        stations: stationsAfterStatusChange(stations, { from: event.from, to: event.to, station: event.station }, change),
        ...(event.to === 'completed' ? { completedAt: event.at } : {}),
        ...(event.to === 'cancelled' && event.reason ? { cancelReason: event.reason } : {}),
        // Who cancelled comes from the event alone, so an agent applying it holds the same order.
        ...(event.to === 'cancelled' ? { cancelledBy: event.actor.type === 'customer' ? ('customer' as const) : ('staff' as const) } : {}),
      };
    }
  }
}
