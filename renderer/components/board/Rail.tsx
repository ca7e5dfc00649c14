import { useTranslation } from 'react-i18next';
import { memo } from 'react';
import type { RailOrder, RailPayment } from '../../../common/kitchen-api.js';
import type { PaymentAction } from './CardFrontOfHouse.js';
import type { OrderStatus } from '../../../common/order.js';
import type { StationAction } from '../../../common/order-stations.js';
import { useNow } from '../../hooks/useNow.js';
import { useRevealedCount } from '../../hooks/useRevealedCount.js';
import { agingLevel, type AgingThresholds } from '../../state/aging.js';
import { ErrorBoundary } from '../shell/ErrorBoundary.js';
import { CardFailed } from './CardFailed.js';
import { OrderCard, type OrderCardProps } from './OrderCard.js';

interface RailProps {
  orders: readonly RailOrder[];
  thresholds: AgingThresholds;
  selectedId: string | undefined;
  freshIds: ReadonlySet<string>;
  busyIds: ReadonlySet<string>;
  loaded: boolean;
  focusStations: readonly string[];
  onTouch: (orderId: string) => void;
  onMove: (orderId: string, to: OrderStatus) => void;
  onStation: (orderId: string, station: string, action: StationAction) => void;
  onCancel: (order: RailOrder) => void;
  onDismissConflict: (orderId: string) => void;
  onToggleLine: (orderId: string, index: number) => void;
  onPayment: (order: RailOrder, payment: RailPayment, action: PaymentAction) => void;
}

/**
 * One card in its own error boundary: a ticket that cannot be rendered becomes a placeholder — the
 * visible message, in its place; a toast as well would only cover the rail — and the rest carries
 * on. A new version of the order gets another try (not a new object: the station filter makes one
 * on every change, and each retry would report the failure again).
 *
 * Memoised as a whole: an update of one order re-renders the rail's list, and every other card is
 * skipped here, on its unchanged props, without rendering its boundary (a class) or making it a new
 * fallback — the second board's chip after a station bump waits on this (issue 19's bench:ui row).
 */
const RailCard = memo(function RailCard(props: OrderCardProps) {
  const { order } = props;
  return (
    <ErrorBoundary resetKey={order.version} fallback={(error) => <CardFailed number={order.number} orderId={order.id} error={error} />}>
      <OrderCard {...props} />
    </ErrorBoundary>
  );
});

export function Rail(props: RailProps) {
  const { orders, thresholds } = props;
  const { t } = useTranslation();
  // Aging changes a card's colours a few times in its life; the per-second timer is <Elapsed>'s
  // own, so on a tick the memoised cards whose aging did not change are skipped.
  const now = useNow();
  const shown = useRevealedCount(orders.length);
  if (orders.length === 0) {
    return (
      <div className="rail rail-empty" data-testid="rail">
        <p className="rail-empty-text">{props.loaded ? t('rail.empty') : t('rail.loading')}</p>
      </div>
    );
  }
  return (
    <div className="rail" data-testid="rail">
      {orders.slice(0, shown).map((order, index) => (
        <RailCard
          key={order.id}
          order={order}
          position={index + 1}
          aging={agingLevel(order.createdAt, now, thresholds)}
          selected={order.id === props.selectedId}
          fresh={props.freshIds.has(order.id)}
          busy={props.busyIds.has(order.id)}
          focusStations={props.focusStations}
          onTouch={props.onTouch}
          onMove={props.onMove}
          onStation={props.onStation}
          onCancel={props.onCancel}
          onDismissConflict={props.onDismissConflict}
          onToggleLine={props.onToggleLine}
          onPayment={props.onPayment}
        />
      ))}
    </div>
  );
}
