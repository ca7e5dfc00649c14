import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DinerEventsPage } from '../../../common/diner.js';
import { CodedError, ERRORS } from '../../../common/errors.js';
import { EVENTS_PAGE_LIMITS, type EventsPage } from '../../../common/events.js';
import type { DinerService } from '../../services/diner.js';
import type { EventLog } from '../../services/event-log.js';
import type { RequestGate } from '../auth.js';
import { assertOwnOrder } from '../customer-access.js';
import { addRoute } from '../route.js';
import { queryInt } from '../schemas.js';

const EventsQuerySchema = z.object({
  after: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
  limit: queryInt(1, EVENTS_PAGE_LIMITS.maxLimit).default(EVENTS_PAGE_LIMITS.defaultLimit),
  /** One order's events only: how a diner catches up (a customer token must name its own order). */
  order: z.string().min(1).max(64).optional(),
  /** One channel's share of the log: `pos` is what private-pos carries (docs/pos-feed.md). */
  channel: z.enum(['pos']).optional(),
});

/** The catch-up endpoint: agents pull what Pusher did not deliver; a diner, what its order's channel did not. */
export function registerEventRoutes(app: FastifyInstance, gate: RequestGate, events: EventLog, diner: DinerService): void {
  addRoute(app, gate, {
    method: 'GET',
    url: '/api/events',
    access: { staff: ['agent', 'pos'], customer: true },
    query: EventsQuerySchema,
    handler: ({ query, principal, location }): Promise<EventsPage | DinerEventsPage> => {
      if (principal.kind === 'customer') {
        if (query.order === undefined) throw new CodedError(ERRORS.FORBIDDEN, "a customer token reads its own order's events only: ?order=<its order id>");
        assertOwnOrder(principal, query.order);
        return diner.eventsAfter(query.order, query.after, query.limit);
      }
      // A POS terminal reads what private-pos carries and nothing else; agents and admins may ask for it too.
      if (principal.kind === 'staff' && principal.role === 'pos' && query.channel !== 'pos') {
        throw new CodedError(ERRORS.CHANNEL_FORBIDDEN, 'a pos token reads the POS feed only: GET /api/events?channel=pos', { channel: query.channel ?? null });
      }
      if (query.channel === 'pos') {
        if (query.order !== undefined) throw new CodedError(ERRORS.VALIDATION_FAILED, 'ask for ?channel= or ?order=, not both');
        return events.posFeed(location, query.after, query.limit);
      }
      return query.order === undefined ? events.page(location, query.after, query.limit) : events.ofOrder(location, query.order, query.after, query.limit);
    },
  });
}
