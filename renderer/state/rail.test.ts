import { describe, expect, it } from 'vitest';
import { railOrder } from '../testing/orders.js';
import { nextStatus, recallTarget, sortOldestFirst } from './rail.js';

describe('sortOldestFirst', () => {
  it('puts the longest-waiting order first', () => {
    const late = railOrder({ createdAt: '2026-01-01T12:05:00.000Z' });
    const early = railOrder({ createdAt: '2026-01-01T12:01:00.000Z' });
    expect(sortOldestFirst([late, early]).map((o) => o.id)).toEqual([early.id, late.id]);
  });

  it('puts orders whose creation time cannot be read last, by number, and keeps the others in order', () => {
    const at = (minute: number) => `2026-01-01T12:0${minute}:00.000Z`;
    const orders = [
      railOrder({ number: '12', createdAt: 'garbage' }),
      railOrder({ number: '3', createdAt: at(5) }),
      railOrder({ number: '10', createdAt: '' }),
      railOrder({ number: '4', createdAt: at(1) }),
      railOrder({ number: '2', createdAt: undefined as never }),
      railOrder({ number: '5', createdAt: at(3) }),
    ];
    const expected = ['4', '5', '3', '2', '10', '12'];
    expect(sortOldestFirst(orders).map((o) => o.number)).toEqual(expected);
    // The same whatever order they arrive in: the comparator is consistent.
    expect(sortOldestFirst([...orders].reverse()).map((o) => o.number)).toEqual(expected);
  });
});

describe('nextStatus', () => {
  it('bumps submitted → accepted → ready → completed', () => {
    expect(nextStatus('submitted')).toBe('accepted');
    expect(nextStatus('accepted')).toBe('ready');
    expect(nextStatus('ready')).toBe('completed');
    expect(nextStatus('completed')).toBeUndefined();
  });
});

describe('recallTarget', () => {
  it('is the most recently readied order', () => {
    const first = railOrder({ status: 'ready', updatedAt: '2026-01-01T12:10:00.000Z' });
    const last = railOrder({ status: 'ready', updatedAt: '2026-01-01T12:12:00.000Z' });
    const cooking = railOrder({ status: 'accepted', updatedAt: '2026-01-01T12:20:00.000Z' });
    expect(recallTarget([first, last, cooking])?.id).toBe(last.id);
  });

  it('is nothing when no order is ready', () => {
    expect(recallTarget([railOrder({ status: 'accepted' })])).toBeUndefined();
  });
});
