import { z } from 'zod';
import { BackendHttpError } from '../../../common/backend-http-error.js';
import { ERROR_CODES, type ErrorBody } from '../../../common/errors.js';
import { ORDER_STATUSES, OrderSchema, StationSchema } from '../../../common/order.js';
import { STATION_ACTIONS } from '../../../common/order-stations.js';
import { PAYMENT_TYPES } from '../../../common/payment.js';
import { describeError } from '../../describe-error.js';
import type { OutboxContext, OutboxKind, OutboxKinds } from '../../outbox/outbox-entry.js';
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

/** A station's bump or recall of its part of the order (issue 19). */
export const OrderStationBodySchema = z.object({
  station: StationSchema,
  action: z.enum(STATION_ACTIONS),
});
export type OrderStationBody = z.infer<typeof OrderStationBodySchema>;

export const PrintJobReportBodySchema = z.object({
  agentId: z.string(),
  status: z.enum(['printing', 'done', 'failed']),
  error: z.string().optional(),
  printedAt: z.string().optional(),
});
export type PrintJobReportBody = z.infer<typeof PrintJobReportBodySchema>;

/** A payment asked of the diner from the board (issue 24): what `POST /api/orders/:id/payments` takes. */
export const PaymentRequestBodySchema = z.object({
  type: z.enum(PAYMENT_TYPES),
  amount: z.number(),
  currency: z.string(),
  qrPayload: z.string().optional(),
  qrExpiresAt: z.string().optional(),
  /**
   * Fixed when the row is queued and stored with it (a restart keeps it): every delivery of the row
   * sends it as `Idempotency-Key`, so a request the backend took but answered too late is answered
   * again on the retry, never made twice. Optional only for rows queued before the key existed.
   */
  idempotencyKey: z.string().optional(),
});
export type PaymentRequestBody = z.infer<typeof PaymentRequestBodySchema>;

/** The order's courier set from the board (issue 24): what `PUT /api/orders/:id/courier` takes. */
export const CourierBodySchema = z.object({
  vendor: z.string(),
  trackingUrl: z.string(),
  etaMinutes: z.number().optional(),
  name: z.string().optional(),
  phone: z.string().optional(),
});
export type CourierBody = z.infer<typeof CourierBodySchema>;

/** The outbox kinds TicketRail's rows are stored under. */
export const TICKETRAIL_OUTBOX = {
  orderTransition: 'order.transition',
  orderStation: 'order.station',
  jobReport: 'print-job.status',
  paymentRequest: 'order.payment-request',
  courier: 'order.courier',
} as const;

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

/** TicketRail's rows: kitchen actions on orders (whole-order moves, station bumps), and print jobs' outcomes. */
export function ticketRailOutboxKinds(backend: BackendClient): OutboxKinds {
  /** Once no action of the order is left to send, its card is confirmed (a conflict stays until dismissed). */
  const confirmWhenDelivered = (orderId: string, { cache, orderChanged }: OutboxContext): void => {
    if (cache.pendingCount(orderId) === 0) {
      const cached = cache.getOrder(orderId);
      cache.setOrderFlags(orderId, { unconfirmed: false, ...(cached?.conflict ? { conflict: cached.conflict } : {}) });
    }
    orderChanged(orderId);
  };
  /**
   * The backend refused an order's action: take its version of the order and tell the kitchen why,
   * unless another screen already made the same move (`alreadyDone`).
   */
  const takeBackendTruth = async (orderId: string, refusal: ErrorBody, alreadyDone: boolean, { cache, logger, orderChanged, conflict }: OutboxContext): Promise<void> => {
    const message = `${refusal.message} (${refusal.code})`;
    const fromDetails = OrderSchema.safeParse((refusal.details as { order?: unknown } | undefined)?.order);
    try {
      const truth = fromDetails.success ? fromDetails.data : await backend.order(orderId);
      cache.putOrder(truth);
    } catch (fetchError) {
      logger.warn('could not fetch the order after a refusal', { error: describeError(fetchError) });
    }
    cache.setOrderFlags(orderId, alreadyDone ? { unconfirmed: false } : { unconfirmed: false, conflict: message });
    if (!alreadyDone) conflict({ orderId, message });
    orderChanged(orderId);
  };
  const orderTransition: OutboxKind<OrderTransitionBody> = {
    target: 'order',
    body: OrderTransitionBodySchema,
    isUnreachable,
    async deliver(orderId, body, { cache }) {
      const order = await atBackend(() => backend.transitionOrder(orderId, body));
      cache.putOrderIfNewer(order);
    },
    delivered: (orderId, _body, context) => confirmWhenDelivered(orderId, context),
    // Another screen made the same move first: the order already is where the kitchen wanted it.
    refused: (orderId, body, refusal, context) => takeBackendTruth(orderId, refusal, (refusal.details as { from?: string } | undefined)?.from === body.to, context),
  };
  // A station already ready is answered 200 by the backend, so a refusal here is always news.
  const orderStation: OutboxKind<OrderStationBody> = {
    target: 'order',
    body: OrderStationBodySchema,
    isUnreachable,
    async deliver(orderId, body, { cache }) {
      const order = await atBackend(() => backend.stationAction(orderId, body.station, body.action));
      cache.putOrderIfNewer(order);
    },
    delivered: (orderId, _body, context) => confirmWhenDelivered(orderId, context),
    refused: (orderId, _body, refusal, context) => takeBackendTruth(orderId, refusal, false, context),
  };
  // Front of house from the board (issue 24): the card shows the payment or courier when its event
  // arrives; a refusal (the order closed meanwhile, say) is a conflict on the card like a move's.
  const paymentRequest: OutboxKind<PaymentRequestBody> = {
    target: 'order',
    body: PaymentRequestBodySchema,
    isUnreachable,
    async deliver(orderId, { idempotencyKey, ...payment }) {
      await atBackend(() => backend.requestPayment(orderId, payment, idempotencyKey));
    },
    delivered: (orderId, _body, context) => confirmWhenDelivered(orderId, context),
    refused: (orderId, _body, refusal, context) => takeBackendTruth(orderId, refusal, false, context),
  };
  const courier: OutboxKind<CourierBody> = {
    target: 'order',
    body: CourierBodySchema,
    isUnreachable,
    async deliver(orderId, body) {
      await atBackend(() => backend.setCourier(orderId, body));
    },
    delivered: (orderId, _body, context) => confirmWhenDelivered(orderId, context),
    refused: (orderId, _body, refusal, context) => takeBackendTruth(orderId, refusal, false, context),
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
  return {
    [TICKETRAIL_OUTBOX.orderTransition]: orderTransition,
    [TICKETRAIL_OUTBOX.orderStation]: orderStation,
    [TICKETRAIL_OUTBOX.jobReport]: jobReport,
    [TICKETRAIL_OUTBOX.paymentRequest]: paymentRequest,
    [TICKETRAIL_OUTBOX.courier]: courier,
  };
}
