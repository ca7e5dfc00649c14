import type { RailOrder } from '../../common/kitchen-api.js';
import { compareCodePoints } from './compare.js';

export interface AllDayCount {
  name: string;
  qty: number;
}

/**
 * "All day": how many of each item the visible orders need in total, by item name (modifiers
 * ignored), most first. Pass orders already filtered to the visible stations.
 */
export function allDayCounts(orders: readonly RailOrder[]): AllDayCount[] {
  const totals = new Map<string, number>();
  for (const order of orders) {
    for (const item of order.items) {
      const name = item.name.trim();
      totals.set(name, (totals.get(name) ?? 0) + item.qty);
    }
  }
  return [...totals].map(([name, qty]) => ({ name, qty })).sort((a, b) => b.qty - a.qty || compareCodePoints(a.name, b.name));
}
