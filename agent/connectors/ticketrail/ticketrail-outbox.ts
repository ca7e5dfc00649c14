import { z } from 'zod';
import { BackendHttpError } from '../../../common/backend-http-error.js';
import { ERROR_CODES } from '../../../common/errors.js';
import { ORDER_STATUSES, OrderSchema } from '../../../common/order.js';
import { describeError } from '../../describe-error.js';
import type { OutboxKind, OutboxKinds } from '../../outbox/outbox-entry.js';
import { OutboxRefusal } from '../../outbox/outbox-refusal.js';
import { BackendUnreachableError, type BackendClient } from './backend-client.js';

/**
 * What an outbox row asks of TicketRail's backend, one shape per kind. The schemas check the shape
 * this agent wrote, not the backend's rules for the values: a value the backend refuses is a
 * refusal the kitchen sees (a conflict), while a row that is not even this shape can never be sent.
 */
export const OrderTransitionBodySchema = z.object({
  to: z.enum(ORDER_STATUSES),
  reason: z.string().optional(),
});
export type OrderTransitionBody = z.infer<typeof OrderTransitionBodySchema>;

export const PrintJobReportBodySchema = z.object({
  agentId: z.string(),
  status: z.enum(['printing', 'done', 'failed']),
  error: z.string().optional(),
  printedAt: z.string().optional(),
});
export type PrintJobReportBody = z.infer<typeof PrintJobReportBodySchema>;

/** The outbox kinds TicketRail's rows are stored under. */
export const TICKETRAIL_OUTBOX = { orderTransition: 'order.transition', jobReport: 'print-job.status' } as const;

/** The backend's final "no" (a 4xx but 429) as the outbox's refusal; anything else is retried. */
async function atBackend<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof BackendHttpError && error.status >= 400 && error.status < 500 && error.status !== 429) throw new OutboxRefusal(error.body);
    throw error;
  }
}

const isUnreachable = (error: unknown): boolean => error instanceof BackendUnreachableError;

/** TicketRail's rows: kitchen actions on orders, and print jobs' outcomes. */
export function ticketRailOutboxKinds(backend: BackendClient): OutboxKinds {
  const orderTransition: OutboxKind<OrderTransitionBody> = {
    target: 'order',
    body: OrderTransitionBodySchema,
    isUnreachable,
    async deliver(orderId, body, { cache }) {
      const order = await atBackend(() => backend.transitionOrder(orderId, body));
      cache.putOrderIfNewer(order);
    },
    delivered(orderId, _body, { cache, orderChanged }) {
      if (cache.pendingCount(orderId) === 0) {
        const cached = cache.getOrder(orderId);
        cache.setOrderFlags(orderId, { unconfirmed: false, ...(cached?.conflict ? { conflict: cached.conflict } : {}) });
      }
      orderChanged(orderId);
    },
    /** The backend refused the action: take its version of the order and tell the kitchen why. */
    async refused(orderId, body, refusal, { cache, logger, orderChanged, conflict }) {
      const message = `${refusal.message} (${refusal.code})`;
      const fromDetails = OrderSchema.safeParse((refusal.details as { order?: unknown } | undefined)?.order);
      try {
        const truth = fromDetails.success ? fromDetails.data : await backend.order(orderId);
        cache.putOrder(truth);
      } catch (fetchError) {
        logger.warn('could not fetch the order after a refusal', { error: describeError(fetchError) });
      }
      // Another screen made the same move first: the order already is where the kitchen wanted it.
      const alreadyDone = (refusal.details as { from?: string } | undefined)?.from === body.to;
      cache.setOrderFlags(orderId, alreadyDone ? { unconfirmed: false } : { unconfirmed: false, conflict: message });
      if (!alreadyDone) conflict({ orderId, message });
      orderChanged(orderId);
    },
  };
  const jobReport: OutboxKind<PrintJobReportBody> = {
    target: 'job',
    body: PrintJobReportBodySchema,
    isUnreachable,
    async deliver(jobId, body, { cache, jobChanged }) {
      const job = await atBackend(() => backend.reportPrintJob(jobId, body));
      cache.putJobIfNewer(job);
      jobChanged(job);
    },
    async refused(jobId, _body, refusal, { logger }) {
      if (refusal.code === ERROR_CODES.PRINT_JOB_NOT_CLAIMED_BY_AGENT) logger.warn('job was reclaimed elsewhere', { jobId });
    },
  };
  return { [TICKETRAIL_OUTBOX.orderTransition]: orderTransition, [TICKETRAIL_OUTBOX.jobReport]: jobReport };
}
