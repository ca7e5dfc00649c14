import { describe, expect, it } from 'vitest';
import { railOrder } from '../testing/orders.js';
import { nextStatus, recallTarget, sortOldestFirst } from './rail.js';

describe('sortOldestFirst', () => {
  it('puts the longest-waiting order first', () => {
    const late = railOrder({ createdAt: '2026-01-01T12:05:00.000Z' });
    const early = railOrder({ createdAt: '2026-01-01T12:01:00.000Z' });
    expect(sortOldestFirst([late, early]).map((o) => o.id)).toEqual([early.id, late.id]);
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
