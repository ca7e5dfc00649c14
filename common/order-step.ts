import { EVENT_TYPES, type Actor, type NewTicketEvent } from './events.js';
import type { Order, OrderStatus } from './order.js';
import { orderAfterEvent, type OrderChangeEvent } from './order-after-event.js';
import { allStationsReady, findStation, stationsOfOrder, type StationAction } from './order-stations.js';

/**
 * One request's changes to one order, built up move by move before anything is written: a station
 * bump on a submitted order is three moves (accepted, the station ready, and — for its last
 * station — ready). Each move is one event and one version, and the order after it is what
 * `orderAfterEvent` makes of that event: exactly what an agent applying the events one by one,
 * from the events alone, will hold. The backend records the events; an agent moving a card of its
 * own, or showing an offline bump before the backend has it, makes the same moves.
 */
export class OrderStep {
  readonly events: NewTicketEvent[] = [];
  private current: Order;

  constructor(
    readonly before: Order,
    private readonly actor: Actor,
    private readonly at: string,
  ) {
    this.current = { ...before, stations: stationsOfOrder(before) };
  }

  get order(): Order {
    return this.current;
  }

  get changed(): boolean {
    return this.events.length > 0;
  }

  /** Whether this step took the order from `from` to `to` in one of its moves. */
  moved(from: OrderStatus, to: OrderStatus): boolean {
    return this.events.some((event) => event.type === EVENT_TYPES.orderStatusChanged && event.from === from && event.to === to);
  }

  /** A whole-order move; `station` names the station whose bump or recall caused it. */
  moveTo(to: OrderStatus, options: { reason?: string | undefined; station?: string | undefined } = {}): void {
    const from = this.current.status;
    this.apply({
      type: EVENT_TYPES.orderStatusChanged,
      orderId: this.current.id,
      from,
      to,
      ...this.stamp(),
      ...(options.reason !== undefined ? { reason: options.reason } : {}),
      ...(options.station !== undefined ? { station: options.station } : {}),
    });
    // An order's end is news of its own (the diner page stops listening on it): the next seq,
    // in the same transaction as the status change, with the same version.
    if (to === 'completed' || to === 'cancelled') {
      this.events.push({ type: EVENT_TYPES.orderClosed, orderId: this.current.id, to, finalStatus: to, actor: this.actor, at: this.at, version: this.current.version });
    }
  }

  stationReady(station: string): void {
    this.apply({ type: EVENT_TYPES.orderStationReady, orderId: this.current.id, station, to: 'ready', ...this.stamp() });
  }

  stationPending(station: string): void {
    this.apply({ type: EVENT_TYPES.orderStationRecalled, orderId: this.current.id, station, to: 'pending', ...this.stamp() });
  }

  /** Who, when, and the version the next move makes. */
  private stamp(): { actor: Actor; at: string; version: number } {
    return { actor: this.actor, at: this.at, version: this.current.version + 1 };
  }

  private apply(event: OrderChangeEvent): void {
    const next = orderAfterEvent(this.current, event);
    if (!next) throw new Error(`event ${event.type} of order ${this.current.id} did not apply`);
    this.current = next;
    this.events.push(event);
  }
}

/**
 * A station bump's moves: a submitted order is accepted first, the station's part is done, and the
 * last pending station makes the order ready. Nothing for a station already ready. The caller has
 * checked that the order has this station and is open.
 */
export function bumpStationMoves(step: OrderStep, station: string): void {
  if (findStation(step.order.stations ?? [], station)?.status !== 'pending') return;
  if (step.order.status === 'submitted') step.moveTo('accepted', { station });
  step.stationReady(station);
  if (allStationsReady(step.order.stations ?? [])) step.moveTo('ready', { station });
}

/** A station recall's moves: its part back to pending, and a ready order back to accepted. Nothing for a pending station. */
export function recallStationMoves(step: OrderStep, station: string): void {
  if (findStation(step.order.stations ?? [], station)?.status !== 'ready') return;
  step.stationPending(station);
  if (step.order.status === 'ready') step.moveTo('accepted', { station });
}

/** An agent's station bump or recall of `order`, made at `at` (no events when there is nothing to move). */
export function stationStep(order: Order, station: string, action: StationAction, at: string): OrderStep {
  const step = new OrderStep(order, { type: 'agent', id: 'local' }, at);
  if (action === 'ready') bumpStationMoves(step, station);
  else recallStationMoves(step, station);
  return step;
}
