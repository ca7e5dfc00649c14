import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ACTIVE_ORDER_STATUSES,
  ORDER_LIST_LIMITS,
  ORDER_STATUSES,
  OrderInputSchema,
  OrderTransitionInputSchema,
  type OrderCreated,
  type OrdersPage,
} from '../../../common/order.js';
import type { DinerService } from '../../services/diner.js';
import type { OrderService } from '../../services/orders.js';
import type { RequestGate } from '../auth.js';
import { CursorSchema, nextCursor } from '../cursor.js';
import { assertOwnOrder } from '../customer-access.js';
import { idempotencyScopeOf } from '../idempotency-key.js';
import { actorOf, addRoute } from '../route.js';
import { IdParamsSchema, queryIds, queryInt } from '../schemas.js';

const ListQuerySchema = z.object({
  status: z.enum(['active', 'all', ...ORDER_STATUSES]).default('active'),
  limit: queryInt(1, ORDER_LIST_LIMITS.maxLimit).default(ORDER_LIST_LIMITS.defaultLimit),
  cursor: CursorSchema.optional(),
  ids: queryIds(ORDER_LIST_LIMITS.maxIds).optional(),
});

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
      const statuses = query.status === 'all' ? 'all' : query.status === 'active' ? ACTIVE_ORDER_STATUSES : [query.status];
      const page = await orders.list(location, { statuses, afterPosition: query.cursor ?? 0, limit: query.limit });
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
    access: { staff: ['agent'] },
    params: IdParamsSchema,
    body: OrderTransitionInputSchema,
    handler: ({ params, body, principal, location }) => orders.transition(location, params.id, body, actorOf(principal)),
  });
}
