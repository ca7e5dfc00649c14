import { describe, expect, it } from 'vitest';
import type { RailOrder } from './kitchen-api.js';
import { screenState } from './customer-screen.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

function order(number: string, status: RailOrder['status'], createdMin: number, updatedMin: number): RailOrder {
  return {
    id: `o-${number}`,
    number,
    type: 'takeaway',
    status,
    items: [{ name: 'Burger', qty: 1, station: 'kitchen', modifiers: [] }],
    notes: 'ring the bell',
    table: '4',
    customer: { name: 'Anna Kowalska', phone: '+48 600 100 200' },
    createdAt: ago(createdMin),
    updatedAt: ago(updatedMin),
    version: 2,
    pendingActions: 0,
    unconfirmed: false,
  };
}

describe('the customer screen state', () => {
  const orders = [
    order('12', 'accepted', 5, 4),
    order('11', 'submitted', 8, 8),
    order('13', 'ready', 20, 2),
    order('14', 'ready', 25, 9),
    order('10', 'ready', 30, 11),
    order('9', 'completed', 30, 1),
    order('8', 'cancelled', 30, 1),
  ];

  it('shows preparing oldest first, ready newest first, and drops ready orders after the set minutes', () => {
    const state = screenState(orders, NOW, { showNames: false, readyMinutes: 10, language: 'pl' });
    expect(state).toEqual({ preparing: [{ number: '11' }, { number: '12' }], ready: [{ number: '13' }, { number: '14' }], language: 'pl' });
  });

  it('carries a first name only when allowed, and never phones, items, notes or tables', () => {
    const hidden = JSON.stringify(screenState(orders, NOW, { showNames: false, readyMinutes: 10, language: 'en' }));
    const named = screenState(orders, NOW, { showNames: true, readyMinutes: 10, language: 'en' });
    expect(hidden).not.toContain('Anna');
    expect(named.ready[0]).toEqual({ number: '13', name: 'Anna' });
    for (const text of [hidden, JSON.stringify(named)]) {
      for (const secret of ['600 100 200', 'Kowalska', 'Burger', 'ring the bell', '"table"', '"id"']) expect(text).not.toContain(secret);
    }
  });
});
