import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../../common/clock.js';
import type { ConnectionState, RailOrder } from '../../../../common/kitchen-api.js';
import { CodedError, ERRORS } from '../../../../common/errors.js';
import type { SetCourierInput, RequestPaymentInput } from '../../../../common/operations/ticketrail-operations.js';
import type { Board } from '../../../board/board.js';
import type { CacheDb } from '../../../cache/cache-db.js';
import type { Outbox } from '../../../outbox/outbox.js';
import { TICKETRAIL_OUTBOX, type CourierBody, type PaymentRequestBody } from '../ticketrail-outbox.js';

export interface BoardRequestsDeps {
  cache: CacheDb;
  outbox: Outbox;
  board: Board;
  clock: Clock;
  connection: () => ConnectionState;
}

/**
 * "Request payment" and "Courier" from a card (issue 24). Unlike verifying money (payment-actions.ts),
 * these ask the diner for something: they queue in the outbox like the card's moves, so a counter
 * that lost the backend still takes them, and a refusal (the order closed meanwhile) comes back as
 * the card's conflict. The card shows the payment or courier once its event arrives; until then it
 * counts a pending action, and is marked unconfirmed when the agent is not live.
 */
export class BoardRequests {
  constructor(private readonly deps: BoardRequestsDeps) {}

  requestPayment(input: RequestPaymentInput): RailOrder {
    const { orderId, type = 'food', amount, currency, qrPayload, expiresInMinutes } = input;
    const body: PaymentRequestBody = {
      type,
      amount,
      currency,
      ...(qrPayload !== undefined ? { qrPayload } : {}),
      // The expiry counts from when staff asked, not from when the outbox delivered it.
      ...(expiresInMinutes !== undefined ? { qrExpiresAt: new Date(this.deps.clock.now() + expiresInMinutes * 60_000).toISOString() } : {}),
      // One key per request staff made, stored with the row: the outbox's retries never ask twice.
      idempotencyKey: `board-pay-${randomUUID()}`,
    };
    return this.enqueue(orderId, TICKETRAIL_OUTBOX.paymentRequest, body);
  }

  setCourier(input: SetCourierInput): RailOrder {
    const { orderId, trackingUrl, vendor, etaMinutes } = input;
    const name = input.name?.trim();
    const phone = input.phone?.trim();
    // The API names who delivers (`vendor`); a board left it empty: the link's site says it well enough.
    const body: CourierBody = {
      vendor: vendor || new URL(trackingUrl).hostname,
      trackingUrl,
      ...(etaMinutes !== undefined ? { etaMinutes } : {}),
      ...(name ? { name } : {}),
      ...(phone ? { phone } : {}),
    };
    return this.enqueue(orderId, TICKETRAIL_OUTBOX.courier, body);
  }

  private enqueue(orderId: string, kind: string, body: PaymentRequestBody | CourierBody): RailOrder {
    if (!this.deps.board.railOrder(orderId)) throw new CodedError(ERRORS.ORDER_NOT_FOUND, `order ${orderId} is not on this board`, { orderId });
    this.deps.outbox.enqueue(kind, orderId, body, () => {
      if (this.deps.connection().mode === 'live') return;
      // A conflict the card shows stays until staff dismiss it.
      const conflict = this.deps.cache.getOrder(orderId)?.conflict;
      this.deps.cache.setOrderFlags(orderId, { unconfirmed: true, ...(conflict ? { conflict } : {}) });
    });
    this.deps.board.orderChanged(orderId);
    const order = this.deps.board.railOrder(orderId);
    if (!order) throw new CodedError(ERRORS.ORDER_NOT_FOUND, `order ${orderId} is not on this board`, { orderId });
    return order;
  }
}
