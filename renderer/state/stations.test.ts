import { describe, expect, it } from 'vitest';
import { item, railOrder } from '../testing/orders.js';
import { filterOrdersByStations, toggleStation } from './stations.js';

describe('filterOrdersByStations', () => {
  const mixed = railOrder({ items: [item('Burger'), item('Beer', { station: 'bar' })] });
  const barOnly = railOrder({ items: [item('Wine', { station: 'bar' })] });
  const kitchenOnly = railOrder({ items: [item('Soup')] });

  it('shows everything when no station is chosen', () => {
    expect(filterOrdersByStations([mixed, barOnly, kitchenOnly], [])).toEqual([mixed, barOnly, kitchenOnly]);
  });

  it('hides items of other stations and drops orders left with none', () => {
    const visible = filterOrdersByStations([mixed, barOnly, kitchenOnly], ['kitchen']);
    expect(visible.map((order) => order.id)).toEqual([mixed.id, kitchenOnly.id]);
    expect(visible[0]?.items.map((i) => i.name)).toEqual(['Burger']);
    expect(visible[1]).toBe(kitchenOnly);
  });

  it('accepts several stations', () => {
    expect(filterOrdersByStations([mixed, barOnly], ['kitchen', 'bar'])[0]?.items).toHaveLength(2);
  });
});

describe('toggleStation', () => {
  const all = ['kitchen', 'bar', 'expo'];
  it('adds and removes a station', () => {
    expect(toggleStation([], 'bar', all)).toEqual(['bar']);
    expect(toggleStation(['bar', 'expo'], 'bar', all)).toEqual(['expo']);
  });

  it('turns "every station chosen" into "all"', () => {
    expect(toggleStation(['kitchen', 'bar'], 'expo', all)).toEqual([]);
  });
});
