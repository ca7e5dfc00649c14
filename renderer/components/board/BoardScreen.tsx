import { useTranslation } from 'react-i18next';
import { lazy, memo, Suspense, useCallback, useEffect, useMemo, useState, type Dispatch } from 'react';
import type { RailOrder, RailPayment } from '../../../common/kitchen-api.js';
import type { PaymentAction } from './CardFrontOfHouse.js';
import { ReceiptDialog, RejectPaymentDialog } from './PaymentDialogs.js';
import { CourierDialog, RequestPaymentDialog } from './FrontOfHouseDialogs.js';
import { FrontOfHouseRequestContext, type FrontOfHouseRequest } from './front-of-house-requests.js';
import type { OrderStatus } from '../../../common/order.js';
import type { OrderActions } from '../../hooks/useOrderActions.js';
import { gridColumns, scrollSelectedIntoView, useRailKeyboard } from '../../hooks/useRailKeyboard.js';
import type { KeyMap } from '../../../common/key-map.js';
import { allDayCounts } from '../../state/all-day.js';
import type { AgingThresholds } from '../../state/aging.js';
import type { BoardAction, BoardState } from '../../state/board-state.js';
import { nextStatus, recallTarget, sortOldestFirst } from '../../state/rail.js';
import { selectionAfter, type RailCommand } from '../../state/selection.js';
import { filterOrdersByStations, toggleStation } from '../../state/stations.js';
import { stationBumpOf } from '../../state/station-bump.js';
import type { StationAction } from '../../../common/order-stations.js';
import { ServedRecall } from './ServedRecall.js';
import { AllDayPanel } from './AllDayPanel.js';
import { Rail } from './Rail.js';
import { StationChips } from './StationChips.js';

/** The dialog validates the reason with the shared zod schema: its own chunk, loaded on demand (see App). */
export const loadCancelDialog = () => import('./CancelDialog.js');
const CancelDialog = lazy(() => loadCancelDialog().then((module) => ({ default: module.CancelDialog })));

interface BoardScreenProps {
  /** The parts of the board state this screen shows, apart so print-job and connection updates skip it. */
  orders: BoardState['orders'];
  freshOrderIds: BoardState['freshOrderIds'];
  stations: BoardState['stations'];
  loaded: boolean;
  dispatch: Dispatch<BoardAction>;
  actions: OrderActions;
  thresholds: AgingThresholds;
  /** Stations this screen shows by default (settings.display.stations); empty means all. */
  defaultStations: readonly string[];
  /** The bump bar's keys (settings.display.keys). */
  keys: KeyMap;
}

const railColumns = () => gridColumns('[data-testid="rail"]');

export const BoardScreen = memo(function BoardScreen({ orders, freshOrderIds, stations: allStations, loaded, dispatch, actions, thresholds, defaultStations, keys }: BoardScreenProps) {
  const [stations, setStations] = useState<string[]>([...defaultStations]);
  const [selectedId, setSelectedId] = useState<string>();
  const [cancelling, setCancelling] = useState<RailOrder>();
  const [paymentDialog, setPaymentDialog] = useState<{ order: RailOrder; payment: RailPayment; kind: 'view' | 'reject' }>();
  const [servedOpen, setServedOpen] = useState(false);
  const [fohRequest, setFohRequest] = useState<{ order: RailOrder; request: FrontOfHouseRequest }>();
  const openFohRequest = useCallback((order: RailOrder, request: FrontOfHouseRequest) => setFohRequest({ order, request }), []);

  useEffect(() => setStations([...defaultStations]), [defaultStations]);

  const visible = useMemo(() => filterOrdersByStations(sortOldestFirst(Object.values(orders)), stations), [orders, stations]);
  // The rail shows each order whole (other stations' items dimmed); the all-day counts only the chosen stations'.
  const railOrders = useMemo(() => visible.map((order) => orders[order.id] ?? order), [visible, orders]);
  const visibleIds = useMemo(() => visible.map((order) => order.id), [visible]);
  const counts = useMemo(() => allDayCounts(visible), [visible]);
  const freshIds = useMemo(() => new Set(freshOrderIds), [freshOrderIds]);
  const recallable = recallTarget(visible);
  const selected = selectionAfter(selectedId, { kind: 'none' }, visibleIds);

  const touch = useCallback((orderId: string) => dispatch({ type: 'local/touch', orderId }), [dispatch]);
  const { act, dismissConflict: dismiss } = actions;
  const move = useCallback(
    (orderId: string, to: OrderStatus) => {
      touch(orderId);
      void act(orderId, to);
    },
    [act, touch],
  );
  const { station: stationAction } = actions;
  const onStation = useCallback(
    (orderId: string, station: string, action: StationAction) => {
      touch(orderId);
      void stationAction(orderId, station, action);
    },
    [stationAction, touch],
  );
  // Stable callbacks keep every memoised card from re-rendering on each board update.
  const startCancel = useCallback(
    (order: RailOrder) => {
      touch(order.id);
      setCancelling(order);
    },
    [touch],
  );
  const dismissConflict = useCallback((orderId: string) => void dismiss(orderId), [dismiss]);
  const { toggleItem } = actions;
  const onToggleLine = useCallback(
    (orderId: string, index: number) => {
      touch(orderId);
      void toggleItem(orderId, index);
    },
    [toggleItem, touch],
  );
  const { verifyPayment } = actions;
  const onPayment = useCallback(
    (order: RailOrder, payment: RailPayment, action: PaymentAction) => {
      touch(order.id);
      if (action === 'verify') void verifyPayment(order.id, payment.id);
      else setPaymentDialog({ order, payment, kind: action });
    },
    [touch, verifyPayment],
  );
  const { t } = useTranslation();
  const recall = () => {
    if (recallable) move(recallable.id, 'accepted');
  };

  const onCommand = (command: RailCommand) => {
    if (command.kind === 'select') touch(command.orderId);
    if (command.kind === 'bump') {
      const order = orders[command.orderId];
      const bump = order && stationBumpOf(order, stations);
      const to = order && nextStatus(order.status);
      // With one station chosen, Enter bumps that station's part (never recalls it: that takes a tap).
      const busy = actions.busyIds.has(command.orderId);
      if (bump && !busy) {
        if (bump.action === 'ready') onStation(command.orderId, bump.station, 'ready');
      } else if (to && !busy) move(command.orderId, to);
    }
    if (command.kind === 'recall') recall();
    setSelectedId(selectionAfter(selected, command, visibleIds));
    if (command.kind === 'select') scrollSelectedIntoView(command.orderId);
  };
  useRailKeyboard(cancelling === undefined && paymentDialog === undefined && fohRequest === undefined && !servedOpen, visibleIds, selected, onCommand, keys, railColumns);

  return (
    <FrontOfHouseRequestContext.Provider value={openFohRequest}>
    <div className="board">
      <div className="board-toolbar">
        <StationChips
          stations={allStations}
          selected={stations}
          onToggle={(station) => setStations((current) => toggleStation(current, station, allStations))}
          onAll={() => setStations([])}
        />
        <button type="button" className="button" data-testid="recall-button" disabled={!recallable} onClick={recall} title={t('recall.hint')}>
          ↶ {recallable ? t('recall.labelOrder', { number: recallable.number }) : t('recall.label')}
        </button>
        <ServedRecall actions={actions} onOpenChange={setServedOpen} />
      </div>
      <div className="board-body">
        <Rail
          orders={railOrders}
          thresholds={thresholds}
          selectedId={selected}
          freshIds={freshIds}
          busyIds={actions.busyIds}
          loaded={loaded}
          focusStations={stations}
          onTouch={touch}
          onMove={move}
          onStation={onStation}
          onCancel={startCancel}
          onDismissConflict={dismissConflict}
          onToggleLine={onToggleLine}
          onPayment={onPayment}
        />
        <AllDayPanel counts={counts} />
      </div>
      {cancelling ? (
        <Suspense fallback={null}>
          <CancelDialog
            order={cancelling}
            onClose={() => setCancelling(undefined)}
            onConfirm={(reason) => {
              setCancelling(undefined);
              void actions.act(cancelling.id, 'cancelled', reason);
            }}
          />
        </Suspense>
      ) : null}
      {paymentDialog?.kind === 'view' ? (
        <ReceiptDialog
          order={paymentDialog.order}
          payment={paymentDialog.payment}
          load={actions.viewReceipt}
          onClose={() => setPaymentDialog(undefined)}
          onVerify={() => {
            setPaymentDialog(undefined);
            void verifyPayment(paymentDialog.order.id, paymentDialog.payment.id);
          }}
          onReject={() => setPaymentDialog({ ...paymentDialog, kind: 'reject' })}
        />
      ) : null}
      {paymentDialog?.kind === 'reject' ? (
        <RejectPaymentDialog
          order={paymentDialog.order}
          onClose={() => setPaymentDialog(undefined)}
          onConfirm={(reason) => {
            setPaymentDialog(undefined);
            void actions.rejectPayment(paymentDialog.order.id, paymentDialog.payment.id, reason);
          }}
        />
      ) : null}
      {fohRequest?.request === 'payment' ? (
        <RequestPaymentDialog
          order={fohRequest.order}
          onClose={() => setFohRequest(undefined)}
          onConfirm={(input) => {
            setFohRequest(undefined);
            void actions.requestPayment(input);
          }}
        />
      ) : null}
      {fohRequest?.request === 'courier' ? (
        <CourierDialog
          order={fohRequest.order}
          onClose={() => setFohRequest(undefined)}
          onConfirm={(input) => {
            setFohRequest(undefined);
            void actions.setCourier(input);
          }}
        />
      ) : null}
    </div>
    </FrontOfHouseRequestContext.Provider>
  );
});
