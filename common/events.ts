import { z } from 'zod';
import { ORDER_STATUSES } from './order.js';
import { PRINT_JOB_STATUSES } from './print-job.js';
import { PAYMENT_STATUSES, PAYMENT_TYPES } from './payment-status.js';

export const EVENT_TYPES = {
  orderSubmitted: 'order.submitted',
  orderStatusChanged: 'order.status.changed',
  // Stations (issue 19): one station's part of an order done, or brought back.
  orderStationReady: 'order.station.ready',
  orderStationRecalled: 'order.station.recalled',
  printJobCreated: 'print-job.created',
  printJobUpdated: 'print-job.updated',
  // Front of house (issue 12): payments, the courier, and an order's end.
  paymentRequested: 'payment.requested',
  paymentReceiptUploaded: 'payment.receipt_uploaded',
  paymentVerified: 'payment.verified',
  paymentRejected: 'payment.rejected',
  courierTrackingUpdated: 'courier.tracking.updated',
  orderClosed: 'order.closed',
  // POS terminals (issue 13): gift cards and loyalty points, on private-pos only.
  giftCardPurchased: 'gift_card.purchased',
  giftCardRedeemed: 'gift_card.redeemed',
  giftCardVoided: 'gift_card.voided',
  loyaltyUpdated: 'loyalty.updated',
} as const;
export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

/** Whether this build knows an event type; a newer backend may log types it does not. */
export function isKnownEventType(type: string): type is EventType {
  return (Object.values(EVENT_TYPES) as string[]).includes(type);
}

export const ACTOR_TYPES = ['pos', 'agent', 'admin', 'system', 'customer'] as const;
export const ActorSchema = z.object({ type: z.enum(ACTOR_TYPES), id: z.string() });
export type Actor = z.infer<typeof ActorSchema>;

const orderStatus = z.enum(ORDER_STATUSES);
const printJobStatus = z.enum(PRINT_JOB_STATUSES);

/**
 * A field this type of event never carries. It reads as undefined, so code may ask any event for
 * its `jobId` or `from` without narrowing first; a stray value (a newer producer) is dropped rather
 * than failing the whole page of events.
 */
const absent = z.undefined().optional().catch(undefined);

/** What every event carries: its place in the log, who made the change and when. */
const eventBase = {
  seq: z.number().int().min(1),
  actor: ActorSchema,
  at: z.string(),
  /** Version of the order or job after this change. */
  version: z.number().int(),
};

/** Fields of every print-job event. */
const printJobBase = {
  ...eventBase,
  jobId: z.string(),
  /** Absent for jobs of no order (test pages, raw and image jobs). */
  orderId: z.string().optional(),
  /** Station of the job, so an agent can ignore jobs it cannot serve without a fetch. */
  station: z.string(),
};

export const OrderSubmittedEventSchema = z.object({
  ...eventBase,
  type: z.literal(EVENT_TYPES.orderSubmitted),
  orderId: z.string(),
  to: z.literal('submitted'),
  jobId: absent,
  station: absent,
  from: absent,
  reason: absent,
});

export const OrderStatusChangedEventSchema = z.object({
  ...eventBase,
  type: z.literal(EVENT_TYPES.orderStatusChanged),
  orderId: z.string(),
  from: orderStatus,
  to: orderStatus,
  /** The cancel reason, or any reason sent with the transition. */
  reason: z.string().optional(),
  /**
   * The station whose bump or recall made this move (its last station ready → `ready`, one station
   * recalled on a ready order → `accepted`); absent for a whole-order move, which changes every
   * station (common/order-stations.ts, stationsAfterStatusChange).
   */
  station: z.string().optional(),
  jobId: absent,
});

/** Fields of both station events: small and flat, like every event (the order is fetched when unknown). */
const orderStationBase = {
  ...eventBase,
  orderId: z.string(),
  station: z.string(),
  jobId: absent,
  from: absent,
  reason: absent,
};

/** One station's part of an order is done. When it was the last pending one, `order.status.changed {to: 'ready'}` follows. */
export const OrderStationReadyEventSchema = z.object({
  ...orderStationBase,
  type: z.literal(EVENT_TYPES.orderStationReady),
  to: z.literal('ready'),
});

/** One station's part back to pending (bumped by mistake); on a ready order `order.status.changed {to: 'accepted'}` follows. */
export const OrderStationRecalledEventSchema = z.object({
  ...orderStationBase,
  type: z.literal(EVENT_TYPES.orderStationRecalled),
  to: z.literal('pending'),
});

export const PrintJobCreatedEventSchema = z.object({
  ...printJobBase,
  type: z.literal(EVENT_TYPES.printJobCreated),
  to: z.literal('pending'),
  from: absent,
  reason: absent,
});

export const PrintJobUpdatedEventSchema = z.object({
  ...printJobBase,
  type: z.literal(EVENT_TYPES.printJobUpdated),
  from: printJobStatus,
  to: printJobStatus,
  /** The print error of a failed job, or `lease expired`. */
  reason: z.string().optional(),
});

/** Fields of every payment event: enough for a board or a diner page to show it without a fetch. */
const paymentBase = {
  ...eventBase,
  orderId: z.string(),
  paymentId: z.string(),
  paymentType: z.enum(PAYMENT_TYPES),
  /** Minor units. */
  amount: z.number().int(),
  currency: z.string(),
  jobId: absent,
  station: absent,
};
const paymentStatus = z.enum(PAYMENT_STATUSES);

export const PaymentRequestedEventSchema = z.object({
  ...paymentBase,
  type: z.literal(EVENT_TYPES.paymentRequested),
  to: z.literal('requested'),
  qrExpiresAt: z.string().optional(),
  from: absent,
  reason: absent,
});

export const PaymentReceiptUploadedEventSchema = z.object({
  ...paymentBase,
  type: z.literal(EVENT_TYPES.paymentReceiptUploaded),
  from: paymentStatus,
  to: z.literal('receipt_uploaded'),
  /** Path of the receipt on the backend; downloading it takes a bearer token (staff, or the order's customer). */
  receiptUrl: z.string(),
  reason: absent,
});

export const PaymentVerifiedEventSchema = z.object({
  ...paymentBase,
  type: z.literal(EVENT_TYPES.paymentVerified),
  from: paymentStatus,
  to: z.literal('verified'),
  reason: absent,
});

export const PaymentRejectedEventSchema = z.object({
  ...paymentBase,
  type: z.literal(EVENT_TYPES.paymentRejected),
  from: paymentStatus,
  to: z.literal('rejected'),
  /** Why staff rejected the receipt; shown to the diner. */
  reason: z.string(),
});

export const CourierTrackingUpdatedEventSchema = z.object({
  ...eventBase,
  type: z.literal(EVENT_TYPES.courierTrackingUpdated),
  orderId: z.string(),
  to: z.literal('booked'),
  vendor: z.string(),
  trackingUrl: z.string(),
  etaMinutes: z.number().int().optional(),
  /** The courier's name and phone (issue 24), when given. */
  name: z.string().optional(),
  phone: z.string().optional(),
  jobId: absent,
  station: absent,
  from: absent,
  reason: absent,
});

/** Recorded with the status change that ends an order (same transaction, the next seq). */
export const OrderClosedEventSchema = z.object({
  ...eventBase,
  type: z.literal(EVENT_TYPES.orderClosed),
  orderId: z.string(),
  to: z.enum(['completed', 'cancelled']),
  finalStatus: z.enum(['completed', 'cancelled']),
  jobId: absent,
  station: absent,
  from: absent,
  reason: absent,
});

/**
 * Gift card and loyalty events go to POS terminals only (private-pos, docs/pos-feed.md). Like every
 * event they carry `to` (the card's status, or `active` for a loyalty account) and `version` (of
 * the card or the account). Names, e-mail addresses and phone numbers are never in them.
 */
const posEventBase = {
  ...eventBase,
  jobId: absent,
  station: absent,
};

/** Fields of every gift card event. */
const giftCardBase = {
  ...posEventBase,
  giftCardId: z.string(),
  cardNumber: z.string(),
  /** Minor units this change moved (always positive). */
  amount: z.number().int(),
  /** Minor units left on the card after the change. */
  balance: z.number().int(),
  currency: z.string(),
};

export const GiftCardPurchasedEventSchema = z.object({
  ...giftCardBase,
  type: z.literal(EVENT_TYPES.giftCardPurchased),
  to: z.literal('active'),
  expiresAt: z.string().optional(),
  orderId: absent,
  from: absent,
  reason: absent,
});

export const GiftCardRedeemedEventSchema = z.object({
  ...giftCardBase,
  type: z.literal(EVENT_TYPES.giftCardRedeemed),
  to: z.literal('active'),
  /** The order paid with the card, when the redemption named one. */
  orderId: z.string().optional(),
  from: absent,
  reason: absent,
});

export const GiftCardVoidedEventSchema = z.object({
  ...giftCardBase,
  type: z.literal(EVENT_TYPES.giftCardVoided),
  from: z.literal('active'),
  to: z.literal('void'),
  /** Why the card was voided, when the admin said. */
  reason: z.string().optional(),
  orderId: absent,
});

export const LoyaltyUpdatedEventSchema = z.object({
  ...posEventBase,
  type: z.literal(EVENT_TYPES.loyaltyUpdated),
  /** A loyalty account has one status. */
  to: z.literal('active'),
  customerId: z.string(),
  /** Signed: + for add, − for redeem. */
  pointsChange: z.number().int(),
  newBalance: z.number().int(),
  transactionType: z.enum(['add', 'redeem']),
  reason: z.string(),
  orderId: absent,
  from: absent,
});

/**
 * One row of the backend's event log, and the payload published on Pusher: a union on `type`, so
 * an order event's `to` is an order status and a job event's a job status. Flat and small by
 * design (ids, statuses, seq; never item arrays): an agent fetches the full order or job when it
 * needs more.
 */
export const EventSchema = z.discriminatedUnion('type', [
  OrderSubmittedEventSchema,
  OrderStatusChangedEventSchema,
  OrderStationReadyEventSchema,
  OrderStationRecalledEventSchema,
  PrintJobCreatedEventSchema,
  PrintJobUpdatedEventSchema,
  PaymentRequestedEventSchema,
  PaymentReceiptUploadedEventSchema,
  PaymentVerifiedEventSchema,
  PaymentRejectedEventSchema,
  CourierTrackingUpdatedEventSchema,
  OrderClosedEventSchema,
  GiftCardPurchasedEventSchema,
  GiftCardRedeemedEventSchema,
  GiftCardVoidedEventSchema,
  LoyaltyUpdatedEventSchema,
]);
export type TicketEvent = z.infer<typeof EventSchema>;
export type OrderEvent = Extract<TicketEvent, { type: typeof EVENT_TYPES.orderSubmitted | typeof EVENT_TYPES.orderStatusChanged }>;
export type PrintJobEvent = Extract<TicketEvent, { type: typeof EVENT_TYPES.printJobCreated | typeof EVENT_TYPES.printJobUpdated }>;

/** An event before the log gives it its seq (per member of the union, so `type` still narrows). */
export type NewTicketEvent = TicketEvent extends infer E ? (E extends TicketEvent ? Omit<E, 'seq'> : never) : never;

export const isOrderEvent = (event: TicketEvent): event is OrderEvent =>
  event.type === EVENT_TYPES.orderSubmitted || event.type === EVENT_TYPES.orderStatusChanged;

export type OrderStationEvent = Extract<TicketEvent, { type: typeof EVENT_TYPES.orderStationReady | typeof EVENT_TYPES.orderStationRecalled }>;

export const isOrderStationEvent = (event: TicketEvent): event is OrderStationEvent =>
  event.type === EVENT_TYPES.orderStationReady || event.type === EVENT_TYPES.orderStationRecalled;

export const isPrintJobEvent = (event: TicketEvent): event is PrintJobEvent =>
  event.type === EVENT_TYPES.printJobCreated || event.type === EVENT_TYPES.printJobUpdated;

export type PaymentEvent = Extract<
  TicketEvent,
  { type: typeof EVENT_TYPES.paymentRequested | typeof EVENT_TYPES.paymentReceiptUploaded | typeof EVENT_TYPES.paymentVerified | typeof EVENT_TYPES.paymentRejected }
>;
export type CourierEvent = Extract<TicketEvent, { type: typeof EVENT_TYPES.courierTrackingUpdated }>;
export type OrderClosedEvent = Extract<TicketEvent, { type: typeof EVENT_TYPES.orderClosed }>;

export const isPaymentEvent = (event: TicketEvent): event is PaymentEvent =>
  event.type === EVENT_TYPES.paymentRequested ||
  event.type === EVENT_TYPES.paymentReceiptUploaded ||
  event.type === EVENT_TYPES.paymentVerified ||
  event.type === EVENT_TYPES.paymentRejected;

export type GiftCardEvent = Extract<
  TicketEvent,
  { type: typeof EVENT_TYPES.giftCardPurchased | typeof EVENT_TYPES.giftCardRedeemed | typeof EVENT_TYPES.giftCardVoided }
>;
export type LoyaltyEvent = Extract<TicketEvent, { type: typeof EVENT_TYPES.loyaltyUpdated }>;

/** Gift card and loyalty events: news for POS terminals and the counter; no order card or print job is in them. */
export const POS_ONLY_EVENT_TYPES = [
  EVENT_TYPES.giftCardPurchased,
  EVENT_TYPES.giftCardRedeemed,
  EVENT_TYPES.giftCardVoided,
  EVENT_TYPES.loyaltyUpdated,
] as const;
export const isPosOnlyEvent = (event: TicketEvent): event is GiftCardEvent | LoyaltyEvent =>
  (POS_ONLY_EVENT_TYPES as readonly string[]).includes(event.type);

/** What `private-pos` carries and `GET /api/events?channel=pos` returns: order pushes plus the POS-only events. */
export const POS_CHANNEL_EVENT_TYPES = [EVENT_TYPES.orderSubmitted, EVENT_TYPES.orderStatusChanged, ...POS_ONLY_EVENT_TYPES] as const;

export const EVENTS_PAGE_LIMITS = { defaultLimit: 200, maxLimit: 1000 } as const;

/** `GET /api/events?after=&limit=` answer: events in seq order and the log's newest seq. */
export const EventsPageSchema = z.object({
  events: z.array(EventSchema),
  lastSeq: z.number().int().min(0),
});
export type EventsPage = z.infer<typeof EventsPageSchema>;
