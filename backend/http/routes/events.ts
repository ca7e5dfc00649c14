import type { FastifyInstance } from 'fastify';
import { EVENT_ROUTES } from '../../../common/api/routes/events.js';
import type { DinerEventsPage } from '../../../common/diner.js';
import { CodedError, ERRORS } from '../../../common/errors.js';
import type { EventsPage } from '../../../common/events.js';
import type { DinerService } from '../../services/diner.js';
import type { EventLog } from '../../services/event-log.js';
import type { RequestGate } from '../auth.js';
import { assertOwnOrder } from '../customer-access.js';
import { addRoute } from '../route.js';

/** The catch-up endpoint: agents pull what Pusher did not deliver; a diner, what its order's channel did not. */
export function registerEventRoutes(app: FastifyInstance, gate: RequestGate, events: EventLog, diner: DinerService): void {
  addRoute(app, gate, EVENT_ROUTES.list, ({ query, principal, location }): Promise<EventsPage | DinerEventsPage> => {
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
  });
}
