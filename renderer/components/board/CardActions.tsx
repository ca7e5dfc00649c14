import type { RailOrder } from '../../../common/kitchen-api.js';
import type { OrderStatus } from '../../../common/order.js';
import { BUMP_LABELS, nextStatus } from '../../state/rail.js';

interface CardActionsProps {
  order: RailOrder;
  busy: boolean;
  onMove: (to: OrderStatus) => void;
  onCancel: () => void;
}

/** The bump for the order's status (Accept, Ready, Complete), Recall on ready orders, and Cancel. */
export function CardActions({ order, busy, onMove, onCancel }: CardActionsProps) {
  const next = nextStatus(order.status);
  const label = BUMP_LABELS[order.status];
  const n = order.number;
  return (
    <div className="card-actions">
      {next && label ? (
        <button
          type="button"
          className={`button button-bump bump-to-${next}`}
          data-testid={`action-${label.toLowerCase()}-${n}`}
          disabled={busy}
          onClick={() => onMove(next)}
        >
          {label}
        </button>
      ) : null}
      {order.status === 'ready' ? (
        <button type="button" className="button" data-testid={`action-recall-${n}`} disabled={busy} onClick={() => onMove('accepted')}>
          Recall
        </button>
      ) : null}
      <button type="button" className="button button-danger" data-testid={`action-cancel-${n}`} disabled={busy} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
