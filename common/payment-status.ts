/*
 * Payment statuses and their state machine, apart from payment.ts's zod schemas on purpose: the
 * board's startup bundle and the diner page import these, and must not load zod for them.
 */

export const PAYMENT_TYPES = ['food', 'courier'] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];

export const PAYMENT_STATUSES = ['requested', 'receipt_uploaded', 'verified', 'rejected'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * The payment state machine: the diner uploads a receipt for a requested payment, staff verify or
 * reject it, and after a rejection the diner may upload a new receipt. `verified` is final.
 */
export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  requested: ['receipt_uploaded'],
  receipt_uploaded: ['verified', 'rejected'],
  rejected: ['receipt_uploaded'],
  verified: [],
};

export function allowedPaymentTransitions(from: PaymentStatus): readonly PaymentStatus[] {
  return PAYMENT_TRANSITIONS[from];
}

export function canTransitionPayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return PAYMENT_TRANSITIONS[from].includes(to);
}

/** Money in minor units as people read it: 1250 EUR → "12.50 EUR" (currencies with 2 decimals assumed unless known). */
export function formatMinorUnits(amount: number, currency: string): string {
  const decimals = ZERO_DECIMAL_CURRENCIES.has(currency) ? 0 : 2;
  return `${(amount / 10 ** decimals).toFixed(decimals)} ${currency}`;
}

/** ISO 4217 currencies without minor units that a restaurant is likely to use. */
const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'HUF', 'IDR', 'TWD', 'UGX', 'XAF', 'XOF']);
