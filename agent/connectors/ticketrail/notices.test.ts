import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../../common/events.js';
import { NOTICE_MAX_AGE_MS, isFreshNotice, maskCardNumber, noticeOf } from './notices.js';

const at = '2026-05-01T12:00:00.000Z';
const base = { actor: { type: 'pos', id: 'tok_1' }, at, version: 1 } as const;
const card = { ...base, giftCardId: 'gc_1', cardNumber: 'GC-7KQ2M9XH4T', currency: 'EUR' } as const;

describe('counter notices', () => {
  it('say what happened in one line, the card number masked and no phone number anywhere', () => {
    const events: TicketEvent[] = [
      { ...card, seq: 11, type: 'gift_card.purchased', to: 'active', amount: 5000, balance: 5000 },
      { ...card, seq: 12, type: 'gift_card.redeemed', to: 'active', amount: 1250, balance: 3750, orderId: 'ord_1' },
      { ...card, seq: 13, type: 'gift_card.voided', from: 'active', to: 'void', amount: 3750, balance: 0 },
      { ...base, seq: 14, type: 'loyalty.updated', to: 'active', customerId: 'cus_1', pointsChange: 1, newBalance: 1, transactionType: 'add', reason: 'visit' },
      { ...base, seq: 15, type: 'loyalty.updated', to: 'active', customerId: 'cus_1', pointsChange: -1, newBalance: 0, transactionType: 'redeem', reason: 'coffee' },
    ];
    expect(events.map(noticeOf)).toEqual([
      { id: 'seq-11', kind: 'gift_card.purchased', at, text: 'Gift card sold: EUR 50.00 (GC-…XH4T)', values: { card: 'GC-…XH4T', amount: 5000, currency: 'EUR' } },
      {
        id: 'seq-12',
        kind: 'gift_card.redeemed',
        at,
        text: 'Gift card GC-…XH4T: EUR 12.50 redeemed, EUR 37.50 left',
        values: { card: 'GC-…XH4T', amount: 1250, balance: 3750, currency: 'EUR' },
      },
      { id: 'seq-13', kind: 'gift_card.voided', at, text: 'Gift card GC-…XH4T voided', values: { card: 'GC-…XH4T' } },
      { id: 'seq-14', kind: 'loyalty.updated', at, text: 'Loyalty: +1 point (visit), balance 1', values: { points: 1, balance: 1, reason: 'visit' } },
      { id: 'seq-15', kind: 'loyalty.updated', at, text: 'Loyalty: −1 point (coffee), balance 0', values: { points: -1, balance: 0, reason: 'coffee' } },
    ]);
    expect(maskCardNumber('GC-7KQ2M9XH4T')).toBe('GC-…XH4T');
  });

  it('are made for gift card and loyalty events only', () => {
    expect(noticeOf({ ...base, seq: 1, type: 'order.submitted', orderId: 'ord_1', to: 'submitted' })).toBeUndefined();
    expect(noticeOf({ ...base, seq: 2, type: 'print-job.created', jobId: 'job_1', station: 'counter', to: 'pending' })).toBeUndefined();
  });

  it('are news for two minutes: a catch-up after a night offline shows none of the old ones', () => {
    const notice = { id: 'seq-1', kind: 'loyalty.updated', text: 'x', at } as const;
    const atMs = Date.parse(at);
    expect(isFreshNotice(notice, atMs)).toBe(true);
    expect(isFreshNotice(notice, atMs + NOTICE_MAX_AGE_MS)).toBe(true);
    expect(isFreshNotice(notice, atMs + NOTICE_MAX_AGE_MS + 1)).toBe(false);
    expect(isFreshNotice({ ...notice, at: 'not a time' }, atMs)).toBe(false);
  });
});
