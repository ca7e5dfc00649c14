/** Channel names shared by the backend (publisher, auth) and the agent (subscriber). */
export const ORDERS_CHANNEL = 'private-orders';
export const PRINT_JOBS_CHANNEL = 'private-print-jobs';
export const ORDER_CHANNEL_PREFIX = 'private-order-';
/** POS terminals: order pushes, gift cards and loyalty points (docs/pos-feed.md). */
export const POS_CHANNEL = 'private-pos';

/** The customer-facing channel of one order: only that order's status changes. */
export function orderChannel(orderId: string): string {
  return `${ORDER_CHANNEL_PREFIX}${orderId}`;
}
