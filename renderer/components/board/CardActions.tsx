import { useTranslation } from 'react-i18next';
import type { RailOrder } from '../../../common/kitchen-api.js';
import type { OrderStatus } from '../../../common/order.js';
import { BUMP_ACTIONS, nextStatus } from '../../state/rail.js';

interface CardActionsProps {
  order: RailOrder;
  busy: boolean;
  onMove: (to: OrderStatus) => void;
  onCancel: () => void;
}

/** The bump for the order's status (Accept, Ready, Complete), Recall on ready orders, and Cancel. */
export function CardActions({ order, busy, onMove, onCancel }: CardActionsProps) {
  const { t } = useTranslation();
  const next = nextStatus(order.status);
  const action = BUMP_ACTIONS[order.status];
  const n = order.number;
  return (
    <div className="card-actions">
      {next && action ? (
        <button
          type="button"
          className={`button button-bump bump-to-${next}`}
          data-testid={`action-${action}-${n}`}
          disabled={busy}
          onClick={() => onMove(next)}
        >
          {t(`card.actions.${action}`)}
        </button>
      ) : null}
      {order.status === 'ready' ? (
        <button type="button" className="button" data-testid={`action-recall-${n}`} disabled={busy} onClick={() => onMove('accepted')}>
          {t('card.actions.recall')}
        </button>
      ) : null}
      <button type="button" className="button button-danger" data-testid={`action-cancel-${n}`} disabled={busy} onClick={onCancel}>
        {t('card.actions.cancel')}
      </button>
    </div>
  );
}
