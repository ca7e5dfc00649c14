import type { RailOrder, RailPayment } from '../../../common/kitchen-api.js';
import { formatMinorUnits, type PaymentStatus } from '../../../common/payment-status.js';

export type PaymentAction = 'view' | 'verify' | 'reject';

const STATUS_LABELS: Record<PaymentStatus, string> = {
  requested: 'Payment requested',
  receipt_uploaded: 'Receipt uploaded',
  verified: 'Paid',
  rejected: 'Receipt rejected',
};

/**
 * What front of house adds to a card: each payment with its state and amount (a receipt can be
 * viewed, verified or rejected from here), and the courier's tracking link.
 */
export function CardFrontOfHouse({ order, busy, onPayment }: { order: RailOrder; busy: boolean; onPayment: (order: RailOrder, payment: RailPayment, action: PaymentAction) => void }) {
  const { payments = [], courier } = order;
  if (payments.length === 0 && !courier) return null;
  return (
    <div className="card-foh" data-testid={`card-foh-${order.number}`}>
      {payments.map((payment) => (
        <div key={payment.id} className={`card-payment payment-${payment.status}`} data-testid={`payment-${payment.id}`} data-status={payment.status}>
          <span className="payment-label">
            {STATUS_LABELS[payment.status]}
            {payment.type === 'courier' ? ' (courier)' : ''}
          </span>
          <span className="payment-amount">{formatMinorUnits(payment.amount, payment.currency)}</span>
          {payment.status === 'receipt_uploaded' ? (
            <span className="payment-actions">
              <button type="button" className="button button-small" data-testid={`receipt-view-${payment.id}`} onClick={() => onPayment(order, payment, 'view')}>
                Receipt
              </button>
              <button type="button" className="button button-small button-primary" disabled={busy} data-testid={`payment-verify-${payment.id}`} onClick={() => onPayment(order, payment, 'verify')}>
                Verify
              </button>
              <button type="button" className="button button-small" disabled={busy} data-testid={`payment-reject-${payment.id}`} onClick={() => onPayment(order, payment, 'reject')}>
                Reject
              </button>
            </span>
          ) : null}
          {payment.status === 'rejected' && payment.rejectReason ? <span className="payment-reason">{payment.rejectReason}</span> : null}
        </div>
      ))}
      {courier ? (
        <a className="card-courier" data-testid={`courier-link-${order.number}`} href={courier.trackingUrl} target="_blank" rel="noopener noreferrer">
          🛵 {courier.vendor}
          {courier.etaMinutes !== undefined ? ` · ETA ${courier.etaMinutes} min` : ''}
        </a>
      ) : null}
    </div>
  );
}
