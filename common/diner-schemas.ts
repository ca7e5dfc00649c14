import { z } from 'zod';
import { DINER_EVENT_TYPES, type DinerEventsPage, type DinerOrderView, type DinerPayment, type DinerSession } from './diner.js';
import { MoneySchema, ORDER_TYPES } from './order.js';
import { ORDER_STATUSES } from './order-status.js';
import { PAYMENT_STATUSES, PAYMENT_TYPES } from './payment-status.js';

/*
 * The schemas of what a customer token is answered (common/diner.ts has the types the backend
 * builds): the diner's page checks every answer against them (diner/api.ts), so a backend or proxy
 * answering something else is a coded error on the page, not a crash in a component. Each is
 * typed as its interface, so the two cannot drift apart.
 */

export const DinerPaymentSchema: z.ZodType<DinerPayment> = z.object({
  id: z.string(),
  type: z.enum(PAYMENT_TYPES),
  amount: z.number(),
  currency: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  qrPayload: z.string().optional(),
  qrExpiresAt: z.string().optional(),
  rejectReason: z.string().optional(),
  receiptUploaded: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

export const DinerOrderViewSchema: z.ZodType<DinerOrderView> = z.object({
  id: z.string(),
  number: z.string(),
  type: z.enum(ORDER_TYPES),
  status: z.enum(ORDER_STATUSES),
  cancelledBy: z.enum(['customer', 'staff']).optional(),
  items: z.array(z.object({ name: z.string(), qty: z.number(), modifiers: z.array(z.string()) })),
  total: MoneySchema.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  payments: z.array(DinerPaymentSchema),
  courier: z
    .object({ vendor: z.string(), trackingUrl: z.string(), etaMinutes: z.number().optional(), name: z.string().optional(), phone: z.string().optional(), updatedAt: z.string() })
    .optional(),
  lastSeq: z.number().int().min(0),
});

export const DinerEventsPageSchema: z.ZodType<DinerEventsPage> = z.object({
  events: z.array(
    z.object({
      seq: z.number().int(),
      type: z.enum(DINER_EVENT_TYPES),
      orderId: z.string(),
      at: z.string(),
      version: z.number().int(),
      to: z.string(),
      from: z.string().optional(),
      paymentId: z.string().optional(),
      paymentType: z.enum(PAYMENT_TYPES).optional(),
      amount: z.number().optional(),
      currency: z.string().optional(),
      qrExpiresAt: z.string().optional(),
      reason: z.string().optional(),
      vendor: z.string().optional(),
      trackingUrl: z.string().optional(),
      etaMinutes: z.number().optional(),
      name: z.string().optional(),
      phone: z.string().optional(),
      finalStatus: z.enum(['completed', 'cancelled']).optional(),
    }),
  ),
  lastSeq: z.number().int().min(0),
});

export const DinerSessionSchema: z.ZodType<DinerSession> = z.object({
  orderId: z.string(),
  channel: z.string(),
  realtime: z.object({
    key: z.string(),
    cluster: z.string().optional(),
    host: z.string().optional(),
    port: z.number().int().optional(),
    useTLS: z.boolean(),
    authEndpoint: z.string(),
  }),
});
