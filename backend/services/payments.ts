import { CodedError, ERRORS } from '../../common/errors.js';
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
import type { Database, Queryable } from '../db/query.js';
import { newId } from '../ids.js';
import type { IdempotencyRepository } from '../repositories/idempotency.js';
import type { OrderRepository } from '../repositories/orders.js';
import type { PaymentRepository, StoredPayment } from '../repositories/payments.js';
import { instantOf, type Clock } from '../time.js';
import type { ChangeRecorder, RecordEvent } from './change-recorder.js';
import { applyOnce, type IdempotencyScope, type Replayable } from './idempotent-create.js';
import { openOrder } from './open-order.js';
import type { ReceiptStore } from './receipt-store.js';

export function paymentNotFound(id: string): CodedError {
  return new CodedError(ERRORS.PAYMENT_NOT_FOUND, `payment ${id} does not exist`, { id });
}

function transitionInvalid(payment: Payment, to: PaymentStatus): CodedError {
  return new CodedError(ERRORS.PAYMENT_TRANSITION_INVALID, `payment ${payment.id} cannot go from ${payment.status} to ${to}`, {
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
    private readonly db: Database,
    private readonly recorder: ChangeRecorder,
    private readonly payments: PaymentRepository,
    private readonly orders: OrderRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly receipts: ReceiptStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Asks the diner for a payment. With an Idempotency-Key a retry (the board's outbox resending a
   * request whose answer was lost) gets the first payment again instead of a second one; the same
   * key with another body or order is 409 IDEMPOTENCY_KEY_REUSED.
   */
  request(location: string, orderId: string, input: PaymentInput, actor: Actor, idempotency?: IdempotencyScope): Promise<Replayable<Payment>> {
    return this.recorder.run(location, async (tx, record) =>
      applyOnce(tx, this.idempotency, location, 'payment-request', idempotency, { orderId, ...input }, 'paymentId', this.clock, async () => {
        const payment = await this.insertRequested(tx, location, orderId, input, actor, record);
        return { answer: payment, resourceId: payment.id };
      }),
    );
  }

  private async insertRequested(tx: Queryable, location: string, orderId: string, input: PaymentInput, actor: Actor, record: RecordEvent): Promise<Payment> {
    const time = instantOf(this.clock);
    let qrExpiresMs: number | undefined;
    // Judged only for a new request: a replay answers what was accepted then, even once it expired.
    if (input.qrExpiresAt !== undefined) {
      qrExpiresMs = Date.parse(input.qrExpiresAt);
      if (qrExpiresMs <= time.ms) {
        throw new CodedError(ERRORS.VALIDATION_FAILED, 'qrExpiresAt must be in the future', [
          { code: 'custom', path: ['body', 'qrExpiresAt'], message: 'qrExpiresAt must be in the future' },
        ]);
      }
    }
    await openOrder(tx, this.orders, location, orderId);
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
    await this.payments.insert(tx, location, payment, qrExpiresMs);
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
  }

  async get(location: string, id: string, q: Queryable = this.db): Promise<StoredPayment> {
    const stored = await this.payments.get(q, location, id);
    if (!stored) throw paymentNotFound(id);
    return stored;
  }

  /** The payments of an order the caller has already found in its location. */
  /** Each order's latest payment status, for staff's order lists (orders without a payment are absent). */
  latestStatuses(location: string, orderIds: readonly string[]): Promise<Map<string, PaymentStatus>> {
    return this.payments.latestStatuses(this.db, location, orderIds);
  }

  forOrder(orderId: string, q: Queryable = this.db): Promise<Payment[]> {
    return this.payments.forOrder(q, orderId);
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
      throw new CodedError(ERRORS.PAYMENT_EXPIRED, `the QR code of payment ${payment.id} expired at ${payment.qrExpiresAt ?? ''}`, {
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
      throw new CodedError(ERRORS.RECEIPT_UPLOAD_IN_PROGRESS, `a receipt for payment ${id} is being uploaded already; try again when it is done`, {
        paymentId: id,
      });
    }
    this.uploading.add(id);
    return () => this.uploading.delete(id);
  }

  /** Stores the receipt file and moves the payment to `receipt_uploaded`, with its event. */
  async attachReceipt(location: string, id: string, image: ReceiptImage, actor: Actor): Promise<Payment> {
    const staged = await this.receipts.stage(id, image);
    try {
      return await this.recorder.run(location, async (tx, record) => {
        const stored = await this.locked(tx, location, id);
        this.assertReceiptAllowed(stored);
        const updated = await this.move(tx, stored.payment, 'receipt_uploaded', actor, record, { receipt: { type: image.type, bytes: image.bytes.length } });
        // Inside the transaction: if the receipt cannot be put in place, nothing is recorded.
        await staged.commit(tx);
        return updated;
      });
    } finally {
      staged.discard();
    }
  }

  /** The current receipt's bytes and type (404 RECEIPT_NOT_FOUND before the first upload). */
  async receipt(stored: StoredPayment): Promise<{ type: ReceiptImageType; bytes: Buffer }> {
    if (!stored.receipt) throw new CodedError(ERRORS.RECEIPT_NOT_FOUND, `payment ${stored.payment.id} has no receipt yet`, { id: stored.payment.id });
    return { type: stored.receipt.type, bytes: await this.receipts.read(stored.payment.id) };
  }

  verify(location: string, id: string, actor: Actor): Promise<Payment> {
    return this.recorder.run(location, async (tx, record) => {
      const { payment } = await this.locked(tx, location, id);
      if (!canTransitionPayment(payment.status, 'verified')) throw transitionInvalid(payment, 'verified');
      return this.move(tx, payment, 'verified', actor, record, {});
    });
  }

  reject(location: string, id: string, reason: string, actor: Actor): Promise<Payment> {
    return this.recorder.run(location, async (tx, record) => {
      const { payment } = await this.locked(tx, location, id);
      if (!canTransitionPayment(payment.status, 'rejected')) throw transitionInvalid(payment, 'rejected');
      return this.move(tx, payment, 'rejected', actor, record, { rejectReason: reason });
    });
  }

  /** The payment a change is decided on, locked until it commits: a second process's change waits and then sees this one. */
  private async locked(tx: Queryable, location: string, id: string): Promise<StoredPayment> {
    const stored = await this.payments.getForChange(tx, location, id);
    if (!stored) throw paymentNotFound(id);
    return stored;
  }

  private async move(
    tx: Queryable,
    payment: Payment,
    to: PaymentStatus,
    actor: Actor,
    record: RecordEvent,
    change: { rejectReason?: string; receipt?: { type: ReceiptImageType; bytes: number } },
  ): Promise<Payment> {
    const time = instantOf(this.clock);
    const stored = await this.payments.update(tx, { id: payment.id, version: payment.version, status: to, updatedAt: time.iso, ...change });
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
