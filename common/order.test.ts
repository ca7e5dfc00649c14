import { describe, expect, it } from 'vitest';
import {
  ORDER_STATUSES,
  OrderInputSchema,
  allowedOrderTransitions,
  canTransitionOrder,
  isActiveOrderStatus,
  stationsOf,
} from './order.js';

describe('order state machine', () => {
  it('walks the happy path and allows recall', () => {
    expect(canTransitionOrder('submitted', 'accepted')).toBe(true);
    expect(canTransitionOrder('accepted', 'ready')).toBe(true);
    expect(canTransitionOrder('ready', 'completed')).toBe(true);
    expect(canTransitionOrder('ready', 'accepted')).toBe(true);
  });

  it('refuses skipping steps and leaving final states', () => {
    expect(canTransitionOrder('submitted', 'ready')).toBe(false);
    expect(canTransitionOrder('submitted', 'completed')).toBe(false);
    for (const to of ORDER_STATUSES) {
      // A served order comes back only as ready (the backend holds it to its recall window).
      expect(canTransitionOrder('completed', to)).toBe(to === 'ready');
      expect(canTransitionOrder('cancelled', to)).toBe(false);
    }
  });

  it('allows cancelling from every active status only', () => {
    const cancellable = ORDER_STATUSES.filter((from) => canTransitionOrder(from, 'cancelled'));
    expect(cancellable).toEqual(['submitted', 'accepted', 'ready']);
    expect(cancellable.every(isActiveOrderStatus)).toBe(true);
    expect(allowedOrderTransitions('ready')).toEqual(['completed', 'accepted', 'cancelled']);
  });
});

describe('order input', () => {
  const valid = {
    type: 'dine_in',
    table: '12',
    customer: { name: 'Ana', phone: '+15550100' },
    items: [
      { name: 'Margherita', qty: 2, station: 'kitchen', modifiers: ['no basil'], notes: 'well done' },
      { name: 'Lemonade', qty: 1, station: 'bar' },
    ],
    notes: 'birthday',
    total: { amount: 2450, currency: 'EUR' },
  };

  it('accepts the documented wire example and defaults modifiers', () => {
    const parsed = OrderInputSchema.parse(valid);
    expect(parsed.items[1]?.modifiers).toEqual([]);
    expect(stationsOf(parsed.items)).toEqual(['kitchen', 'bar']);
  });

  it.each([
    ['no items', { ...valid, items: [] }],
    ['zero quantity', { ...valid, items: [{ name: 'x', qty: 0, station: 'kitchen' }] }],
    ['fractional money', { ...valid, total: { amount: 1.5, currency: 'EUR' } }],
    ['lower-case currency', { ...valid, total: { amount: 1, currency: 'eur' } }],
    ['unknown type', { ...valid, type: 'drive_through' }],
    ['unknown field', { ...valid, extra: true }],
    ['station with spaces', { ...valid, items: [{ name: 'x', qty: 1, station: 'hot line' }] }],
  ])('refuses %s', (_label, input) => {
    expect(OrderInputSchema.safeParse(input).success).toBe(false);
  });
});
