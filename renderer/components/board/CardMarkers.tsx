import { useTranslation } from 'react-i18next';
import type { RailOrder } from '../../../common/kitchen-api.js';

/** Local state the backend has not confirmed yet, and conflicts it reported. */
export function CardMarkers({ order, onDismissConflict }: { order: RailOrder; onDismissConflict: () => void }) {
  const { t } = useTranslation();
  const n = order.number;
  return (
    <>
      {order.pendingActions > 0 || order.unconfirmed ? (
        <div className="markers">
          {order.pendingActions > 0 ? (
            <span className="marker marker-pending" data-testid={`pending-${n}`}>
              {t('card.pending')}
            </span>
          ) : null}
          {order.unconfirmed ? (
            <span className="marker marker-unconfirmed" data-testid={`unconfirmed-${n}`}>
              {t('card.offlineChange')}
            </span>
          ) : null}
        </div>
      ) : null}
      {order.conflict ? (
        <div className="conflict" data-testid={`conflict-${n}`} role="alert">
          <span className="conflict-text">{order.conflict}</span>
          <button type="button" className="button button-small" data-testid={`dismiss-conflict-${n}`} onClick={onDismissConflict}>
            {t('card.dismiss')}
          </button>
        </div>
      ) : null}
    </>
  );
}
