import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CodedError, ERRORS } from '../../../common/errors.js';
import {
  ACTIVE_ORDER_STATUSES,
  ORDER_LIST_LIMITS,
  ORDER_STATUSES,
  OrderInputSchema,
  OrderTransitionInputSchema,
  StationSchema,
  type OrderAnswer,
  type OrderCreated,
  type OrderStatus,
  type OrdersPage,
} from '../../../common/order.js';
import { ORDER_SEARCH_LIMITS, orderSearchKey } from '../../../common/order-search.js';
import type { DinerService } from '../../services/diner.js';
import type { OrderService } from '../../services/orders.js';
import type { RequestGate } from '../auth.js';
import { CompletedCursorSchema, CursorSchema, encodeCompletedCursor, nextCursor } from '../cursor.js';
import { assertOwnOrder } from '../customer-access.js';
import { searchRange } from '../order-search-query.js';
import { idempotencyScopeOf } from '../idempotency-key.js';
import { actorOf, addRoute } from '../route.js';
import { IdParamsSchema, NoBodySchema, queryIds, queryInt } from '../schemas.js';

const ListQuerySchema = z
  .object({
    // Without a search, `active` by default; a search (q, from or to) looks at every status by default.
    status: z.enum(['active', 'all', ...ORDER_STATUSES]).optional(),
    limit: queryInt(1, ORDER_LIST_LIMITS.maxLimit).default(ORDER_LIST_LIMITS.defaultLimit),
    cursor: z.string().max(96).optional(),
    ids: queryIds(ORDER_LIST_LIMITS.maxIds).optional(),
    // Issue 24: a search, newest first (common/order-search.ts; dates checked by searchRange()).
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

function statusesOf(status: 'active' | 'all' | OrderStatus): readonly OrderStatus[] | 'all' {
  return status === 'all' ? 'all' : status === 'active' ? ACTIVE_ORDER_STATUSES : [status];
}

const StationParamsSchema = IdParamsSchema.extend({ station: StationSchema });

export function registerOrderRoutes(app: FastifyInstance, gate: RequestGate, orders: OrderService, diner: DinerService): void {
  addRoute(app, gate, {
    method: 'POST',
    url: '/api/orders',
    access: { staff: ['pos'] },
    body: OrderInputSchema,
    created: true,
    handler: async ({ body, principal, location, request, reply }): Promise<OrderCreated> => {
      const created = await orders.create(location, body, actorOf(principal), idempotencyScopeOf(request, principal));
      if (created.replayed) void reply.header('idempotent-replayed', 'true');
      return { ...created.order, customerToken: created.customerToken };
    },
  });

  addRoute(app, gate, {
    method: 'GET',
    url: '/api/orders',
    access: { staff: ['pos', 'agent'] },
    query: ListQuerySchema,
    handler: async ({ query, location }): Promise<OrdersPage> => {
      // A lookup by ids ignores the status filter: an agent catching up needs those orders whatever their status.
      if (query.ids) return { orders: (await orders.getMany(location, query.ids)).map((stored) => stored.order), nextCursor: null };
      if (query.searching) {
        const page = await orders.search(location, {
          ...searchRange(query.from, query.to),
          ...(query.q !== undefined ? { key: orderSearchKey(query.q) } : {}),
          statuses: statusesOf(query.status),
          ...(query.cursor !== undefined ? { beforePosition: query.cursor } : {}),
          limit: query.limit,
        });
        return { orders: page.map((stored) => stored.order), nextCursor: nextCursor(page.map((stored) => stored.position), query.limit) };
      }
      if (query.status === 'completed') {
        const page = await orders.listCompleted(location, { limit: query.limit, ...(query.completedCursor ? { before: query.completedCursor } : {}) });
        const last = page.at(-1);
        return { orders: page.map((stored) => stored.order), nextCursor: page.length === query.limit && last ? encodeCompletedCursor(last) : null };
      }
      const page = await orders.list(location, { statuses: statusesOf(query.status), afterPosition: query.cursor ?? 0, limit: query.limit });
      return {
        orders: page.map((stored) => stored.order),
        nextCursor: nextCursor(
          page.map((stored) => stored.position),
          query.limit,
        ),
      };
    },
  });

  addRoute(app, gate, {
    method: 'GET',
    url: '/api/orders/:id',
    // A customer token reads its own order, as the diner sees it (no staff notes, no customer details).
    access: { staff: ['pos', 'agent'], customer: true },
    params: IdParamsSchema,
    handler: ({ params, principal, location }) => {
      if (principal.kind !== 'customer') return orders.get(location, params.id);
      assertOwnOrder(principal, params.id);
      return diner.view(location, params.id);
    },
  });

  addRoute(app, gate, {
    method: 'POST',
    url: '/api/orders/:id/transitions',
    // A customer token may cancel its own order while it is submitted (issue 24), nothing else.
    access: { staff: ['agent'], customer: true },
    params: IdParamsSchema,
    body: OrderTransitionInputSchema,
    handler: async ({ params, body, principal, location }) => {
      if (principal.kind !== 'customer') return orders.transition(location, params.id, body, actorOf(principal));
      assertOwnOrder(principal, params.id);
      if (body.to !== 'cancelled') throw new CodedError(ERRORS.FORBIDDEN, `a customer token may only cancel its order, not move it to ${body.to}`);
      await orders.cancelByCustomer(location, params.id, body, actorOf(principal));
      // The diner is answered with what a diner may see of the order (no notes, customer, stations).
      return diner.view(location, params.id);
    },
  });

  // Stations (issue 19): each station bumps or recalls its own part of the order.
  addRoute(app, gate, {
    method: 'POST',
    url: '/api/orders/:id/stations/:station/ready',
    access: { staff: ['agent'] },
    params: StationParamsSchema,
    body: NoBodySchema,
    handler: async ({ params, principal, location }): Promise<OrderAnswer> => ({ order: await orders.stationReady(location, params.id, params.station, actorOf(principal)) }),
  });

  addRoute(app, gate, {
    method: 'POST',
    url: '/api/orders/:id/stations/:station/recall',
    access: { staff: ['agent'] },
    params: StationParamsSchema,
    body: NoBodySchema,
    handler: async ({ params, principal, location }): Promise<OrderAnswer> => ({ order: await orders.stationRecall(location, params.id, params.station, actorOf(principal)) }),
  });
}
