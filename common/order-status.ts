/*
 * The order statuses, apart from order.ts's zod schemas on purpose: the board's startup bundle
 * imports these, and importing them from order.ts would load zod before the rail is on screen.
 */

export const ORDER_STATUSES = ['submitted', 'accepted', 'ready', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses that keep an order on the rail. */
export const ACTIVE_ORDER_STATUSES: readonly OrderStatus[] = ['submitted', 'accepted', 'ready'];

export function isActiveOrderStatus(status: OrderStatus): boolean {
  return ACTIVE_ORDER_STATUSES.includes(status);
}
