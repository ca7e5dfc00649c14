import { describe, expect, it } from 'vitest';
import { item, railOrder } from '../testing/orders.js';
import { allDayCounts } from './all-day.js';
import { filterOrdersByStations } from './stations.js';

describe('allDayCounts', () => {
  it('sums quantities by item name across orders, ignoring modifiers, most first', () => {
    const orders = [
      railOrder({ items: [item('Burger', { qty: 2, modifiers: ['no onion'] }), item('Fries', { qty: 1 })] }),
      railOrder({ items: [item('Burger', { qty: 1 }), item('Salad', { qty: 3 })] }),
    ];
    expect(allDayCounts(orders)).toEqual([
      { name: 'Burger', qty: 3 },
      { name: 'Salad', qty: 3 },
      { name: 'Fries', qty: 1 },
    ]);
  });

  it('counts only the visible stations when given filtered orders', () => {
    const orders = [railOrder({ items: [item('Burger', { qty: 2 }), item('Beer', { qty: 4, station: 'bar' })] })];
    expect(allDayCounts(filterOrdersByStations(orders, ['bar']))).toEqual([{ name: 'Beer', qty: 4 }]);
  });

  it('is empty for no orders', () => {
    expect(allDayCounts([])).toEqual([]);
  });
});
