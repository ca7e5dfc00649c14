import { CourierInputSchema, CourierSchema } from '../../courier.js';
import { DinerPaymentSchema } from '../../diner-schemas.js';
import { PaymentInputSchema, PaymentRejectInputSchema, PaymentSchema } from '../../payment.js';
import { IdParamsSchema } from '../params.js';
import { defineRoute } from '../route.js';

/** Front of house (issue 12): payments asked by the POS, receipts uploaded by diners, checked by agents. */
export const PAYMENT_ROUTES = {
  // The board asks for a payment too (issue 24): agent tokens, for orders of their location.
  request: defineRoute({ method: 'POST', path: '/api/orders/:id/payments', access: { staff: ['pos', 'agent'] }, params: IdParamsSchema, body: PaymentInputSchema, answer: PaymentSchema, created: true }),
  get: defineRoute({
    method: 'GET',
    path: '/api/payments/:id',
    access: { staff: ['pos', 'agent'], customer: true },
    params: IdParamsSchema,
    answer: PaymentSchema,
    customerAnswer: DinerPaymentSchema,
  }),
  /** The receipt image as uploaded (JPEG, PNG or WebP), never cached. */
  receipt: defineRoute({ method: 'GET', path: '/api/payments/:id/receipt', access: { staff: ['agent'], customer: true }, params: IdParamsSchema, answer: 'bytes' }),
  /** One image file as multipart/form-data (the diner's page, with upload progress). */
  uploadReceipt: defineRoute({
    method: 'POST',
    path: '/api/payments/:id/receipt',
    access: { staff: [], customer: true },
    params: IdParamsSchema,
    bodyEncoding: 'multipart',
    answer: PaymentSchema,
    customerAnswer: DinerPaymentSchema,
  }),
  verify: defineRoute({ method: 'POST', path: '/api/payments/:id/verify', access: { staff: ['agent'] }, params: IdParamsSchema, answer: PaymentSchema }),
  reject: defineRoute({ method: 'POST', path: '/api/payments/:id/reject', access: { staff: ['agent'] }, params: IdParamsSchema, body: PaymentRejectInputSchema, answer: PaymentSchema }),
} as const;

/** A delivery order's courier tracking, set by the agent. */
export const COURIER_ROUTES = {
  set: defineRoute({ method: 'PUT', path: '/api/orders/:id/courier', access: { staff: ['agent'] }, params: IdParamsSchema, body: CourierInputSchema, answer: CourierSchema }),
} as const;
