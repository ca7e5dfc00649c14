import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { FrontOfHouseRequestContext } from './front-of-house-requests.js';
import { formatMoney } from '../../../common/i18n/format.js';
import type { RailOrder, RailPayment } from '../../../common/kitchen-api.js';
import { useLanguage } from '../../i18n/useLanguage.js';

export type PaymentAction = 'view' | 'verify' | 'reject';

/**
 * What front of house adds to a card: each payment with its state and amount (a receipt can be
 * viewed, verified or rejected from here), and the courier's tracking link.
 */
export function CardFrontOfHouse({ order, busy, onPayment }: { order: RailOrder; busy: boolean; onPayment: (order: RailOrder, payment: RailPayment, action: PaymentAction) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const request = useContext(FrontOfHouseRequestContext);
  const { payments = [], courier } = order;
  // Requests from the board are TicketRail's (a card of another source has no backend order to ask on).
  const canRequest = request !== undefined && order.source === undefined;
  if (payments.length === 0 && !courier && !canRequest) return null;
  return (
    <div className="card-foh" data-testid={`card-foh-${order.number}`}>
      {canRequest ? (
        <span className="card-foh-requests">
          <button type="button" className="button button-small" disabled={busy} data-testid={`request-payment-${order.number}`} onClick={() => request(order, 'payment')}>
            {t('fohRequest.payment')}
          </button>
          {order.type === 'delivery' ? (
            <button type="button" className="button button-small" disabled={busy} data-testid={`set-courier-${order.number}`} onClick={() => request(order, 'courier')}>
              {t('fohRequest.courier')}
            </button>
          ) : null}
        </span>
      ) : null}
      {payments.map((payment) => (
        <div key={payment.id} className={`card-payment payment-${payment.status}`} data-testid={`payment-${payment.id}`} data-status={payment.status}>
          <span className="payment-label">
            {t(`payment.status.${payment.status}`)}
            {payment.type === 'courier' ? ` ${t('payment.courier')}` : ''}
          </span>
          <span className="payment-amount">{formatMoney(language, payment.amount, payment.currency)}</span>
          {payment.status === 'receipt_uploaded' ? (
            <span className="payment-actions">
              <button type="button" className="button button-small" data-testid={`receipt-view-${payment.id}`} onClick={() => onPayment(order, payment, 'view')}>
                {t('payment.receipt')}
              </button>
              <button type="button" className="button button-small button-primary" disabled={busy} data-testid={`payment-verify-${payment.id}`} onClick={() => onPayment(order, payment, 'verify')}>
                {t('payment.verify')}
              </button>
              <button type="button" className="button button-small" disabled={busy} data-testid={`payment-reject-${payment.id}`} onClick={() => onPayment(order, payment, 'reject')}>
                {t('payment.reject')}
              </button>
            </span>
          ) : null}
          {payment.status === 'rejected' && payment.rejectReason ? <span className="payment-reason">{payment.rejectReason}</span> : null}
        </div>
      ))}
      {courier ? (
        <a className="card-courier" data-testid={`courier-link-${order.number}`} href={courier.trackingUrl} target="_blank" rel="noopener noreferrer">
          🛵 {courier.name ?? courier.vendor}
          {courier.phone !== undefined ? ` · ${courier.phone}` : ''}
          {courier.etaMinutes !== undefined ? ` · ${t('payment.eta', { count: courier.etaMinutes })}` : ''}
        </a>
      ) : null}
    </div>
  );
}
