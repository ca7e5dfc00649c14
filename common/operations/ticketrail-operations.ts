import { answers } from '../kitchen-answer.js';
import { PaymentIdInputSchema, RejectPaymentInputSchema, type RailOrder, type ReceiptView } from '../kitchen-api.js';

/**
 * TicketRail's own board operations (front of house, issue 12): a card's payment, through the
 * agent's own backend token. Carried out by TicketRail's registry module
 * (agent/connectors/ticketrail/ticketrail-module.ts).
 */
export const TICKETRAIL_OPERATIONS = {
  viewReceipt: { input: PaymentIdInputSchema, output: answers<ReceiptView>() },
  verifyPayment: { input: PaymentIdInputSchema, output: answers<RailOrder>() },
  rejectPayment: { input: RejectPaymentInputSchema, output: answers<RailOrder>() },
} as const;
