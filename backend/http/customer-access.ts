import { CodedError, ERRORS } from '../../common/errors.js';
import type { RequestPrincipal } from './auth.js';

/**
 * A customer token reads and acts on its own order only: anything of another order is 403, the
 * same refusal as for another order's channel. Staff principals pass (their role was checked by
 * the route's access list).
 */
export function assertOwnOrder(principal: RequestPrincipal, orderId: string): void {
  if (principal.kind === 'customer' && principal.orderId !== orderId) {
    throw new CodedError(ERRORS.FORBIDDEN, 'this customer token belongs to another order');
  }
}

/** Routes only a diner calls (their session): a staff token has no order of its own. */
export function customerOrderId(principal: RequestPrincipal): string {
  if (principal.kind !== 'customer') throw new CodedError(ERRORS.FORBIDDEN, 'only an order\'s customer token may call this route');
  return principal.orderId;
}
