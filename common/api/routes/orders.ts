import { z } from 'zod';
import { ORDER_LIST_LIMITS, ORDER_STATUSES, OrderAnswerSchema, OrderCreatedSchema, OrderInputSchema, OrderSchema, OrdersPageSchema, OrderTransitionInputSchema, StationSchema } from '../../order.js';
import { DinerOrderViewSchema } from '../../diner-schemas.js';
import { CompletedCursorSchema, CursorSchema } from '../cursor.js';
import { IdParamsSchema, NoBodySchema, queryIds, queryInt } from '../params.js';
import { defineRoute } from '../route.js';

/** `GET /api/orders`: a status filter, a page, or a lookup by ids. */
export const OrderListQuerySchema = z
  .object({
    status: z.enum(['active', 'all', ...ORDER_STATUSES]).default('active'),
    limit: queryInt(1, ORDER_LIST_LIMITS.maxLimit).default(ORDER_LIST_LIMITS.defaultLimit),
    cursor: z.string().max(96).optional(),
    ids: queryIds(ORDER_LIST_LIMITS.maxIds).optional(),
  })
  // Completed orders come newest completion first, so their cursor is another keyset.
  .transform((query, context) => {
    const { cursor, ...rest } = query;
    if (cursor === undefined) return { ...rest, cursor: undefined, completedCursor: undefined };
    const parsed = query.status === 'completed' ? CompletedCursorSchema.safeParse(cursor) : CursorSchema.safeParse(cursor);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', path: ['cursor'], message: issue.message });
      return z.NEVER;
    }
    return typeof parsed.data === 'number' ? { ...rest, cursor: parsed.data, completedCursor: undefined } : { ...rest, cursor: undefined, completedCursor: parsed.data };
  });

const StationParamsSchema = IdParamsSchema.extend({ station: StationSchema });

/** Orders: taken by POS terminals, moved by agents (the whole order or one station's part). */
export const ORDER_ROUTES = {
  create: defineRoute({ method: 'POST', path: '/api/orders', access: { staff: ['pos'] }, body: OrderInputSchema, answer: OrderCreatedSchema, created: true }),
  list: defineRoute({ method: 'GET', path: '/api/orders', access: { staff: ['pos', 'agent'] }, query: OrderListQuerySchema, answer: OrdersPageSchema }),
  // A customer token reads its own order, as the diner sees it (no staff notes, no customer details).
  get: defineRoute({
    method: 'GET',
    path: '/api/orders/:id',
    access: { staff: ['pos', 'agent'], customer: true },
    params: IdParamsSchema,
    answer: OrderSchema,
    customerAnswer: DinerOrderViewSchema,
  }),
  transition: defineRoute({ method: 'POST', path: '/api/orders/:id/transitions', access: { staff: ['agent'] }, params: IdParamsSchema, body: OrderTransitionInputSchema, answer: OrderSchema }),
  // Stations (issue 19): each station bumps or recalls its own part of the order.
  stationReady: defineRoute({ method: 'POST', path: '/api/orders/:id/stations/:station/ready', access: { staff: ['agent'] }, params: StationParamsSchema, body: NoBodySchema, answer: OrderAnswerSchema }),
  stationRecall: defineRoute({ method: 'POST', path: '/api/orders/:id/stations/:station/recall', access: { staff: ['agent'] }, params: StationParamsSchema, body: NoBodySchema, answer: OrderAnswerSchema }),
} as const;
