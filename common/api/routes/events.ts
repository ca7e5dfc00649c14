import { z } from 'zod';
import { DinerEventsPageSchema } from '../../diner-schemas.js';
import { EVENTS_PAGE_LIMITS, EventsPageSchema } from '../../events.js';
import { queryInt } from '../params.js';
import { defineRoute } from '../route.js';

const EventsQuerySchema = z.object({
  after: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
  limit: queryInt(1, EVENTS_PAGE_LIMITS.maxLimit).default(EVENTS_PAGE_LIMITS.defaultLimit),
  /** One order's events only: how a diner catches up (a customer token must name its own order). */
  order: z.string().min(1).max(64).optional(),
  /** One channel's share of the log: `pos` is what private-pos carries (docs/pos-feed.md). */
  channel: z.enum(['pos']).optional(),
});

/** The catch-up endpoint: agents pull what Pusher did not deliver; a diner, what its order's channel did not. */
export const EVENT_ROUTES = {
  list: defineRoute({
    method: 'GET',
    path: '/api/events',
    access: { staff: ['agent', 'pos'], customer: true },
    query: EventsQuerySchema,
    answer: EventsPageSchema,
    customerAnswer: DinerEventsPageSchema,
  }),
} as const;
