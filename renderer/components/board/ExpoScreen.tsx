import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RailOrder } from '../../../common/kitchen-api.js';
import { stationsOfOrder } from '../../../common/order-stations.js';
import type { BoardState } from '../../state/board-state.js';
import type { OrderActions } from '../../hooks/useOrderActions.js';
import { sortOldestFirst } from '../../state/rail.js';
import { CardStations } from './CardStations.js';
import { Elapsed } from './Elapsed.js';
import { ServedRecall } from './ServedRecall.js';

/**
 * The expo's view: every open order, oldest first, with its stations' chips. An order whose
 * stations are all done (it is ready) stands out, and its button serves it (ready → completed).
 */
export const ExpoScreen = memo(function ExpoScreen({ orders, actions }: { orders: BoardState['orders']; actions: OrderActions }) {
  const { t } = useTranslation();
  const sorted = useMemo(() => sortOldestFirst(Object.values(orders)), [orders]);
  return (
    <div className="board expo">
      <div className="board-toolbar">
        <ServedRecall actions={actions} />
      </div>
      {sorted.length === 0 ? <p className="rail-empty-text">{t('rail.empty')}</p> : null}
      <div className="expo-grid" data-testid="expo">
        {sorted.map((order) => (
          <ExpoCard key={order.id} order={order} busy={actions.busyIds.has(order.id)} onServe={() => void actions.act(order.id, 'completed')} />
        ))}
      </div>
    </div>
  );
});

function ExpoCard({ order, busy, onServe }: { order: RailOrder; busy: boolean; onServe: () => void }) {
  const { t } = useTranslation();
  const stations = stationsOfOrder(order);
  const ready = order.status === 'ready';
  const waiting = stations.filter((entry) => entry.status === 'pending').map((entry) => entry.station);
  return (
    <article className={ready ? 'card expo-card expo-card-ready' : 'card expo-card'} data-testid={`expo-card-${order.number}`} data-status={order.status} aria-label={t('card.label', { number: order.number })}>
      <header className="card-header">
        <span className="card-number">#{order.number}</span>
        <Elapsed createdAt={order.createdAt} testId={`expo-elapsed-${order.number}`} />
      </header>
      <div className="card-meta">
        <span className="card-type">{t(`card.type.${order.type}`)}</span>
        {order.table ? <span className="card-table">{t('card.table', { table: order.table })}</span> : null}
      </div>
      <CardStations stations={stations} number={order.number} />
      {ready ? (
        <button type="button" className="button button-bump bump-serve" data-testid={`expo-serve-${order.number}`} disabled={busy} onClick={onServe} title={t('stationWork.serveHint')}>
          {t('stationWork.serve')}
        </button>
      ) : (
        <p className="expo-waiting">{t('stationWork.waiting', { stations: waiting.join(', ') })}</p>
      )}
    </article>
  );
}
