import { CodedError, ERRORS } from '../../../../common/errors.js';
import type { RailOrder, ReceiptView } from '../../../../common/kitchen-api.js';
import type { Payment } from '../../../../common/payment.js';
import { sniffReceiptImage } from '../../../../common/receipt-image.js';
import type { BackendClient } from '../backend-client.js';
import type { Board } from '../../../board/board.js';
import type { FrontOfHouseCache } from './front-of-house-cache.js';
import { railPaymentOf } from './front-of-house-events.js';

export interface PaymentActionsDeps {
  frontOfHouse: FrontOfHouseCache;
  board: Board;
  backend: BackendClient;
}

/**
 * A card's payment operations: the board asks the agent, the agent asks the backend with its own
 * token (the board never holds one) and shows the answer at once, before the event arrives.
 * These need the backend: offline they fail with BACKEND_UNREACHABLE rather than queue, because
 * verifying money is a decision staff should see confirmed.
 */
export class PaymentActions {
  constructor(private readonly deps: PaymentActionsDeps) {}

  /** The receipt image, proxied: fetched with the agent token, handed to the board as a data: URL. */
  async viewReceipt(paymentId: string): Promise<ReceiptView> {
    this.known(paymentId);
    const { bytes } = await this.deps.backend.paymentReceipt(paymentId);
    // Typed by its bytes again: the board renders it, so nothing else may pass for an image.
    const contentType = sniffReceiptImage(bytes);
    if (!contentType) throw new CodedError(ERRORS.BACKEND_ERROR, 'the backend sent a receipt that is not a JPEG, PNG or WebP image');
    return { paymentId, contentType, dataUrl: `data:${contentType};base64,${bytes.toString('base64')}` };
  }

  async verify(paymentId: string): Promise<RailOrder> {
    this.known(paymentId);
    return this.show(await this.deps.backend.verifyPayment(paymentId));
  }

  async reject(paymentId: string, reason: string): Promise<RailOrder> {
    this.known(paymentId);
    return this.show(await this.deps.backend.rejectPayment(paymentId, reason));
  }

  private known(paymentId: string): void {
    if (!this.deps.frontOfHouse.payment(paymentId)) {
      throw new CodedError(ERRORS.PAYMENT_NOT_FOUND, `payment ${paymentId} is not on this board`, { paymentId });
    }
  }

  private show(payment: Payment): RailOrder {
    this.deps.frontOfHouse.putPaymentIfNewer(payment.orderId, railPaymentOf(payment));
    this.deps.board.orderChanged(payment.orderId);
    const order = this.deps.board.railOrder(payment.orderId);
    if (!order) throw new CodedError(ERRORS.ORDER_NOT_FOUND, `order ${payment.orderId} is not on this board`);
    return order;
  }
}
