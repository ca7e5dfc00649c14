import { CodedError, ERROR_CODES } from '../../common/errors.js';
import { isActiveOrderStatus } from '../../common/order-status.js';
import { hashToken, orderIdOfCustomerToken, sameDigest } from '../ids.js';
import type { OrderRepository } from '../repositories/orders.js';
import { instantOf, type Clock } from '../time.js';
import { orderNotFound } from './open-order.js';

/** What a customer token is worth right now. */
export type CustomerTokenCheck =
  | { kind: 'valid'; orderId: string }
  /** Genuine, but its order closed longer than the token's lifetime ago. */
  | { kind: 'expired'; orderId: string; expiredAt: string }
  /** Genuine, but an admin revoked it. */
  | { kind: 'revoked'; orderId: string; revokedAt: string }
  /** Not a token this backend made (or its order is gone). */
  | { kind: 'unknown' };

export interface CustomerTokenOptions {
  /** CUSTOMER_TOKEN_TTL_HOURS: how long a token keeps working after its order closed. */
  ttlMs: number;
  clock: Clock;
}

export interface RevokedCustomerToken {
  orderId: string;
  revokedAt: string;
}

/**
 * The diner's link to an order (`ct_…`, made by OrderService from the order id and the instance's
 * secret) works while the order is open and for `ttlMs` after it closed — long enough to see the
 * order ready and the receipt verified, not for ever — unless an admin revoked it. A closed
 * order's `updatedAt` is when it closed: nothing moves a completed or cancelled order again.
 */
export class CustomerTokenService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly options: CustomerTokenOptions,
  ) {}

  check(token: string): CustomerTokenCheck {
    const orderId = orderIdOfCustomerToken(token);
    const stored = orderId ? this.orders.customerToken(orderId) : undefined;
    if (!orderId || !stored || !sameDigest(stored.hash, hashToken(token))) return { kind: 'unknown' };
    if (stored.revokedAt !== undefined) return { kind: 'revoked', orderId, revokedAt: stored.revokedAt };
    if (!isActiveOrderStatus(stored.status)) {
      const expiresMs = Date.parse(stored.updatedAt) + this.options.ttlMs;
      if (this.options.clock.now() >= expiresMs) return { kind: 'expired', orderId, expiredAt: new Date(expiresMs).toISOString() };
    }
    return { kind: 'valid', orderId };
  }

  /** Revokes the order's customer token for good; revoking it again answers the first revocation. */
  revoke(orderId: string): RevokedCustomerToken {
    const time = instantOf(this.options.clock);
    if (!this.orders.customerToken(orderId)) throw orderNotFound(orderId);
    this.orders.revokeCustomerToken(orderId, time.iso);
    return { orderId, revokedAt: this.orders.customerToken(orderId)?.revokedAt ?? time.iso };
  }
}

/** The 401 for a genuine token that no longer works, so the diner's page can say why. */
export function customerTokenRefusal(check: Extract<CustomerTokenCheck, { kind: 'expired' | 'revoked' }>): CodedError {
  return check.kind === 'expired'
    ? new CodedError(ERROR_CODES.CUSTOMER_TOKEN_EXPIRED, `this order link expired at ${check.expiredAt}, after the order closed`, 401, {
        expiredAt: check.expiredAt,
      })
    : new CodedError(ERROR_CODES.CUSTOMER_TOKEN_REVOKED, 'this order link was revoked by the restaurant', 401, { revokedAt: check.revokedAt });
}
