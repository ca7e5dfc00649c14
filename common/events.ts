import { z } from 'zod';
import { ORDER_STATUSES } from './order.js';
import { PRINT_JOB_STATUSES } from './print-job.js';

export const EVENT_TYPES = {
  orderSubmitted: 'order.submitted',
  orderStatusChanged: 'order.status.changed',
  printJobCreated: 'print-job.created',
  printJobUpdated: 'print-job.updated',
} as const;
export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

export const ACTOR_TYPES = ['pos', 'agent', 'admin', 'system', 'customer'] as const;
export const ActorSchema = z.object({ type: z.enum(ACTOR_TYPES), id: z.string() });
export type Actor = z.infer<typeof ActorSchema>;

const statusValue = z.enum([...ORDER_STATUSES, ...PRINT_JOB_STATUSES] as [string, ...string[]]);

/**
 * One row of the backend's event log, and the payload published on Pusher. Flat and small by
 * design (ids, statuses, seq; never item arrays): an agent fetches the full order or job when it
 * needs more.
 */
export const EventSchema = z.object({
  seq: z.number().int().min(1),
  type: z.enum([
    EVENT_TYPES.orderSubmitted,
    EVENT_TYPES.orderStatusChanged,
    EVENT_TYPES.printJobCreated,
    EVENT_TYPES.printJobUpdated,
  ]),
  orderId: z.string().optional(),
  jobId: z.string().optional(),
  /** Station of a print job, so an agent can ignore jobs it cannot serve without a fetch. */
  station: z.string().optional(),
  from: statusValue.optional(),
  to: statusValue,
  actor: ActorSchema,
  at: z.string(),
  reason: z.string().optional(),
  /** Version of the order or job after this change. */
  version: z.number().int().optional(),
});
export type TicketEvent = z.infer<typeof EventSchema>;

export const EVENTS_PAGE_LIMITS = { defaultLimit: 200, maxLimit: 1000 } as const;

/** `GET /api/events?after=&limit=` answer: events in seq order and the log's newest seq. */
export const EventsPageSchema = z.object({
  events: z.array(EventSchema),
  lastSeq: z.number().int().min(0),
});
export type EventsPage = z.infer<typeof EventsPageSchema>;
