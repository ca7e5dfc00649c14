import { useTranslation } from 'react-i18next';
import type { RailOrder } from '../../../common/kitchen-api.js';
import type { OrderStatus } from '../../../common/order.js';
import type { StationAction } from '../../../common/order-stations.js';
import { BUMP_ACTIONS, nextStatus } from '../../state/rail.js';

interface CardActionsProps {
  order: RailOrder;
  busy: boolean;
  /** With one station chosen, the main button is that station's (state/station-bump.ts). */
  stationBump: { station: string; action: StationAction } | undefined;
  onMove: (to: OrderStatus) => void;
  onStation: (station: string, action: StationAction) => void;
  onCancel: () => void;
}

/**
 * The bump for the order's status (Accept, Ready, Complete) or, on a board filtered to one
 * station, that station's bump ("Bar ready") or recall; Recall on ready orders; and Cancel.
 */
export function CardActions({ order, busy, stationBump, onMove, onStation, onCancel }: CardActionsProps) {
  const { t } = useTranslation();
  const next = nextStatus(order.status);
  const action = BUMP_ACTIONS[order.status];
  const n = order.number;
  return (
    <div className="card-actions">
      {stationBump ? (
        <button
          type="button"
          className={stationBump.action === 'ready' ? 'button button-bump bump-station' : 'button'}
          data-testid={`action-station-${stationBump.action}-${n}`}
          disabled={busy}
          onClick={() => onStation(stationBump.station, stationBump.action)}
        >
          {stationBump.action === 'ready' ? t('stationWork.ready', { station: stationBump.station }) : t('stationWork.recall', { station: stationBump.station })}
        </button>
      ) : next && action ? (
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
