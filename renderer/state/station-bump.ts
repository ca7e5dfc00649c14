import type { RailOrder } from '../../common/kitchen-api.js';
import { findStation, stationsOfOrder, type StationAction } from '../../common/order-stations.js';

/**
 * What the card's main button does for a board filtered to one station: that station's bump
 * ("Bar ready") while its part is pending, or its recall once done and the order is not yet ready.
 * Undefined when the card's own bump applies: no single station chosen, an order with one station
 * (its bump is the card's bump), or an order ready or closed.
 */
export function stationBumpOf(order: RailOrder, focus: readonly string[]): { station: string; action: StationAction } | undefined {
  if (focus.length !== 1) return undefined;
  if (order.status !== 'submitted' && order.status !== 'accepted') return undefined;
  const stations = stationsOfOrder(order);
  const station = focus[0]!;
  const entry = findStation(stations, station);
  if (!entry || stations.length < 2) return undefined;
  return { station, action: entry.status === 'pending' ? 'ready' : 'recall' };
}
