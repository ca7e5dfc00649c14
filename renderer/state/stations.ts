import type { RailOrder } from '../../common/kitchen-api.js';

/**
 * The orders as one set of stations sees them: items of other stations hidden, and orders left with
 * no items dropped. No stations selected means every station.
 */
export function filterOrdersByStations(orders: readonly RailOrder[], stations: readonly string[]): RailOrder[] {
  if (stations.length === 0) return [...orders];
  const shown = new Set(stations);
  const visible: RailOrder[] = [];
  for (const order of orders) {
    const items = order.items.filter((item) => shown.has(item.station));
    if (items.length === 0) continue;
    visible.push(items.length === order.items.length ? order : { ...order, items });
  }
  return visible;
}

/** Toggles one station chip; choosing every station is the same as choosing none (all shown). */
export function toggleStation(selected: readonly string[], station: string, all: readonly string[]): string[] {
  const next = selected.includes(station) ? selected.filter((s) => s !== station) : [...selected, station];
  return all.length > 0 && all.every((s) => next.includes(s)) ? [] : next;
}
