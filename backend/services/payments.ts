import { CodedError, ERROR_CODES } from '../../common/errors.js';
import { EVENT_TYPES, type Actor } from '../../common/events.js';
import {
  allowedPaymentTransitions,
  canTransitionPayment,
  receiptPath,
  type Payment,
  type PaymentInput,
  type PaymentStatus,
} from '../../common/payment.js';
import type { ReceiptImageType } from '../../common/receipt-image.js';
import { newId } from '../ids.js';
import type { OrderRepository } from '../repositories/orders.js';
import type { PaymentRepository, StoredPayment } from '../repositories/payments.js';
import { instantOf, type Clock } from '../time.js';
import type { ChangeRecorder, RecordEvent } from './change-recorder.js';
import { openOrder } from './open-order.js';
import type { ReceiptStore } from './receipt-store.js';

export function paymentNotFound(id: string): CodedError {
  return new CodedError(ERROR_CODES.PAYMENT_NOT_FOUND, `payment ${id} does not exist`, 404, { id });
}

function transitionInvalid(payment: Payment, to: PaymentStatus): CodedError {
  return new CodedError(ERROR_CODES.PAYMENT_TRANSITION_INVALID, `payment ${payment.id} cannot go from ${payment.status} to ${to}`, 409, {
    from: payment.status,
    to,
    allowed: allowedPaymentTransitions(payment.status),
  });
}

/** The image a diner sent, already read and recognised by its bytes. */
export interface ReceiptImage {
  type: ReceiptImageType;
  bytes: Uint8Array;
}

/**
 * Payments the diner is asked for: requested by staff, a receipt uploaded by the diner, verified
 * or rejected by staff. Each change commits with its event in one transaction (ChangeRecorder).
 */
export class PaymentService {
  /** Payments whose receipt upload is being read right now. */
  private readonly uploading = new Set<string>();

  constructor(
    private readonly recorder: ChangeRecorder,
    private readonly payments: PaymentRepository,
    private readonly orders: OrderRepository,
    private readonly receipts: ReceiptStore,
    private readonly clock: Clock,
  ) {}

  request(orderId: string, input: PaymentInput, actor: Actor): Payment {
    const time = instantOf(this.clock);
    let qrExpiresMs: number | undefined;
    if (input.qrExpiresAt !== undefined) {
      qrExpiresMs = Date.parse(input.qrExpiresAt);
      if (qrExpiresMs <= time.ms) {
        throw new CodedError(ERROR_CODES.VALIDATION_FAILED, 'qrExpiresAt must be in the future', 400, [
          { code: 'custom', path: ['body', 'qrExpiresAt'], message: 'qrExpiresAt must be in the future' },
        ]);
      }
    }
    return this.recorder.run((record) => {
      openOrder(this.orders, orderId);
      const payment: Payment = {
        id: newId('pay'),
        orderId,
        type: input.type,
        amount: input.amount,
        currency: input.currency,
        status: 'requested',
        ...(input.qrPayload !== undefined ? { qrPayload: input.qrPayload } : {}),
        ...(qrExpiresMs !== undefined ? { qrExpiresAt: new Date(qrExpiresMs).toISOString() } : {}),
        createdAt: time.iso,
        updatedAt: time.iso,
        version: 1,
      };
      this.payments.insert(payment, qrExpiresMs);
      record({
        type: EVENT_TYPES.paymentRequested,
        orderId,
        paymentId: payment.id,
        paymentType: payment.type,
        amount: payment.amount,
        currency: payment.currency,
        to: 'requested',
        ...(payment.qrExpiresAt !== undefined ? { qrExpiresAt: payment.qrExpiresAt } : {}),
        actor,
        at: time.iso,
        version: 1,
      });
      return payment;
    });
  }

  get(id: string): StoredPayment {
    const stored = this.payments.get(id);
    if (!stored) throw paymentNotFound(id);
    return stored;
  }

  forOrder(orderId: string): Payment[] {
    return this.payments.forOrder(orderId);
  }

  /**
   * Whether a receipt may be attached now: the move is allowed (409 PAYMENT_TRANSITION_INVALID)
   * and the QR has not expired (409 PAYMENT_EXPIRED). Checked before the upload is read, so a
   * refused diner does not send 5 MB first, and again inside the transaction that records it.
   */
  assertReceiptAllowed(stored: StoredPayment): void {
    const { payment } = stored;
    if (!canTransitionPayment(payment.status, 'receipt_uploaded')) throw transitionInvalid(payment, 'receipt_uploaded');
    if (stored.qrExpiresMs !== undefined && this.clock.now() > stored.qrExpiresMs) {
      throw new CodedError(ERROR_CODES.PAYMENT_EXPIRED, `the QR code of payment ${payment.id} expired at ${payment.qrExpiresAt ?? ''}`, 409, {
        paymentId: payment.id,
        qrExpiresAt: payment.qrExpiresAt,
      });
    }
  }

  /**
   * Takes the payment's one upload slot before its body is read: the receipt must be allowed now
   * (assertReceiptAllowed) and no other upload for it may be in progress (409
   * RECEIPT_UPLOAD_IN_PROGRESS). Answers the release, to call once the upload is done either way.
   * The slot lives in this process: each backend process reads at most one upload per payment.
   */
  reserveReceiptUpload(stored: StoredPayment): () => void {
    this.assertReceiptAllowed(stored);
    const { id } = stored.payment;
    if (this.uploading.has(id)) {
      throw new CodedError(ERROR_CODES.RECEIPT_UPLOAD_IN_PROGRESS, `a receipt for payment ${id} is being uploaded already; try again when it is done`, 409, {
        paymentId: id,
      });
    }
    this.uploading.add(id);
    return () => this.uploading.delete(id);
  }

  /** Stores the receipt file and moves the payment to `receipt_uploaded`, with its event. */
  async attachReceipt(id: string, image: ReceiptImage, actor: Actor): Promise<Payment> {
    const staged = await this.receipts.stage(id, image.bytes);
    try {
      return this.recorder.run((record) => {
        const stored = this.get(id);
        this.assertReceiptAllowed(stored);
        const updated = this.move(stored.payment, 'receipt_uploaded', actor, record, { receipt: { type: image.type, bytes: image.bytes.length } });
        // Inside the transaction: if the file cannot be put in place, nothing is recorded.
        staged.commit();
        return updated;
      });
    } finally {
      staged.discard();
    }
  }

  /** The current receipt's bytes and type (404 RECEIPT_NOT_FOUND before the first upload). */
  async receipt(stored: StoredPayment): Promise<{ type: ReceiptImageType; bytes: Buffer }> {
    if (!stored.receipt) throw new CodedError(ERROR_CODES.RECEIPT_NOT_FOUND, `payment ${stored.payment.id} has no receipt yet`, 404, { id: stored.payment.id });
    return { type: stored.receipt.type, bytes: await this.receipts.read(stored.payment.id) };
  }

  verify(id: string, actor: Actor): Payment {
    return this.recorder.run((record) => {
      const { payment } = this.get(id);
      if (!canTransitionPayment(payment.status, 'verified')) throw transitionInvalid(payment, 'verified');
      return this.move(payment, 'verified', actor, record, {});
    });
  }

  reject(id: string, reason: string, actor: Actor): Payment {
    return this.recorder.run((record) => {
      const { payment } = this.get(id);
      if (!canTransitionPayment(payment.status, 'rejected')) throw transitionInvalid(payment, 'rejected');
      return this.move(payment, 'rejected', actor, record, { rejectReason: reason });
    });
  }

  private move(
    payment: Payment,
    to: PaymentStatus,
    actor: Actor,
    record: RecordEvent,
    change: { rejectReason?: string; receipt?: { type: ReceiptImageType; bytes: number } },
  ): Payment {
    const time = instantOf(this.clock);
    const stored = this.payments.update({ id: payment.id, version: payment.version, status: to, updatedAt: time.iso, ...change });
    if (!stored) throw new Error(`payment ${payment.id} changed inside its own transaction`);
    const { rejectReason: _previousReason, ...rest } = payment;
    const updated: Payment = {
      ...rest,
      status: to,
      updatedAt: time.iso,
      version: payment.version + 1,
      ...(change.receipt ? { receiptUrl: receiptPath(payment.id) } : {}),
      ...(change.rejectReason !== undefined ? { rejectReason: change.rejectReason } : {}),
    };
    const base = {
      orderId: payment.orderId,
      paymentId: payment.id,
      paymentType: payment.type,
      amount: payment.amount,
      currency: payment.currency,
      from: payment.status,
      actor,
      at: time.iso,
      version: updated.version,
    };
    if (to === 'receipt_uploaded') record({ ...base, type: EVENT_TYPES.paymentReceiptUploaded, to, receiptUrl: receiptPath(payment.id) });
    else if (to === 'verified') record({ ...base, type: EVENT_TYPES.paymentVerified, to });
    else if (to === 'rejected') record({ ...base, type: EVENT_TYPES.paymentRejected, to, reason: change.rejectReason ?? '' });
    return updated;
  }
}
