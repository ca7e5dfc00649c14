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
