import { memo, useMemo, useState } from 'react';
import type { KeyMap } from '../../../common/key-map.js';
import { gridColumns, scrollSelectedIntoView, useRailKeyboard } from '../../hooks/useRailKeyboard.js';
import { selectionAfter, type RailCommand } from '../../state/selection.js';
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
const expoColumns = () => gridColumns('[data-testid="expo"]');

export const ExpoScreen = memo(function ExpoScreen({ orders, actions, keys }: { orders: BoardState['orders']; actions: OrderActions; keys: KeyMap }) {
  const { t } = useTranslation();
  const sorted = useMemo(() => sortOldestFirst(Object.values(orders)), [orders]);
  const ids = useMemo(() => sorted.map((order) => order.id), [sorted]);
  const [selectedId, setSelectedId] = useState<string>();
  const [servedOpen, setServedOpen] = useState(false);
  const selected = selectionAfter(selectedId, { kind: 'none' }, ids);
  // A bump bar at the pass: digits and arrows select, the serve key serves the selected order —
  // or, with none selected, the oldest one that is ready.
  const onCommand = (command: RailCommand) => {
    if (command.kind === 'serve') {
      const order = command.orderId !== undefined ? orders[command.orderId] : sorted.find((candidate) => candidate.status === 'ready');
      if (order?.status === 'ready' && !actions.busyIds.has(order.id)) void actions.act(order.id, 'completed');
    }
    setSelectedId(selectionAfter(selected, command, ids));
    if (command.kind === 'select') scrollSelectedIntoView(command.orderId);
  };
  useRailKeyboard(!servedOpen, ids, selected, onCommand, keys, expoColumns);
  return (
    <div className="board expo">
      <div className="board-toolbar">
        <ServedRecall actions={actions} onOpenChange={setServedOpen} />
      </div>
      {sorted.length === 0 ? <p className="rail-empty-text">{t('rail.empty')}</p> : null}
      <div className="expo-grid" data-testid="expo">
        {sorted.map((order) => (
          <ExpoCard key={order.id} order={order} selected={order.id === selected} busy={actions.busyIds.has(order.id)} onServe={() => void actions.act(order.id, 'completed')} />
        ))}
      </div>
    </div>
  );
});

function expoCardClass(ready: boolean, selected: boolean): string {
  return ['card', 'expo-card', ready ? 'expo-card-ready' : '', selected ? 'card-selected' : ''].filter(Boolean).join(' ');
}

function ExpoCard({ order, selected, busy, onServe }: { order: RailOrder; selected: boolean; busy: boolean; onServe: () => void }) {
  const { t } = useTranslation();
  const stations = stationsOfOrder(order);
  const ready = order.status === 'ready';
  const waiting = stations.filter((entry) => entry.status === 'pending').map((entry) => entry.station);
  return (
    <article className={expoCardClass(ready, selected)} data-testid={`expo-card-${order.number}`} data-order-id={order.id} data-selected={selected ? 'true' : 'false'} data-status={order.status} aria-label={t('card.label', { number: order.number })}>
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
        <button type="button" className="button button-bump" data-testid={`expo-serve-${order.number}`} disabled={busy} onClick={onServe} title={t('stationWork.serveHint')}>
          {t('stationWork.serve')}
        </button>
      ) : (
        <p className="expo-waiting">{t('stationWork.waiting', { stations: waiting.join(', ') })}</p>
      )}
    </article>
  );
}
