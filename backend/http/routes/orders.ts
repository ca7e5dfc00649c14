import type { FastifyInstance } from 'fastify';
import { ORDER_ROUTES } from '../../../common/api/routes/orders.js';
import { encodeCompletedCursor, nextCursor } from '../../../common/api/cursor.js';
import { ACTIVE_ORDER_STATUSES, type OrderAnswer, type OrderCreated, type OrdersPage, type OrderStatus } from '../../../common/order.js';
import { CodedError, ERRORS } from '../../../common/errors.js';
import { orderSearchKey } from '../../../common/order-search.js';
import { searchRange } from '../order-search-query.js';
import type { DinerService } from '../../services/diner.js';
import type { OrderService } from '../../services/orders.js';
import type { PaymentService } from '../../services/payments.js';
import type { RequestGate } from '../auth.js';
import { assertOwnOrder } from '../customer-access.js';
import { idempotencyScopeOf } from '../idempotency-key.js';
import { actorOf, addRoute } from '../route.js';

function statusesOf(status: 'active' | 'all' | OrderStatus): readonly OrderStatus[] | 'all' {
  return status === 'all' ? 'all' : status === 'active' ? ACTIVE_ORDER_STATUSES : [status];
}

export function registerOrderRoutes(app: FastifyInstance, gate: RequestGate, orders: OrderService, diner: DinerService, payments: PaymentService): void {
  addRoute(app, gate, ORDER_ROUTES.create, async ({ body, principal, location, request, reply }): Promise<OrderCreated> => {
    const created = await orders.create(location, body, actorOf(principal), idempotencyScopeOf(request, principal));
    if (created.replayed) void reply.header('idempotent-replayed', 'true');
    return { ...created.order, customerToken: created.customerToken };
  });

  addRoute(app, gate, ORDER_ROUTES.list, async ({ query, location }): Promise<OrdersPage> => {
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
      // Each found order with its latest payment's status (one query for the page): History's payment column.
      const statuses = await payments.latestStatuses(location, page.map((stored) => stored.order.id));
      const found = page.map((stored) => {
        const paymentStatus = statuses.get(stored.order.id);
        return paymentStatus === undefined ? stored.order : { ...stored.order, paymentStatus };
      });
      return { orders: found, nextCursor: nextCursor(page.map((stored) => stored.position), query.limit) };
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
  });

  // A customer token reads its own order, as the diner sees it (no staff notes, no customer details).
  addRoute(app, gate, ORDER_ROUTES.get, ({ params, principal, location }) => {
    if (principal.kind !== 'customer') return orders.get(location, params.id);
    assertOwnOrder(principal, params.id);
    return diner.view(location, params.id);
  });

  // A customer token may cancel its own order while it is submitted (issue 24), nothing else.
  addRoute(app, gate, ORDER_ROUTES.transition, async ({ params, body, principal, location }) => {
    if (principal.kind !== 'customer') return orders.transition(location, params.id, body, actorOf(principal));
    assertOwnOrder(principal, params.id);
    if (body.to !== 'cancelled') throw new CodedError(ERRORS.FORBIDDEN, `a customer token may only cancel its order, not move it to ${body.to}`);
    await orders.cancelByCustomer(location, params.id, body, actorOf(principal));
    // The diner is answered with what a diner may see of the order (no notes, customer, stations).
    return diner.view(location, params.id);
  });

  // Stations (issue 19): each station bumps or recalls its own part of the order.
  addRoute(app, gate, ORDER_ROUTES.stationReady, async ({ params, principal, location }): Promise<OrderAnswer> => ({
    order: await orders.stationReady(location, params.id, params.station, actorOf(principal)),
  }));

  addRoute(app, gate, ORDER_ROUTES.stationRecall, async ({ params, principal, location }): Promise<OrderAnswer> => ({
    order: await orders.stationRecall(location, params.id, params.station, actorOf(principal)),
  }));
}
