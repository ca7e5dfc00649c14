import { EVENT_TYPES, isPaymentEvent, type CourierEvent, type PaymentEvent } from '../../../../common/events.js';
import type { RailPayment } from '../../../../common/kitchen-api.js';
import type { Payment } from '../../../../common/payment.js';
import type { FrontOfHouseCache } from './front-of-house-cache.js';

/** A payment as the backend answers it, as a card shows it. */
export function railPaymentOf(payment: Payment): RailPayment {
  return {
    id: payment.id,
    type: payment.type,
    amount: payment.amount,
    currency: payment.currency,
    status: payment.status,
    ...(payment.qrExpiresAt !== undefined ? { qrExpiresAt: payment.qrExpiresAt } : {}),
    ...(payment.rejectReason !== undefined ? { rejectReason: payment.rejectReason } : {}),
    updatedAt: payment.updatedAt,
    version: payment.version,
  };
}

/**
 * Applies a payment or courier event to the cache from the event alone (they carry every field a
 * card shows). Answers the order whose card changed, or undefined when the event is older than
 * what the cache holds. Runs inside the applier's transaction.
 */
export function applyFrontOfHouseEvent(cache: FrontOfHouseCache, event: PaymentEvent | CourierEvent): string | undefined {
  if (isPaymentEvent(event)) {
    const previous = cache.payment(event.paymentId)?.payment;
    const qrExpiresAt = event.type === EVENT_TYPES.paymentRequested ? event.qrExpiresAt : previous?.qrExpiresAt;
    const payment: RailPayment = {
      id: event.paymentId,
      type: event.paymentType,
      amount: event.amount,
      currency: event.currency,
      status: event.to,
      ...(qrExpiresAt !== undefined ? { qrExpiresAt } : {}),
      ...(event.type === EVENT_TYPES.paymentRejected ? { rejectReason: event.reason } : {}),
      updatedAt: event.at,
      version: event.version,
    };
    return cache.putPaymentIfNewer(event.orderId, payment) ? event.orderId : undefined;
  }
  const courier = {
    vendor: event.vendor,
    trackingUrl: event.trackingUrl,
    ...(event.etaMinutes !== undefined ? { etaMinutes: event.etaMinutes } : {}),
    ...(event.name !== undefined ? { name: event.name } : {}),
    ...(event.phone !== undefined ? { phone: event.phone } : {}),
    updatedAt: event.at,
    version: event.version,
  };
  return cache.putCourierIfNewer(event.orderId, courier) ? event.orderId : undefined;
}
