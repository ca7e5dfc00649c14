import { describe, expect, it } from 'vitest';
import {
  CARD_NUMBER_ALPHABET,
  CARD_NUMBER_LENGTH,
  CARD_NUMBER_PREFIX,
  GiftCardPurchaseInputSchema,
  cardNumberCheckCharacter,
  cardNumberFrom,
  parseCardNumber,
} from './gift-card.js';

/** A deterministic spread of card numbers (no randomness in a test). */
function sampleNumbers(count: number): string[] {
  return Array.from({ length: count }, (_, n) => cardNumberFrom(Array.from({ length: CARD_NUMBER_LENGTH - 1 }, (_, i) => (n * 7 + i * 13 + n * i) % 31)));
}

describe('gift card numbers', () => {
  it('are GC- and 10 characters of an alphabet without 0, O, 1, I or L', () => {
    expect(CARD_NUMBER_ALPHABET).toHaveLength(31);
    for (const ambiguous of ['0', 'O', '1', 'I', 'L']) expect(CARD_NUMBER_ALPHABET).not.toContain(ambiguous);
    for (const number of sampleNumbers(50)) {
      expect(number).toMatch(/^GC-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
      expect(parseCardNumber(number)).toEqual({ ok: true, cardNumber: number });
    }
  });

  it('catch every single mistyped character with the check character', () => {
    for (const number of sampleNumbers(20)) {
      const body = number.slice(CARD_NUMBER_PREFIX.length);
      for (let position = 0; position < body.length; position++) {
        for (const typo of CARD_NUMBER_ALPHABET) {
          if (typo === body[position]) continue;
          const mistyped = `${CARD_NUMBER_PREFIX}${body.slice(0, position)}${typo}${body.slice(position + 1)}`;
          expect(parseCardNumber(mistyped)).toEqual({ ok: false, problem: 'check' });
        }
      }
    }
  });

  it('catch every swap of two neighbouring characters', () => {
    for (const number of sampleNumbers(50)) {
      const body = number.slice(CARD_NUMBER_PREFIX.length);
      for (let i = 0; i + 1 < body.length; i++) {
        if (body[i] === body[i + 1]) continue;
        const swapped = `${body.slice(0, i)}${body[i + 1]}${body[i]}${body.slice(i + 2)}`;
        expect(parseCardNumber(`GC-${swapped}`)).toEqual({ ok: false, problem: 'check' });
      }
    }
  });

  it('read a number as typed at a till: any case, spaces or dashes, with or without GC', () => {
    const [number] = sampleNumbers(1) as [string];
    const body = number.slice(3);
    const spaced = `${body.slice(0, 4)} ${body.slice(4, 8)}-${body.slice(8)}`;
    for (const typed of [number.toLowerCase(), ` gc ${spaced} `, body, `GC${body}`]) {
      expect(parseCardNumber(typed)).toEqual({ ok: true, cardNumber: number });
    }
  });

  it('refuse characters outside the alphabet and wrong lengths as a format problem', () => {
    const [number] = sampleNumbers(1) as [string];
    expect(parseCardNumber(number.replace(/.$/, 'O'))).toEqual({ ok: false, problem: 'format' });
    expect(parseCardNumber(number.slice(0, -1))).toEqual({ ok: false, problem: 'format' });
    expect(parseCardNumber(`${number}2`)).toEqual({ ok: false, problem: 'format' });
    expect(parseCardNumber('')).toEqual({ ok: false, problem: 'format' });
    expect(() => cardNumberCheckCharacter('ABC')).toThrow();
  });
});

describe('GiftCardPurchaseInputSchema', () => {
  it('takes integer minor units of a circulating ISO 4217 currency, up to the named limit', () => {
    expect(GiftCardPurchaseInputSchema.safeParse({ amount: 5000, currency: 'EUR' }).success).toBe(true);
    expect(GiftCardPurchaseInputSchema.safeParse({ amount: 50.5, currency: 'EUR' }).success).toBe(false);
    expect(GiftCardPurchaseInputSchema.safeParse({ amount: 0, currency: 'EUR' }).success).toBe(false);
    expect(GiftCardPurchaseInputSchema.safeParse({ amount: 1_000_001, currency: 'EUR' }).success).toBe(false);
    expect(GiftCardPurchaseInputSchema.safeParse({ amount: 5000, currency: 'eur' }).success).toBe(false);
    expect(GiftCardPurchaseInputSchema.safeParse({ amount: 5000, currency: 'XXX' }).success).toBe(false);
    expect(GiftCardPurchaseInputSchema.safeParse({ amount: 5000, currency: 'ABC' }).success).toBe(false);
    expect(GiftCardPurchaseInputSchema.safeParse({ amount: 5000, currency: 'EUR', colour: 'red' }).success).toBe(false);
  });
});
