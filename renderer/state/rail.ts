import type { RailOrder } from '../../common/kitchen-api.js';
import type { OrderStatus } from '../../common/order.js';

/** Oldest first: the order that has waited longest sits at the left of the rail. */
export function sortOldestFirst(orders: readonly RailOrder[]): RailOrder[] {
  return [...orders].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.number.localeCompare(b.number, undefined, { numeric: true }));
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

export const BUMP_LABELS: Partial<Record<OrderStatus, string>> = {
  submitted: 'Accept',
  accepted: 'Ready',
  ready: 'Complete',
};

/** The order Recall takes back: the most recently readied one still on the rail. */
export function recallTarget(orders: readonly RailOrder[]): RailOrder | undefined {
  let latest: RailOrder | undefined;
  for (const order of orders) {
    if (order.status !== 'ready') continue;
    if (!latest || Date.parse(order.updatedAt) > Date.parse(latest.updatedAt)) latest = order;
  }
  return latest;
}
