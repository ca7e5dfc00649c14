import { z } from 'zod';
import { ORDER_STATUSES, type OrderStatus } from './order-status.js';
import { ORDER_STATION_STATUSES, type OrderStation } from './order-stations.js';
import { PAYMENT_STATUSES } from './payment-status.js';
import { SourceCardSchema } from './source-card.js';

/** Limits on what one order may carry; the backend refuses anything larger with a 400. */
export const ORDER_LIMITS = {
  maxItems: 100,
  maxQty: 999,
  maxModifiers: 20,
  maxTextLength: 200,
  maxNotesLength: 500,
  maxStationLength: 32,
} as const;

export const ORDER_TYPES = ['dine_in', 'takeaway', 'delivery'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export { ACTIVE_ORDER_STATUSES, isActiveOrderStatus, ORDER_STATUSES, type OrderStatus } from './order-status.js';

/**
 * The order state machine: `submitted → accepted → ready → completed`, `ready → accepted` (recall),
 * `completed → ready` (a served order recalled, within the backend's RECALL_WINDOW_MINUTES of its
 * completion) and `cancelled` from any active status (a reason is required).
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  submitted: ['accepted', 'cancelled'],
  accepted: ['ready', 'cancelled'],
  ready: ['completed', 'accepted', 'cancelled'],
  completed: ['ready'],
  cancelled: [],
};

export function allowedOrderTransitions(from: OrderStatus): readonly OrderStatus[] {
  return ORDER_TRANSITIONS[from];
}

export function canTransitionOrder(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}


const text = (max: number) => z.string().trim().min(1).max(max);

/** A station name: lower-case word such as `kitchen`, `bar`, `expo`. */
export const StationSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'station must be lower-case letters, digits, "-" or "_"')
  .max(ORDER_LIMITS.maxStationLength);

export const OrderItemInputSchema = z.strictObject({
  name: text(ORDER_LIMITS.maxTextLength),
  qty: z.number().int().min(1).max(ORDER_LIMITS.maxQty),
  station: StationSchema,
  modifiers: z.array(text(ORDER_LIMITS.maxTextLength)).max(ORDER_LIMITS.maxModifiers).default([]),
  notes: z.string().trim().max(ORDER_LIMITS.maxNotesLength).optional(),
});
export type OrderItemInput = z.input<typeof OrderItemInputSchema>;
export type OrderItem = z.output<typeof OrderItemInputSchema>;

export const MoneySchema = z.strictObject({
  amount: z.number().int().min(0).max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as EUR'),
});
export type Money = z.infer<typeof MoneySchema>;

export const CustomerSchema = z.strictObject({
  name: z.string().trim().max(ORDER_LIMITS.maxTextLength).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{3,32}$/, 'phone may hold digits, spaces, (), - and a leading +')
    .optional(),
});
export type Customer = z.infer<typeof CustomerSchema>;

/** What a POS posts to `POST /api/orders`. */
export const OrderInputSchema = z.strictObject({
  type: z.enum(ORDER_TYPES),
  table: z.string().trim().max(ORDER_LIMITS.maxStationLength).optional(),
  customer: CustomerSchema.optional(),
  items: z.array(OrderItemInputSchema).min(1).max(ORDER_LIMITS.maxItems),
  notes: z.string().trim().max(ORDER_LIMITS.maxNotesLength).optional(),
  total: MoneySchema.optional(),
});
export type OrderInput = z.input<typeof OrderInputSchema>;

/** One station's part of an order (common/order-stations.ts has the rules). */
export const OrderStationSchema = z.object({
  station: z.string(),
  status: z.enum(ORDER_STATION_STATUSES),
  readyAt: z.string().optional(),
  readyBy: z.string().optional(),
}) satisfies z.ZodType<OrderStation>;

/** An order as the backend stores and returns it. */
export const OrderSchema = z.object({
  id: z.string(),
  number: z.string(),
  type: z.enum(ORDER_TYPES),
  table: z.string().optional(),
  customer: CustomerSchema.optional(),
  items: z.array(OrderItemInputSchema),
  notes: z.string().optional(),
  total: MoneySchema.optional(),
  status: z.enum(ORDER_STATUSES),
  cancelReason: z.string().optional(),
  /** Who cancelled a `cancelled` order: the diner (their customer token) or staff (issue 24). */
  cancelledBy: z.enum(['customer', 'staff']).optional(),
  /**
   * Each item station's part, in first-seen order (issue 19). The backend always sends it; an
   * older backend's order, or a card of another source, has none: stationsOfOrder() derives it.
   */
  stations: z.array(OrderStationSchema).optional(),
  /** When the order was completed (ISO); only while it is `completed`. */
  completedAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
  /** Set only by the agent, for a card of a source without orders (common/source-card.ts). */
  source: SourceCardSchema.optional(),
});
export type Order = z.infer<typeof OrderSchema>;

export const OrderTransitionInputSchema = z.strictObject({
  to: z.enum(ORDER_STATUSES),
  reason: z.string().trim().min(1).max(ORDER_LIMITS.maxNotesLength).optional(),
  /** When set, the backend refuses the change (409 ORDER_VERSION_CONFLICT) unless the order is still at this version. */
  expectedVersion: z.number().int().min(1).optional(),
});
export type OrderTransitionInput = z.infer<typeof OrderTransitionInputSchema>;

/**
 * A diner cancels their own order (issue 24): only while it is `submitted` (the kitchen has not
 * started), with an optional reason no longer than this; the default reason when none is given.
 */
export const CUSTOMER_CANCEL = { maxReasonLength: 200, defaultReason: 'cancelled by the customer' } as const;

/** The stations an order's items need, in first-seen order: one kitchen ticket per station. */
export function stationsOf(items: readonly { station: string }[]): string[] {
  return [...new Set(items.map((item) => item.station))];
}

/** The answer of a station bump or recall (`POST /api/orders/:id/stations/:station/ready|recall`). */
export const OrderAnswerSchema = z.object({ order: OrderSchema });
export type OrderAnswer = z.infer<typeof OrderAnswerSchema>;

/** `POST /api/orders` answer: the order plus the customer's token for `private-order-{id}` (shown once). */
export const OrderCreatedSchema = OrderSchema.extend({ customerToken: z.string() });
export type OrderCreated = z.infer<typeof OrderCreatedSchema>;

/** `maxIds`: ids one `?ids=` lookup may name (an agent fetching what a run of events mentions). */
export const ORDER_LIST_LIMITS = { defaultLimit: 50, maxLimit: 200, maxIds: 100 } as const;

/**
 * An order of a search page (issue 24): with its latest payment's status when it has a payment, so
 * the board's History shows the payment state of orders older than the agent's cache.
 */
export const ListedOrderSchema = OrderSchema.extend({ paymentStatus: z.enum(PAYMENT_STATUSES).optional() });
export type ListedOrder = z.infer<typeof ListedOrderSchema>;

/** `GET /api/orders` answer, oldest first; `nextCursor` is null on the last page. */
export const OrdersPageSchema = z.object({
  orders: z.array(ListedOrderSchema),
  nextCursor: z.string().nullable(),
});
export type OrdersPage = z.infer<typeof OrdersPageSchema>;
