import { useTranslation } from 'react-i18next';
import { memo, useMemo } from 'react';
import type { RailOrder, RailPayment } from '../../../common/kitchen-api.js';
import type { OrderStatus } from '../../../common/order.js';
import { stationsOfOrder, type StationAction } from '../../../common/order-stations.js';
import { stationBumpOf } from '../../state/station-bump.js';
import type { AgingLevel } from '../../state/aging.js';
import { CardActions } from './CardActions.js';
import { CardFrontOfHouse, type PaymentAction } from './CardFrontOfHouse.js';
import { CardMarkers } from './CardMarkers.js';
import { CardPrintProblem } from './CardPrintProblem.js';
import { CardStations } from './CardStations.js';
import { Elapsed } from './Elapsed.js';
import { NoteLine, OrderItems } from './OrderItems.js';
import { SourceCardBody } from './SourceCardBody.js';

/** The statuses a card on the rail can show; any other is shown as its name. */
const RAIL_STATUSES: ReadonlySet<OrderStatus> = new Set(['submitted', 'accepted', 'ready']);

export interface OrderCardProps {
  order: RailOrder;
  /** 1-based place on the rail: the digit that selects it from a bump bar (1–9). */
  position: number;
  aging: AgingLevel;
  selected: boolean;
  fresh: boolean;
  busy: boolean;
  /** The stations this board is filtered to (empty: all): other stations' items are dimmed. */
  focusStations: readonly string[];
  onTouch: (orderId: string) => void;
  onMove: (orderId: string, to: OrderStatus) => void;
  onStation: (orderId: string, station: string, action: StationAction) => void;
  onCancel: (order: RailOrder) => void;
  onDismissConflict: (orderId: string) => void;
  /** A line struck through by a tap, or taken back (issue 19): `index` into the items, or a source card's lines. */
  onToggleLine: (orderId: string, index: number) => void;
  /** A payment's receipt to view, verify or reject (front of house). */
  onPayment: (order: RailOrder, payment: RailPayment, action: PaymentAction) => void;
}

function cardClass({ order, aging, selected, fresh }: OrderCardProps): string {
  return ['card', `card-age-${aging}`, `card-status-${order.status}`, selected ? 'card-selected' : '', fresh ? 'card-fresh' : ''].filter(Boolean).join(' ');
}

export const OrderCard = memo(function OrderCard(props: OrderCardProps) {
  const { order, position, aging, selected, fresh, busy } = props;
  const { t } = useTranslation();
  const { onToggleLine } = props;
  const struckItems = order.struckItems;
  const strike = useMemo(
    () => ({ struck: new Set(Array.isArray(struckItems) ? struckItems : []), onToggle: (index: number) => onToggleLine(order.id, index) }),
    [struckItems, onToggleLine, order.id],
  );
  return (
    <article
      className={cardClass(props)}
      data-testid={`order-card-${order.number}`}
      data-order-id={order.id}
      data-status={order.status}
      data-aging={aging}
      data-selected={selected ? 'true' : 'false'}
      data-fresh={fresh ? 'true' : 'false'}
      aria-label={t('card.label', { number: order.number })}
      onPointerDown={() => props.onTouch(order.id)}
    >
      {/* The body is what the browser may skip (style, layout, paint) while the card is off screen. */}
      <div className="card-body">
        <header className="card-header">
          <span className="card-number">#{order.number}</span>
          <Elapsed createdAt={order.createdAt} testId={`elapsed-${order.number}`} />
        </header>
        <div className="card-meta">
          {position <= 9 ? (
            <span className="card-key" title={t('card.keyHint', { key: position })}>
              {position}
            </span>
          ) : null}
          <span className="card-type">{t(`card.type.${order.type}`)}</span>
          {order.table ? <span className="card-table">{t('card.table', { table: order.table })}</span> : null}
          {order.customer?.name ? (
            <span className="card-customer" data-testid={`card-customer-${order.number}`}>
              {order.customer.name}
            </span>
          ) : null}
          <span className={`card-status status-${order.status}`}>{RAIL_STATUSES.has(order.status) ? t(`card.status.${order.status as 'submitted' | 'accepted' | 'ready'}`) : order.status}</span>
        </div>
        <CardStations stations={stationsOfOrder(order)} number={order.number} />
        <CardMarkers order={order} onDismissConflict={() => props.onDismissConflict(order.id)} />
        <CardPrintProblem orderId={order.id} number={order.number} />
        {order.source ? <SourceCardBody source={order.source} number={order.number} strike={strike} /> : <OrderItems items={order.items} number={order.number} focus={props.focusStations} strike={strike} />}
        {order.notes ? <NoteLine note={order.notes} testId={`order-note-${order.number}`} /> : null}
        <CardFrontOfHouse order={order} busy={busy} onPayment={props.onPayment} />
        <CardActions
          order={order}
          busy={busy}
          stationBump={stationBumpOf(order, props.focusStations)}
          onMove={(to) => props.onMove(order.id, to)}
          onStation={(station, action) => props.onStation(order.id, station, action)}
          onCancel={() => props.onCancel(order)}
        />
      </div>
    </article>
  );
});
