import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KitchenApi } from '../../../common/kitchen-api.js';

interface CustomerCancel {
  orderId: string;
  number: string;
}

/** Notices kept at once; older ones give way (a busy evening must not cover the rail). */
const MAX_NOTICES = 3;

/**
 * "#A-014 cancelled by the customer" (issue 24): the diner cancelled, the card has left the rail,
 * and staff should know why it vanished. Shown on every screen until tapped away; once per order,
 * however often the alert arrives (a replay after a reconnect).
 */
export function CustomerCancelNotices({ api }: { api: Pick<KitchenApi, 'subscribe'> }) {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<CustomerCancel[]>([]);

  useEffect(
    () =>
      api.subscribe((update) => {
        if (update.type !== 'alert' || update.alert !== 'order.cancelled_by_customer' || !update.orderId) return;
        const notice = { orderId: update.orderId, number: update.orderNumber ?? '' };
        setNotices((current) => (current.some((held) => held.orderId === notice.orderId) ? current : [...current, notice].slice(-MAX_NOTICES)));
      }),
    [api],
  );

  if (notices.length === 0) return null;
  return (
    <div className="customer-cancel-notices" role="status">
      {notices.map((notice) => (
        <div key={notice.orderId} className="customer-cancel-notice" data-testid="customer-cancel-notice" data-order-id={notice.orderId}>
          <span className="customer-cancel-text">{notice.number ? t('customerCancel.notice', { number: notice.number }) : t('customerCancel.noticeNoNumber')}</span>
          <button type="button" className="button button-quiet" data-testid="customer-cancel-dismiss" onClick={() => setNotices((current) => current.filter((held) => held.orderId !== notice.orderId))}>
            {t('customerCancel.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
