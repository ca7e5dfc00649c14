import { useTranslation } from 'react-i18next';
import type { OrderStatus } from '../../common/order-status.js';

const STEPS = ['submitted', 'accepted', 'ready', 'completed'] as const satisfies readonly OrderStatus[];
const ORDER: Record<OrderStatus, number> = { submitted: 0, accepted: 1, ready: 2, completed: 3, cancelled: -1 };

/** Where the order is: each step done, the current one marked; a cancelled order says so instead. */
export function StatusTimeline({ status, cancelledBy }: { status: OrderStatus; cancelledBy?: 'customer' | 'staff' | undefined }) {
  const { t } = useTranslation('diner');
  if (status === 'cancelled') {
    return (
      <p className="status-cancelled" data-testid="diner-status" data-status={status}>
        {t(cancelledBy === 'customer' ? 'cancel.done' : 'status.cancelled')}
      </p>
    );
  }
  const current = ORDER[status];
  return (
    <ol className="timeline" data-testid="diner-status" data-status={status} aria-label={t('status.label')}>
      {STEPS.map((step, index) => (
        <li key={step} className={index < current ? 'step step-done' : index === current ? 'step step-current' : 'step'} aria-current={index === current ? 'step' : undefined}>
          {t(`status.${step}`)}
        </li>
      ))}
    </ol>
  );
}
