import type { RailOrder } from '../../common/kitchen-api.js';
import type { OrderStatus } from '../../common/order.js';
import { compareNumbered } from './compare.js';
import { timeOf } from './time.js';

const byNumber = (a: RailOrder, b: RailOrder) => compareNumbered(a.number, b.number);

/**
 * Oldest first: the order that has waited longest sits at the left of the rail; equal times by
 * number. Orders whose creation time cannot be read go last, by number — a NaN difference would
 * make the comparator inconsistent and scramble the whole rail, not just them.
 */
export function sortOldestFirst(orders: readonly RailOrder[]): RailOrder[] {
  const timed = orders.map((order) => ({ order, at: timeOf(order.createdAt) }));
  timed.sort((a, b) => {
    if (a.at === undefined || b.at === undefined) {
      if (a.at !== b.at) return a.at === undefined ? 1 : -1;
      return byNumber(a.order, b.order);
    }
    return a.at - b.at || byNumber(a.order, b.order);
  });
  return timed.map(({ order }) => order);
}

/** The status one bump moves an order to; undefined when it has left the rail. */
export function nextStatus(status: OrderStatus): OrderStatus | undefined {
  switch (status) {
    case 'submitted':
      return 'accepted';
    case 'accepted':
      return 'ready';
    case 'ready':
      return 'completed';
    default:
      return undefined;
  }
}

/** What one bump does, by status: the button's test id (`action-<name>-<n>`) and its words (`card.actions.<name>`). */
export const BUMP_ACTIONS: Partial<Record<OrderStatus, 'accept' | 'ready' | 'complete'>> = {
  submitted: 'accept',
  accepted: 'ready',
  ready: 'complete',
};

/** The order Recall takes back: the most recently readied one still on the rail. */
export function recallTarget(orders: readonly RailOrder[]): RailOrder | undefined {
  let latest: RailOrder | undefined;
  for (const order of orders) {
    if (order.status !== 'ready') continue;
    // An unreadable time counts as the oldest, so it never wins over a readable one.
    if (!latest || (timeOf(order.updatedAt) ?? -Infinity) > (timeOf(latest.updatedAt) ?? -Infinity)) latest = order;
  }
  return latest;
}
