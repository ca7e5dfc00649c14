import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EVENTS_PAGE_LIMITS, type EventsPage } from '../../../common/events.js';
import type { EventRepository } from '../../repositories/events.js';
import type { Authenticate } from '../auth.js';
import { addRoute } from '../route.js';
import { queryInt } from '../schemas.js';

const EventsQuerySchema = z.object({
  after: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
  limit: queryInt(1, EVENTS_PAGE_LIMITS.maxLimit).default(EVENTS_PAGE_LIMITS.defaultLimit),
});

/** The catch-up endpoint: agents pull what Pusher did not deliver. */
export function registerEventRoutes(app: FastifyInstance, authenticate: Authenticate, events: EventRepository): void {
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/events',
    access: { staff: ['agent'] },
    query: EventsQuerySchema,
    handler: ({ query }): EventsPage => {
      // Both reads run in the same tick on the only writing connection, so they see the same log.
      return { events: events.listAfter(query.after, query.limit), lastSeq: events.lastSeq() };
    },
  });
}
