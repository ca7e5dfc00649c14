import { CodedError, ERRORS } from '../../common/errors.js';
import { isActiveOrderStatus, type Order } from '../../common/order.js';
import type { Queryable } from '../db/query.js';
import type { OrderRepository } from '../repositories/orders.js';

export function orderNotFound(id: string): CodedError {
  return new CodedError(ERRORS.ORDER_NOT_FOUND, `order ${id} does not exist`, { id });
}

/**
 * The order a payment or courier change is for, while it is still open: 404 ORDER_NOT_FOUND when
 * the location has none, 409 ORDER_CLOSED once it has ended. Call inside the change's transaction:
 * the order stays locked until it commits, so it cannot end in between.
 */
export async function openOrder(q: Queryable, orders: OrderRepository, location: string, id: string): Promise<Order> {
  const order = await orders.getForChange(q, location, id);
  if (!order) throw orderNotFound(id);
  if (!isActiveOrderStatus(order.status)) {
    throw new CodedError(ERRORS.ORDER_CLOSED, `order ${order.id} is ${order.status}`, { orderId: order.id, status: order.status });
  }
  return order;
}
