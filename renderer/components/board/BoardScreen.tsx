import { useCallback, useEffect, useMemo, useState, type Dispatch } from 'react';
import type { RailOrder } from '../../../common/kitchen-api.js';
import type { OrderStatus } from '../../../common/order.js';
import type { OrderActions } from '../../hooks/useOrderActions.js';
import { useRailKeyboard } from '../../hooks/useRailKeyboard.js';
import { allDayCounts } from '../../state/all-day.js';
import type { AgingThresholds } from '../../state/aging.js';
import type { BoardAction, BoardState } from '../../state/board-state.js';
import { nextStatus, recallTarget, sortOldestFirst } from '../../state/rail.js';
import { selectionAfter, type RailCommand } from '../../state/selection.js';
import { filterOrdersByStations, toggleStation } from '../../state/stations.js';
import { AllDayPanel } from './AllDayPanel.js';
import { CancelDialog } from './CancelDialog.js';
import { Rail } from './Rail.js';
import { StationChips } from './StationChips.js';

interface BoardScreenProps {
  board: BoardState;
  dispatch: Dispatch<BoardAction>;
  actions: OrderActions;
  now: number;
  thresholds: AgingThresholds;
  /** Stations this screen shows by default (settings.display.stations); empty means all. */
  defaultStations: readonly string[];
}

export function BoardScreen({ board, dispatch, actions, now, thresholds, defaultStations }: BoardScreenProps) {
  const [stations, setStations] = useState<string[]>([...defaultStations]);
  const [selectedId, setSelectedId] = useState<string>();
  const [cancelling, setCancelling] = useState<RailOrder>();

  useEffect(() => setStations([...defaultStations]), [defaultStations]);

  const visible = useMemo(() => filterOrdersByStations(sortOldestFirst(Object.values(board.orders)), stations), [board.orders, stations]);
  const visibleIds = useMemo(() => visible.map((order) => order.id), [visible]);
  const counts = useMemo(() => allDayCounts(visible), [visible]);
  const freshIds = useMemo(() => new Set(board.freshOrderIds), [board.freshOrderIds]);
  const recallable = recallTarget(visible);
  const selected = selectionAfter(selectedId, { kind: 'none' }, visibleIds);

  const touch = useCallback((orderId: string) => dispatch({ type: 'local/touch', orderId }), [dispatch]);
  const move = useCallback(
    (orderId: string, to: OrderStatus) => {
      touch(orderId);
      void actions.act(orderId, to);
    },
    [actions, touch],
  );
  const recall = () => {
    if (recallable) move(recallable.id, 'accepted');
  };

  const onCommand = (command: RailCommand) => {
    if (command.kind === 'select') touch(command.orderId);
    if (command.kind === 'bump') {
      const order = board.orders[command.orderId];
      const to = order && nextStatus(order.status);
      if (to && !actions.busyIds.has(command.orderId)) move(command.orderId, to);
    }
    if (command.kind === 'recall') recall();
    setSelectedId(selectionAfter(selected, command, visibleIds));
  };
  useRailKeyboard(cancelling === undefined, visibleIds, selected, onCommand);

  return (
    <div className="board">
      <div className="board-toolbar">
        <StationChips
          stations={board.stations}
          selected={stations}
          onToggle={(station) => setStations((current) => toggleStation(current, station, board.stations))}
          onAll={() => setStations([])}
        />
        <button type="button" className="button" data-testid="recall-button" disabled={!recallable} onClick={recall} title="Take the last bumped order back (R)">
          ↶ Recall{recallable ? ` #${recallable.number}` : ''}
        </button>
      </div>
      <div className="board-body">
        <Rail
          orders={visible}
          now={now}
          thresholds={thresholds}
          selectedId={selected}
          freshIds={freshIds}
          busyIds={actions.busyIds}
          loaded={board.loaded}
          onTouch={touch}
          onMove={move}
          onCancel={(order) => {
            touch(order.id);
            setCancelling(order);
          }}
          onDismissConflict={(orderId) => void actions.dismissConflict(orderId)}
        />
        <AllDayPanel counts={counts} />
      </div>
      {cancelling ? (
        <CancelDialog
          order={cancelling}
          onClose={() => setCancelling(undefined)}
          onConfirm={(reason) => {
            setCancelling(undefined);
            void actions.act(cancelling.id, 'cancelled', reason);
          }}
        />
      ) : null}
    </div>
  );
}
