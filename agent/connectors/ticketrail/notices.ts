import { formatMinorUnits } from '../../../common/currency.js';
import { EVENT_TYPES, type TicketEvent } from '../../../common/events.js';
import { exhaustive } from '../../../common/exhaustive.js';
import type { BoardNotice } from '../../../common/kitchen-api.js';

/**
 * A notice is news of the moment: one older than this when it reaches the agent (a catch-up after
 * a night offline, a restart) is not shown, so a start does not replay a day of gift card sales.
 */
export const NOTICE_MAX_AGE_MS = 2 * 60_000;

/**
 * A card number on the counter's screen shows its last four only: the number is what pays, and the
 * screen faces the room. The voucher on paper carries it whole.
 */
export function maskCardNumber(cardNumber: string): string {
  return `GC-…${cardNumber.slice(-4)}`;
}

function points(change: number): string {
  return `${change > 0 ? '+' : '−'}${Math.abs(change)} point${Math.abs(change) === 1 ? '' : 's'}`;
}

/** The counter's notice for a gift card or loyalty event; undefined for every other event. */
export function noticeOf(event: TicketEvent): BoardNotice | undefined {
  const base = { id: `seq-${event.seq}`, at: event.at };
  switch (event.type) {
    case EVENT_TYPES.giftCardPurchased:
      return {
        ...base,
        kind: event.type,
        text: `Gift card sold: ${formatMinorUnits(event.amount, event.currency)} (${maskCardNumber(event.cardNumber)})`,
        values: { card: maskCardNumber(event.cardNumber), amount: event.amount, currency: event.currency },
      };
    case EVENT_TYPES.giftCardRedeemed:
      return {
        ...base,
        kind: event.type,
        text: `Gift card ${maskCardNumber(event.cardNumber)}: ${formatMinorUnits(event.amount, event.currency)} redeemed, ${formatMinorUnits(event.balance, event.currency)} left`,
        values: { card: maskCardNumber(event.cardNumber), amount: event.amount, balance: event.balance, currency: event.currency },
      };
    case EVENT_TYPES.giftCardVoided:
      return { ...base, kind: event.type, text: `Gift card ${maskCardNumber(event.cardNumber)} voided`, values: { card: maskCardNumber(event.cardNumber) } };
    case EVENT_TYPES.loyaltyUpdated:
      return {
        ...base,
        kind: event.type,
        text: `Loyalty: ${points(event.pointsChange)} (${event.reason}), balance ${event.newBalance}`,
        values: { points: event.pointsChange, balance: event.newBalance, reason: event.reason },
      };
    // Every other event is no news for the counter; a new type must say what it is here.
    case EVENT_TYPES.orderSubmitted:
    case EVENT_TYPES.orderStatusChanged:
    case EVENT_TYPES.printJobCreated:
    case EVENT_TYPES.printJobUpdated:
    case EVENT_TYPES.paymentRequested:
    case EVENT_TYPES.paymentReceiptUploaded:
    case EVENT_TYPES.paymentVerified:
    case EVENT_TYPES.paymentRejected:
    case EVENT_TYPES.courierTrackingUpdated:
    case EVENT_TYPES.orderClosed:
    case EVENT_TYPES.orderStationReady:
    case EVENT_TYPES.orderStationRecalled:
      return undefined;
    default:
      return exhaustive(event, 'event type');
  }
}

/** Whether a notice is still news at `nowMs` (an unreadable time is not). */
export function isFreshNotice(notice: BoardNotice, nowMs: number): boolean {
  const at = Date.parse(notice.at);
  return Number.isFinite(at) && nowMs - at <= NOTICE_MAX_AGE_MS;
}
