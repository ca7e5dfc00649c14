import { z } from 'zod';
import { answers } from '../kitchen-answer.js';
import { PaymentIdInputSchema, RejectPaymentInputSchema, type RailOrder, type ReceiptView, type TestPrintResult } from '../kitchen-api.js';
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
 * TicketRail's own board operations, through the agent's own backend token (the board never holds
 * one): a card's payment (front of house, issue 12), the speed-of-service report and its day summary on paper (issue 22).
 * Carried out by TicketRail's registry module (agent/connectors/ticketrail/ticketrail-module.ts).
 */
export const TICKETRAIL_OPERATIONS = {
  viewReceipt: { input: PaymentIdInputSchema, output: answers<ReceiptView>() },
  verifyPayment: { input: PaymentIdInputSchema, output: answers<RailOrder>() },
  rejectPayment: { input: RejectPaymentInputSchema, output: answers<RailOrder>() },
  serviceReport: { input: ServiceReportInputSchema, output: answers<BoardServiceReport>() },
  /** The day's totals on the counter printer (the printer serving the `counter` station). */
  printDaySummary: { input: DaySummaryInputSchema, output: answers<TestPrintResult>() },
} as const;
