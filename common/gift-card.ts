import { z } from 'zod';
import { CurrencyCodeSchema } from './currency.js';

/**
 * Gift cards: the API's shapes and the card number. A card's balance is the sum of its ledger
 * (purchase +, redemptions −, a void − what was left), computed inside the transaction that
 * changes it (docs/api.md, gift cards).
 */
export const GIFT_CARD_LIMITS = {
  /** Largest purchase or redemption, in minor units (10,000.00 EUR; 1,000,000 JPY). */
  maxAmount: 1_000_000,
  maxTextLength: 100,
  /** RFC 5321's limit on an address. */
  maxEmailLength: 254,
  /** A card may be made to expire at most this far ahead. */
  maxValidityDays: 10 * 366,
  /** Ledger lines `GET /api/gift-cards/:cardNumber` shows, newest first. */
  maxTransactionsShown: 100,
} as const;

/**
 * The card number's characters: digits and capitals without 0/O, 1/I/L, so a number read off a
 * voucher and typed at a till survives. 31 of them, a prime, which is what makes the check below
 * catch every single wrong character and every swap of two neighbours.
 */
export const CARD_NUMBER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CARD_NUMBER_PREFIX = 'GC-';
/** Characters after the prefix: 9 random ones and the check character. */
export const CARD_NUMBER_LENGTH = 10;
const MODULUS = CARD_NUMBER_ALPHABET.length;

/**
 * Weighted sum mod 31, weights 10…1 from the left, that a whole number makes 0. A typo in one
 * place changes the sum by weight × difference, never a multiple of 31; swapping neighbours i and
 * i+1 changes it by (difference of values) × 1.
 */
function weightedSum(values: readonly number[]): number {
  return values.reduce((sum, value, i) => (sum + (CARD_NUMBER_LENGTH - i) * value) % MODULUS, 0);
}

/** The check character that completes 9 characters of the alphabet. */
export function cardNumberCheckCharacter(body: string): string {
  const values = [...body].map((c) => CARD_NUMBER_ALPHABET.indexOf(c));
  if (values.length !== CARD_NUMBER_LENGTH - 1 || values.some((v) => v < 0)) throw new Error(`not a card number body: ${body}`);
  // The check character has weight 1: it is what brings the sum to 0.
  return CARD_NUMBER_ALPHABET[(MODULUS - weightedSum([...values, 0])) % MODULUS] as string;
}

/** A card number from 9 random indexes into the alphabet (the backend draws them). */
export function cardNumberFrom(randomIndexes: readonly number[]): string {
  const body = randomIndexes.map((i) => CARD_NUMBER_ALPHABET[i % MODULUS]).join('');
  return `${CARD_NUMBER_PREFIX}${body}${cardNumberCheckCharacter(body)}`;
}

export type CardNumberProblem = 'format' | 'check';
export type ParsedCardNumber = { ok: true; cardNumber: string } | { ok: false; problem: CardNumberProblem };

/**
 * A card number as typed (any case, spaces or dashes between groups, with or without `GC`) in its
 * one written form `GC-XXXXXXXXXX`, or why it cannot be one: `format` (wrong length or a character
 * the alphabet does not have, such as O or 1) or `check` (a typo the check character caught).
 */
export function parseCardNumber(input: string): ParsedCardNumber {
  let compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.startsWith('GC') && compact.length === CARD_NUMBER_LENGTH + 2) compact = compact.slice(2);
  if (compact.length !== CARD_NUMBER_LENGTH || [...compact].some((c) => !CARD_NUMBER_ALPHABET.includes(c))) {
    return { ok: false, problem: 'format' };
  }
  const values = [...compact].map((c) => CARD_NUMBER_ALPHABET.indexOf(c));
  if (weightedSum(values) !== 0) return { ok: false, problem: 'check' };
  return { ok: true, cardNumber: `${CARD_NUMBER_PREFIX}${compact}` };
}

/** `expired` is not stored: an active card whose expiresAt has passed reads as expired. */
export const GIFT_CARD_STATUSES = ['active', 'expired', 'void'] as const;
export type GiftCardStatus = (typeof GIFT_CARD_STATUSES)[number];

const amount = z.number().int().min(1).max(GIFT_CARD_LIMITS.maxAmount);
const optionalText = z.string().trim().min(1).max(GIFT_CARD_LIMITS.maxTextLength).optional();

export const GiftCardPurchaseInputSchema = z.strictObject({
  /** Integer minor units (cents): 5000 is EUR 50.00. */
  amount,
  currency: CurrencyCodeSchema,
  /** Who bought it (a name, a staff member, a web shop): shown on the card, never broadcast. */
  purchasedBy: optionalText,
  recipientName: optionalText,
  recipientEmail: z.email().max(GIFT_CARD_LIMITS.maxEmailLength).optional(),
  /** ISO 8601 with an offset; must lie in the future and within maxValidityDays. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type GiftCardPurchaseInput = z.infer<typeof GiftCardPurchaseInputSchema>;

export const GiftCardRedeemInputSchema = z.strictObject({
  amount,
  /** The TicketRail order paid with the card, when there is one. */
  orderId: z.string().min(1).max(64).optional(),
});
export type GiftCardRedeemInput = z.infer<typeof GiftCardRedeemInputSchema>;

export const GiftCardVoidInputSchema = z.strictObject({
  reason: z.string().trim().min(1).max(GIFT_CARD_LIMITS.maxTextLength).optional(),
});

export const GIFT_CARD_TRANSACTION_KINDS = ['purchase', 'redeem', 'void'] as const;

export const GiftCardTransactionSchema = z.object({
  kind: z.enum(GIFT_CARD_TRANSACTION_KINDS),
  /** Signed: + for the purchase, − for a redemption or a void. */
  amount: z.number().int(),
  balanceAfter: z.number().int(),
  orderId: z.string().optional(),
  at: z.string(),
});
export type GiftCardTransaction = z.infer<typeof GiftCardTransactionSchema>;

export const GiftCardSchema = z.object({
  id: z.string(),
  cardNumber: z.string(),
  /** Minor units left on the card. */
  balance: z.number().int(),
  currency: z.string(),
  status: z.enum(GIFT_CARD_STATUSES),
  initialAmount: z.number().int(),
  expiresAt: z.string().optional(),
  purchasedBy: z.string().optional(),
  recipientName: z.string().optional(),
  recipientEmail: z.string().optional(),
  voidedAt: z.string().optional(),
  createdAt: z.string(),
});
export type GiftCard = z.infer<typeof GiftCardSchema>;

/** `GET /api/gift-cards/:cardNumber`: the card and its ledger, newest first. */
export const GiftCardWithHistorySchema = GiftCardSchema.extend({ transactions: z.array(GiftCardTransactionSchema) });
export type GiftCardWithHistory = z.infer<typeof GiftCardWithHistorySchema>;

/** What a voucher print job carries: the agent prints it (agent/printing), the backend never renders. */
export const VoucherSchema = z.object({
  cardNumber: z.string(),
  /** Minor units. */
  balance: z.number().int(),
  currency: z.string(),
  expiresAt: z.string().optional(),
  recipientName: z.string().optional(),
});
export type Voucher = z.infer<typeof VoucherSchema>;

/** The station a gift card's voucher prints on. */
export const VOUCHER_STATION = 'counter';
