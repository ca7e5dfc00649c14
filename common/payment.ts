import { z } from 'zod';
import { PAYMENT_STATUSES, PAYMENT_TYPES } from './payment-status.js';

export * from './payment-status.js';

export const PAYMENT_LIMITS = {
  /** Same ceiling as an order's total, in minor units. */
  maxAmount: 100_000_000,
  /** What a QR code holds comfortably at error correction M and still scans from a phone screen. */
  maxQrPayloadLength: 1000,
  maxReasonLength: 500,
} as const;

const currency = z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as EUR');

/** `POST /api/orders/:id/payments`: what staff ask the diner to pay, optionally with a QR to pay it by. */
export const PaymentInputSchema = z.strictObject({
  type: z.enum(PAYMENT_TYPES),
  amount: z.number().int().min(1).max(PAYMENT_LIMITS.maxAmount),
  currency,
  qrPayload: z.string().min(1).max(PAYMENT_LIMITS.maxQrPayloadLength).optional(),
  /** After this instant a receipt is refused (409 PAYMENT_EXPIRED); ISO 8601 with a zone. */
  qrExpiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type PaymentInput = z.infer<typeof PaymentInputSchema>;

/** `POST /api/payments/:id/reject`: the reason is shown to the diner, who may then upload another receipt. */
export const PaymentRejectInputSchema = z.strictObject({
  reason: z.string().trim().min(1).max(PAYMENT_LIMITS.maxReasonLength),
});

/** A payment as the backend stores and returns it to staff. */
export const PaymentSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  type: z.enum(PAYMENT_TYPES),
  amount: z.number().int(),
  currency: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  qrPayload: z.string().optional(),
  qrExpiresAt: z.string().optional(),
  /** Where the current receipt downloads from (a bearer token is needed); present once one was uploaded. */
  receiptUrl: z.string().optional(),
  /** Why staff rejected the last receipt. */
  rejectReason: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});
export type Payment = z.infer<typeof PaymentSchema>;

/** The path a payment's receipt downloads from, relative to the backend's base URL. */
export function receiptPath(paymentId: string): string {
  return `/api/payments/${encodeURIComponent(paymentId)}/receipt`;
}
