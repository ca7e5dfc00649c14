import { z } from 'zod';
import { answers } from '../kitchen-answer.js';
import { PaymentIdInputSchema, RejectPaymentInputSchema, type RailOrder, type ReceiptView, type TestPrintResult } from '../kitchen-api.js';
import { COURIER_LIMITS, CourierInputSchema, CourierPhoneSchema } from '../courier.js';
import type { Order } from '../order.js';
import type { PaymentStatus } from '../payment-status.js';
import { ORDER_SEARCH_LIMITS } from '../order-search.js';
import { PAYMENT_LIMITS, PAYMENT_TYPES, PaymentInputSchema } from '../payment.js';
import { REPORT_DATE_PATTERN, type BoardServiceReport } from '../reports.js';

/**
 * The Reports tab's question (issue 22): local days `from`…`to` in the IANA zone `tz`. The dates'
 * shape is checked here; whether they are real days, the zone known and the range short enough,
 * by the backend, which answers its REPORT_* codes.
 */
export const ServiceReportInputSchema = z.strictObject({
  from: z.string().regex(REPORT_DATE_PATTERN, 'from: a date written YYYY-MM-DD'),
  to: z.string().regex(REPORT_DATE_PATTERN, 'to: a date written YYYY-MM-DD'),
  tz: z.string().min(1).max(64),
});

/** "Print day summary" (issue 22): one local day in `tz`, checked as the report's query is. */
export const DaySummaryInputSchema = z.strictObject({
  date: z.string().regex(REPORT_DATE_PATTERN, 'date: a date written YYYY-MM-DD'),
  tz: z.string().min(1).max(64),
});

/**
 * "Request payment" from a card (issue 24): the amount prefilled from the order's total, editable;
 * the code's expiry as minutes from now; the text of the QR the diner scans (a bank's pay link).
 */
export const RequestPaymentInputSchema = z.strictObject({
  orderId: z.string().min(1).max(64),
  type: z.enum(PAYMENT_TYPES).optional(),
  amount: PaymentInputSchema.shape.amount,
  currency: PaymentInputSchema.shape.currency,
  qrPayload: z.string().trim().min(1).max(PAYMENT_LIMITS.maxQrPayloadLength).optional(),
  expiresInMinutes: z.number().int().min(1).max(24 * 60).optional(),
});
export type RequestPaymentInput = z.input<typeof RequestPaymentInputSchema>;

/**
 * "Courier" on a delivery card (issue 24): the tracking link (https only, as the backend requires)
 * and who delivers (the API's `vendor`: a courier's or company's name; optional here, the link's
 * host name when left empty), with an optional ETA, and the courier's own name and phone.
 */
export const SetCourierInputSchema = z.strictObject({
  orderId: z.string().min(1).max(64),
  trackingUrl: CourierInputSchema.shape.trackingUrl,
  vendor: z.string().trim().max(COURIER_LIMITS.maxVendorLength).optional(),
  etaMinutes: CourierInputSchema.shape.etaMinutes,
  /** The courier's own name and phone (issue 24), both optional: the diner's page shows them. */
  name: z.string().trim().max(COURIER_LIMITS.maxNameLength).optional(),
  phone: z.union([z.literal(''), CourierPhoneSchema]).optional(),
});
export type SetCourierInput = z.input<typeof SetCourierInputSchema>;

/** How far back the agent's cache answers History while the backend cannot be reached (issue 24). */
export const HISTORY_CACHE_DAYS = 7;

/** History (issue 24): a search box's text and a time range (the board's local day as instants). */
export const OrderHistoryInputSchema = z.strictObject({
  q: z.string().trim().max(ORDER_SEARCH_LIMITS.maxQueryLength).optional(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  limit: z.number().int().min(1).max(200).optional(),
});
export type OrderHistoryInput = z.input<typeof OrderHistoryInputSchema>;

/**
 * One History row: the order, its latest payment's status (absent when none is known), and the ids
 * of its original print jobs (reprints excluded), which the tab hands to `reprint`.
 */
export interface OrderHistoryRow extends Order {
  paymentStatus?: PaymentStatus;
  printJobIds: string[];
}

/** Where History's rows came from: the backend, or this machine's cache (the backend was unreachable). */
export interface OrderHistoryAnswer {
  source: 'backend' | 'cache';
  orders: OrderHistoryRow[];
}

/**
 * TicketRail's own board operations, through the agent's own backend token (the board never holds
 * one): a card's payment (front of house, issue 12), the speed-of-service report and its day summary on paper (issue 22).
 * Carried out by TicketRail's registry module (agent/connectors/ticketrail/ticketrail-module.ts).
 */
export const TICKETRAIL_OPERATIONS = {
  viewReceipt: { input: PaymentIdInputSchema, output: answers<ReceiptView>() },
  verifyPayment: { input: PaymentIdInputSchema, output: answers<RailOrder>() },
  rejectPayment: { input: RejectPaymentInputSchema, output: answers<RailOrder>() },
  /** Queued in the outbox like the card's other actions (issue 24): answers the card as it is now. */
  requestPayment: { input: RequestPaymentInputSchema, output: answers<RailOrder>() },
  setCourier: { input: SetCourierInputSchema, output: answers<RailOrder>() },
  orderHistory: { input: OrderHistoryInputSchema, output: answers<OrderHistoryAnswer>() },
  serviceReport: { input: ServiceReportInputSchema, output: answers<BoardServiceReport>() },
  /** The day's totals on the counter printer (the printer serving the `counter` station). */
  printDaySummary: { input: DaySummaryInputSchema, output: answers<TestPrintResult>() },
} as const;
