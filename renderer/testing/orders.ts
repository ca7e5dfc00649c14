import type { RailOrder } from '../../common/kitchen-api.js';
import type { OrderItem } from '../../common/order.js';

/** Test-only builders: a valid order with just the fields a test cares about changed. */
export function item(name: string, overrides: Partial<OrderItem> = {}): OrderItem {
  return { name, qty: 1, station: 'kitchen', modifiers: [], ...overrides };
}

let counter = 0;

export function railOrder(overrides: Partial<RailOrder> = {}): RailOrder {
  counter += 1;
  return {
    id: `order-${counter}`,
    number: String(100 + counter),
    type: 'dine_in',
    items: [item('Burger')],
    status: 'submitted',
    createdAt: '2026-01-01T12:00:00.000Z',
    updatedAt: '2026-01-01T12:00:00.000Z',
    version: 1,
    pendingActions: 0,
    unconfirmed: false,
    ...overrides,
  };
}
