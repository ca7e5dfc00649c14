import type { Courier } from './courier.js';
import { exhaustive } from './exhaustive.js';
import { EVENT_TYPES, type TicketEvent } from './events.js';
import type { Money, Order, OrderStatus, OrderType } from './order.js';
import type { Payment, PaymentStatus, PaymentType } from './payment.js';

/*
 * What a diner (an order's customer token) may see: their order without staff notes, customer
 * details or stations, its payments and courier, and small events about it. The backend builds
 * these; their schemas (common/diner-schemas.ts) are the customer answers of the route table,
 * against which the diner's page checks what it is sent.
 */

export interface DinerItem {
  name: string;
  qty: number;
  modifiers: string[];
}

export interface DinerPayment {
  id: string;
  type: PaymentType;
  amount: number;
  currency: string;
  status: PaymentStatus;
  qrPayload?: string;
  qrExpiresAt?: string;
  /** Why staff rejected the last receipt: the diner may upload another. */
  rejectReason?: string;
  receiptUploaded: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface DinerCourier {
  vendor: string;
  trackingUrl: string;
  etaMinutes?: number;
  /** The courier's name and phone (issue 24): the diner may call them. */
  name?: string;
  phone?: string;
  updatedAt: string;
}

/** `GET /api/orders/:id` with the order's customer token. */
export interface DinerOrderView {
  id: string;
  number: string;
  type: OrderType;
  status: OrderStatus;
  /** Who cancelled a `cancelled` order (issue 24): the diner themselves, or the restaurant. */
  cancelledBy?: 'customer' | 'staff';
  items: DinerItem[];
  total?: Money;
  createdAt: string;
  updatedAt: string;
  version: number;
  payments: DinerPayment[];
  courier?: DinerCourier;
  /** The newest seq of this order's diner events when this view was read: catch up from here. */
  lastSeq: number;
}

export function dinerPaymentOf(payment: Payment): DinerPayment {
  return {
    id: payment.id,
    type: payment.type,
    amount: payment.amount,
    currency: payment.currency,
    status: payment.status,
    ...(payment.qrPayload !== undefined ? { qrPayload: payment.qrPayload } : {}),
    ...(payment.qrExpiresAt !== undefined ? { qrExpiresAt: payment.qrExpiresAt } : {}),
    ...(payment.rejectReason !== undefined ? { rejectReason: payment.rejectReason } : {}),
    receiptUploaded: payment.receiptUrl !== undefined,
    createdAt: payment.createdAt,
    updatedAt: payment.updatedAt,
    version: payment.version,
  };
}

export function dinerOrderViewOf(order: Order, payments: readonly Payment[], courier: Courier | undefined, lastSeq: number): DinerOrderView {
  return {
    id: order.id,
    number: order.number,
    type: order.type,
    status: order.status,
    ...(order.cancelledBy !== undefined ? { cancelledBy: order.cancelledBy } : {}),
    items: order.items.map((item) => ({ name: item.name, qty: item.qty, modifiers: [...item.modifiers] })),
    ...(order.total !== undefined ? { total: order.total } : {}),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    version: order.version,
    payments: payments.map(dinerPaymentOf),
    ...(courier !== undefined
      ? {
          courier: {
            vendor: courier.vendor,
            trackingUrl: courier.trackingUrl,
            ...(courier.etaMinutes !== undefined ? { etaMinutes: courier.etaMinutes } : {}),
            ...(courier.name !== undefined ? { name: courier.name } : {}),
            ...(courier.phone !== undefined ? { phone: courier.phone } : {}),
            updatedAt: courier.updatedAt,
          },
        }
      : {}),
    lastSeq,
  };
}

/** The event types a diner hears of, on `private-order-{id}` and from `GET /api/events?order=`. */
export const DINER_EVENT_TYPES = [
  EVENT_TYPES.orderSubmitted,
  EVENT_TYPES.orderStatusChanged,
  EVENT_TYPES.paymentRequested,
  EVENT_TYPES.paymentReceiptUploaded,
  EVENT_TYPES.paymentVerified,
  EVENT_TYPES.paymentRejected,
  EVENT_TYPES.courierTrackingUpdated,
  EVENT_TYPES.orderClosed,
] as const;
export type DinerEventType = (typeof DINER_EVENT_TYPES)[number];

/**
 * An event as a diner receives it: flat and small (ids, statuses, amounts, seq). No actor (staff
 * token ids), no status-change reason (staff text), never items or phone numbers.
 */
export interface DinerEvent {
  seq: number;
  type: DinerEventType;
  orderId: string;
  at: string;
  version: number;
  to: string;
  from?: string;
  paymentId?: string;
  paymentType?: PaymentType;
  amount?: number;
  currency?: string;
  qrExpiresAt?: string;
  /** payment.rejected only: why, for the diner to act on. */
  reason?: string;
  vendor?: string;
  trackingUrl?: string;
  etaMinutes?: number;
  name?: string;
  phone?: string;
  finalStatus?: 'completed' | 'cancelled';
}

export function isDinerEventType(type: string): type is DinerEventType {
  return (DINER_EVENT_TYPES as readonly string[]).includes(type);
}

/** The diner's projection of an event of their order, or undefined for one a diner never sees. */
export function dinerEventOf(event: TicketEvent): DinerEvent | undefined {
  // Every type says whether a diner hears of it: a new type forgotten here does not compile.
  // A station's part is the kitchen's business: the diner hears Ready when the whole order is.
  switch (event.type) {
    case EVENT_TYPES.printJobCreated:
    case EVENT_TYPES.printJobUpdated:
    case EVENT_TYPES.giftCardPurchased:
    case EVENT_TYPES.giftCardRedeemed:
    case EVENT_TYPES.giftCardVoided:
    case EVENT_TYPES.loyaltyUpdated:
    case EVENT_TYPES.orderStationReady:
    case EVENT_TYPES.orderStationRecalled:
      return undefined;
    case EVENT_TYPES.orderSubmitted:
    case EVENT_TYPES.orderStatusChanged:
    case EVENT_TYPES.paymentRequested:
    case EVENT_TYPES.paymentReceiptUploaded:
    case EVENT_TYPES.paymentVerified:
    case EVENT_TYPES.paymentRejected:
    case EVENT_TYPES.courierTrackingUpdated:
    case EVENT_TYPES.orderClosed:
      return event.orderId === undefined ? undefined : dinerProjection(event, { seq: event.seq, type: event.type, orderId: event.orderId, at: event.at, version: event.version, to: event.to });
    default:
      return exhaustive(event, 'event type');
  }
}

/** The fields of a diner's event type beyond the common ones. */
function dinerProjection(event: Extract<TicketEvent, { type: DinerEventType }>, base: DinerEvent): DinerEvent {
  switch (event.type) {
    case EVENT_TYPES.orderSubmitted:
      return base;
    case EVENT_TYPES.orderStatusChanged:
      return { ...base, from: event.from };
    case EVENT_TYPES.paymentRequested:
    case EVENT_TYPES.paymentReceiptUploaded:
    case EVENT_TYPES.paymentVerified:
    case EVENT_TYPES.paymentRejected:
      return {
        ...base,
        ...(event.from !== undefined ? { from: event.from } : {}),
        paymentId: event.paymentId,
        paymentType: event.paymentType,
        amount: event.amount,
        currency: event.currency,
        ...(event.type === EVENT_TYPES.paymentRequested && event.qrExpiresAt !== undefined ? { qrExpiresAt: event.qrExpiresAt } : {}),
        ...(event.type === EVENT_TYPES.paymentRejected ? { reason: event.reason } : {}),
      };
    case EVENT_TYPES.courierTrackingUpdated:
      return {
        ...base,
        vendor: event.vendor,
        trackingUrl: event.trackingUrl,
        ...(event.etaMinutes !== undefined ? { etaMinutes: event.etaMinutes } : {}),
        ...(event.name !== undefined ? { name: event.name } : {}),
        ...(event.phone !== undefined ? { phone: event.phone } : {}),
      };
    case EVENT_TYPES.orderClosed:
      return { ...base, finalStatus: event.finalStatus };
    default:
      return exhaustive(event, 'diner event type');
  }
}

/** `GET /api/events?order=&after=` with a customer token. */
export interface DinerEventsPage {
  events: DinerEvent[];
  lastSeq: number;
}

/** `GET /api/diner/session`: what the diner page needs to go live on its order's channel. */
export interface DinerSession {
  orderId: string;
  channel: string;
  realtime: { key: string; cluster?: string; host?: string; port?: number; useTLS: boolean; authEndpoint: string };
}
