import { CodedError, ERRORS } from '../../common/errors.js';
import { isActiveOrderStatus } from '../../common/order-status.js';
import type { Database } from '../db/query.js';
import { hashToken, orderIdOfCustomerToken, sameDigest } from '../ids.js';
import type { OrderRepository } from '../repositories/orders.js';
import { instantOf, type Clock } from '../time.js';
import { orderNotFound } from './open-order.js';

/** What a customer token is worth right now. */
export type CustomerTokenCheck =
  | { kind: 'valid'; orderId: string; location: string }
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
    private readonly db: Database,
    private readonly orders: OrderRepository,
    private readonly options: CustomerTokenOptions,
  ) {}

  async check(token: string): Promise<CustomerTokenCheck> {
    const orderId = orderIdOfCustomerToken(token);
    const stored = orderId ? await this.orders.customerToken(this.db, orderId) : undefined;
    if (!orderId || !stored || !sameDigest(stored.hash, hashToken(token))) return { kind: 'unknown' };
    if (stored.revokedAt !== undefined) return { kind: 'revoked', orderId, revokedAt: stored.revokedAt };
    if (!isActiveOrderStatus(stored.status)) {
      const expiresMs = Date.parse(stored.updatedAt) + this.options.ttlMs;
      if (this.options.clock.now() >= expiresMs) return { kind: 'expired', orderId, expiredAt: new Date(expiresMs).toISOString() };
    }
    return { kind: 'valid', orderId, location: stored.location };
  }

  /**
   * Revokes the order's customer token for good; revoking it again answers the first revocation.
   * The order is looked for in the request's location, as every order route does.
   */
  revoke(location: string, orderId: string): Promise<RevokedCustomerToken> {
    return this.db.transaction(async (tx) => {
      const time = instantOf(this.options.clock);
      const stored = await this.orders.customerToken(tx, orderId);
      if (stored?.location !== location) throw orderNotFound(orderId);
      if (stored.revokedAt !== undefined) return { orderId, revokedAt: stored.revokedAt };
      await this.orders.revokeCustomerToken(tx, orderId, time.iso);
      return { orderId, revokedAt: time.iso };
    });
  }
}

/** The 401 for a genuine token that no longer works, so the diner's page can say why. */
export function customerTokenRefusal(check: Extract<CustomerTokenCheck, { kind: 'expired' | 'revoked' }>): CodedError {
  return check.kind === 'expired'
    ? new CodedError(ERRORS.CUSTOMER_TOKEN_EXPIRED, `this order link expired at ${check.expiredAt}, after the order closed`, { expiredAt: check.expiredAt })
    : new CodedError(ERRORS.CUSTOMER_TOKEN_REVOKED, 'this order link was revoked by the restaurant', { revokedAt: check.revokedAt });
}
