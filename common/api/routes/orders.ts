import { z } from 'zod';
import { ORDER_LIST_LIMITS, ORDER_STATUSES, OrderAnswerSchema, OrderCreatedSchema, OrderInputSchema, OrderSchema, OrdersPageSchema, OrderTransitionInputSchema, StationSchema } from '../../order.js';
import { DinerOrderViewSchema } from '../../diner-schemas.js';
import { ORDER_SEARCH_LIMITS } from '../../order-search.js';
import { CompletedCursorSchema, CursorSchema } from '../cursor.js';
import { IdParamsSchema, NoBodySchema, queryIds, queryInt } from '../params.js';
import { defineRoute } from '../route.js';

/** `GET /api/orders`: a status filter, a page, a lookup by ids, or a search (q, from, to: issue 24). */
export const OrderListQuerySchema = z
  .object({
    // Without a search, `active` by default; a search (q, from or to) looks at every status by default.
    status: z.enum(['active', 'all', ...ORDER_STATUSES]).optional(),
    limit: queryInt(1, ORDER_LIST_LIMITS.maxLimit).default(ORDER_LIST_LIMITS.defaultLimit),
    cursor: z.string().max(96).optional(),
    ids: queryIds(ORDER_LIST_LIMITS.maxIds).optional(),
    // A search, newest first (common/order-search.ts); the dates are checked by the backend (ORDER_SEARCH_DATE_INVALID).
    q: z.string().trim().min(1).max(ORDER_SEARCH_LIMITS.maxQueryLength).optional(),
    from: z.string().max(40).optional(),
    to: z.string().max(40).optional(),
  })
  // Completed orders come newest completion first, so their cursor is another keyset.
  .transform((query, context) => {
    const { cursor, ...rest } = query;
    const searching = query.q !== undefined || query.from !== undefined || query.to !== undefined;
    const withStatus = { ...rest, searching, status: query.status ?? (searching ? 'all' : 'active') };
    if (cursor === undefined) return { ...withStatus, cursor: undefined, completedCursor: undefined };
    const parsed = withStatus.status === 'completed' && !searching ? CompletedCursorSchema.safeParse(cursor) : CursorSchema.safeParse(cursor);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', path: ['cursor'], message: issue.message });
      return z.NEVER;
    }
    return typeof parsed.data === 'number' ? { ...withStatus, cursor: parsed.data, completedCursor: undefined } : { ...withStatus, cursor: undefined, completedCursor: parsed.data };
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
  // A customer token may cancel its own order while it is submitted (issue 24), nothing else; it is answered the diner's view.
  transition: defineRoute({
    method: 'POST',
    path: '/api/orders/:id/transitions',
    access: { staff: ['agent'], customer: true },
    params: IdParamsSchema,
    body: OrderTransitionInputSchema,
    answer: OrderSchema,
    customerAnswer: DinerOrderViewSchema,
  }),
  // Stations (issue 19): each station bumps or recalls its own part of the order.
  stationReady: defineRoute({ method: 'POST', path: '/api/orders/:id/stations/:station/ready', access: { staff: ['agent'] }, params: StationParamsSchema, body: NoBodySchema, answer: OrderAnswerSchema }),
  stationRecall: defineRoute({ method: 'POST', path: '/api/orders/:id/stations/:station/recall', access: { staff: ['agent'] }, params: StationParamsSchema, body: NoBodySchema, answer: OrderAnswerSchema }),
} as const;
