import { describe, expect, it } from 'vitest';
import type { BoardNotice } from '../../../common/kitchen-api.js';
import { boardWords } from '../../testing/i18n.js';
import { noticeText } from './notice-text.js';

const at = '2026-05-01T12:00:00.000Z';
const notice = (kind: BoardNotice['kind'], values: BoardNotice['values'], text = 'the agent’s English line'): BoardNotice => ({ id: 'seq-1', kind, at, text, values });
const words = (language: 'en' | 'es' | 'pl' | 'ar') => boardWords(language).getFixedT(language, 'board');

describe('counter notices in the board’s language', () => {
  it('are written from their values, amounts in the language’s money format', () => {
    expect(noticeText(words('es'), 'es', notice('gift_card.purchased', { card: 'GC-…XH4T', amount: 5000, currency: 'EUR' }))).toBe('Tarjeta regalo vendida: 50,00\u00a0€ (GC-…XH4T)');
    expect(noticeText(words('en'), 'en', notice('gift_card.redeemed', { card: 'GC-…XH4T', amount: 1250, balance: 3750, currency: 'EUR' }))).toBe('Gift card GC-…XH4T: €12.50 redeemed, €37.50 left');
  });

  it('use the plural form the language needs', () => {
    const loyalty = (points: number) => notice('loyalty.updated', { points, balance: 120, reason: 'visit' });
    expect(noticeText(words('en'), 'en', loyalty(1))).toBe('Loyalty: +1 point (visit), balance 120');
    expect(noticeText(words('pl'), 'pl', loyalty(2))).toBe('Lojalność: +2 punkty (visit), saldo 120');
    expect(noticeText(words('pl'), 'pl', loyalty(5))).toBe('Lojalność: +5 punktów (visit), saldo 120');
    expect(noticeText(words('ar'), 'ar', loyalty(-3))).toBe('الولاء: −3 نقاط (visit)، الرصيد 120');
  });

  it('fall back to the agent’s own line when the values are missing or malformed', () => {
    expect(noticeText(words('es'), 'es', notice('gift_card.voided', undefined))).toBe('the agent’s English line');
    expect(noticeText(words('es'), 'es', notice('gift_card.purchased', { card: 'GC-…XH4T', amount: Number.NaN, currency: 'EUR' }))).toBe('the agent’s English line');
  });
});
