import { describeError } from '../../describe-error.js';
import type { AgentRealtimeConfig } from '../../../common/agent-config.js';
import { checkAnswer, pathOf, type AnswerOf, type ApiRoute, type CallInput } from '../../../common/api/route.js';
import { EVENT_ROUTES } from '../../../common/api/routes/events.js';
import { ORDER_ROUTES } from '../../../common/api/routes/orders.js';
import { COURIER_ROUTES, PAYMENT_ROUTES } from '../../../common/api/routes/payments.js';
import { PRINT_JOB_ROUTES } from '../../../common/api/routes/print-jobs.js';
import { REALTIME_ROUTES } from '../../../common/api/routes/realtime.js';
import { REPORT_ROUTES } from '../../../common/api/routes/reports.js';
import { BackendAnswerInvalidError, BackendHttpError } from '../../../common/backend-http-error.js';
import { CodedError, ERROR_CODES, isErrorBody, ERRORS } from '../../../common/errors.js';
import { z } from 'zod';
import { EVENTS_PAGE_LIMITS, EventSchema, isKnownEventType, type EventsPage, type TicketEvent } from '../../../common/events.js';
import type { ListedOrder, Order, OrderStatus } from '../../../common/order.js';
import type { StationAction } from '../../../common/order-stations.js';
import type { Payment, PaymentInput } from '../../../common/payment.js';
import type { Courier, CourierInput } from '../../../common/courier.js';
import type { LateOrdersPage, ReportQuery, ServiceReport } from '../../../common/reports.js';
import type { PrintJob, PrintJobStatusInput } from '../../../common/print-job.js';

/** A page of the event log as the agent reads it: the events it knows, and the seqs of those it does not. */
export interface AgentEventsPage extends EventsPage {
  skippedSeqs: number[];
}

// The event log is read leniently (each event on its own, below): a page's shape is checked here.
const RawEventsPageSchema = z.object({ events: z.array(z.unknown()), lastSeq: z.number().int().min(0) });
const UnknownTypeEventSchema = z.object({ seq: z.number().int().min(1), type: z.string() });

/** How long one backend request may take before the agent treats the backend as unreachable. */
export const BACKEND_REQUEST_TIMEOUT_MS = 5_000;

/** The backend answered with an error status, or 2xx with something else than the contract (in common/, so the one error mapper knows them). */
export { BackendAnswerInvalidError, BackendHttpError };

/** `schema` read from the backend's answer to `route`, or BackendAnswerInvalidError naming what is wrong. */
function parseAnswer<S extends z.ZodType>(schema: S, answer: unknown, route: string): z.output<S> {
  const checked = checkAnswer(schema, answer);
  if (checked.ok) return checked.value;
  throw new BackendAnswerInvalidError(route, checked.problems);
}

/** `POST /api/print-jobs/job_1/reprint`: the route as called (without its query), for the log. */
function calledRoute(route: ApiRoute, path: string): string {
  return `${route.method} ${path.split('?')[0] ?? path}`;
}

/** A route that answers JSON, as the agent calls it. */
type JsonRoute = ApiRoute & { readonly answer: z.ZodType };

/** The backend could not be reached (refused, reset, timed out, DNS). Safe to retry later. */
export class BackendUnreachableError extends CodedError {
  constructor(message: string) {
    // 503: a board operation that needed the backend right now (a reprint, a receipt) tells staff
    // why, with the address it tried; actions that can wait go through the outbox instead.
    super(ERRORS.BACKEND_UNREACHABLE, message);
    this.name = 'BackendUnreachableError';
  }
}

export interface BackendClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
}

/**
 * Typed calls to the backend's API; every answer is validated with the common/ schemas. Options are
 * read per request, so a settings change (new URL or token) applies without rebuilding the agent.
 */
export class BackendClient {
  private readonly readOptions: () => BackendClientOptions;

  constructor(options: BackendClientOptions | (() => BackendClientOptions)) {
    this.readOptions = typeof options === 'function' ? options : () => options;
  }

  private get options(): BackendClientOptions {
    return this.readOptions();
  }

  get baseUrl(): string {
    return this.options.baseUrl.replace(/\/+$/, '');
  }

  /** A route's JSON answer as it came, before its schema: the event log reads it leniently. */
  private async request(method: ApiRoute['method'], path: string, body?: unknown, idempotencyKey?: string): Promise<unknown> {
    const response = await this.fetchOk(method, path, body, idempotencyKey);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new BackendUnreachableError(`backend answer broke off: ${describeError(error)}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new BackendAnswerInvalidError(`${method} ${path.split('?')[0] ?? path}`, ['not JSON']);
    }
  }

  /**
   * A call of a route of the contract (common/api/routes/): the path built from its params and
   * query, the body sent as JSON, the answer checked against the route's schema
   * (BackendAnswerInvalidError otherwise, which the board sees as 502 BACKEND_ERROR).
   */
  async call<R extends JsonRoute>(route: R, input: CallInput<R> = {}): Promise<AnswerOf<R['answer']>> {
    const path = pathOf(route, input.params as Record<string, string> | undefined, input.query as Record<string, unknown> | undefined);
    return parseAnswer(route.answer, await this.request(route.method, path, input.body, input.idempotencyKey), calledRoute(route, path)) as AnswerOf<R['answer']>;
  }

  /** A route answered with bytes (a receipt image): its content type and body, or the backend's refusal. */
  async callForBytes<R extends ApiRoute & { readonly answer: 'bytes' }>(route: R, input: CallInput<R> = {}): Promise<{ contentType: string; bytes: Buffer }> {
    const response = await this.fetchOk(route.method, pathOf(route, input.params as Record<string, string> | undefined, input.query as Record<string, unknown> | undefined));
    try {
      return { contentType: response.headers.get('content-type') ?? '', bytes: Buffer.from(await response.arrayBuffer()) };
    } catch (error) {
      throw new BackendUnreachableError(`backend answer broke off: ${describeError(error)}`);
    }
  }

  /** One authorized request: the response when it is 2xx; BackendHttpError with the backend's body otherwise. */
  private async fetchOk(method: ApiRoute['method'], path: string, body?: unknown, idempotencyKey?: string): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? BACKEND_REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new BackendUnreachableError(`backend unreachable at ${this.baseUrl}: ${describeError(error)}`);
    }
    if (!response.ok) {
      const payload: unknown = await response.json().catch(() => undefined);
      throw new BackendHttpError(response.status, isErrorBody(payload) ? payload : { code: ERROR_CODES.INTERNAL, message: `HTTP ${response.status}` });
    }
    return response;
  }

  /** A payment asked of the diner from the board (issue 24; agent tokens may since then). */
  async requestPayment(orderId: string, input: PaymentInput, idempotencyKey?: string): Promise<Payment> {
    return this.call(PAYMENT_ROUTES.request, { params: { id: orderId }, body: input, ...(idempotencyKey !== undefined ? { idempotencyKey } : {}) });
  }

  /** The order's courier, set or replaced from the board (issue 24). */
  async setCourier(orderId: string, input: CourierInput): Promise<Courier> {
    return this.call(COURIER_ROUTES.set, { params: { id: orderId }, body: input });
  }

  async verifyPayment(id: string): Promise<Payment> {
    return this.call(PAYMENT_ROUTES.verify, { params: { id } });
  }

  async rejectPayment(id: string, reason: string): Promise<Payment> {
    return this.call(PAYMENT_ROUTES.reject, { params: { id }, body: { reason } });
  }

  /** A payment's receipt image, for the board's receipt check. */
  async paymentReceipt(id: string): Promise<{ contentType: string; bytes: Buffer }> {
    return this.callForBytes(PAYMENT_ROUTES.receipt, { params: { id } });
  }

  /**
   * A page of the event log. An event of a type this build does not know (a backend upgraded
   * before its agents) is not an error: only its seq is kept, so the cursor moves past it and the
   * agent keeps syncing. A known type that does not parse still fails the page, as a bug should.
   */
  async events(after: number, limit: number = EVENTS_PAGE_LIMITS.maxLimit): Promise<AgentEventsPage> {
    const route = EVENT_ROUTES.list;
    const path = pathOf(route, undefined, { after, limit });
    const page = parseAnswer(RawEventsPageSchema, await this.request(route.method, path), calledRoute(route, path));
    const events: TicketEvent[] = [];
    const skippedSeqs: number[] = [];
    for (const item of page.events) {
      const unknown = UnknownTypeEventSchema.safeParse(item);
      if (unknown.success && !isKnownEventType(unknown.data.type)) skippedSeqs.push(unknown.data.seq);
      else events.push(parseAnswer(EventSchema, item, calledRoute(route, path)));
    }
    return { events, skippedSeqs, lastSeq: page.lastSeq };
  }

  async order(id: string): Promise<Order> {
    return this.call(ORDER_ROUTES.get, { params: { id } });
  }

  /** A search of the location's orders, newest first, each with its latest payment status (`GET /api/orders?q=&from=&to=`, issue 24). */
  async searchOrders(query: { q?: string; from: string; to: string; limit: number }): Promise<ListedOrder[]> {
    return (await this.call(ORDER_ROUTES.list, { query: { from: query.from, to: query.to, limit: String(query.limit), ...(query.q ? { q: query.q } : {}) } })).orders;
  }

  /** The orders among `ids` (at most ORDER_LIST_LIMITS.maxIds) in one request. */
  async ordersByIds(ids: readonly string[]): Promise<Order[]> {
    return (await this.call(ORDER_ROUTES.list, { query: { ids: ids.join(',') } })).orders;
  }

  /** The print jobs among `ids` (at most PRINT_JOB_LIST_LIMITS.maxIds) in one request. */
  async printJobsByIds(ids: readonly string[]): Promise<PrintJob[]> {
    return (await this.call(PRINT_JOB_ROUTES.list, { query: { ids: ids.join(',') } })).jobs;
  }

  async transitionOrder(id: string, input: { to: OrderStatus; reason?: string }): Promise<Order> {
    return this.call(ORDER_ROUTES.transition, { params: { id }, body: input });
  }

  /** A station's part of the order bumped (`ready`) or brought back (`recall`): the order after it. */
  async stationAction(id: string, station: string, action: StationAction): Promise<Order> {
    const route = action === 'ready' ? ORDER_ROUTES.stationReady : ORDER_ROUTES.stationRecall;
    return (await this.call(route, { params: { id, station } })).order;
  }

  async printJob(id: string): Promise<PrintJob> {
    return this.call(PRINT_JOB_ROUTES.get, { params: { id } });
  }

  async printJobs(query: { status?: PrintJob['status']; station?: string; orderId?: string; limit?: number }): Promise<PrintJob[]> {
    return (await this.call(PRINT_JOB_ROUTES.list, { query })).jobs;
  }

  async claimPrintJob(id: string, agentId: string, leaseMs?: number): Promise<PrintJob> {
    return this.call(PRINT_JOB_ROUTES.claim, { params: { id }, body: { agentId, ...(leaseMs ? { leaseMs } : {}) } });
  }

  async reportPrintJob(id: string, input: PrintJobStatusInput): Promise<PrintJob> {
    return this.call(PRINT_JOB_ROUTES.report, { params: { id }, body: input });
  }

  /**
   * Heartbeat: the lease of a job this agent holds starts over (the length it was claimed with).
   * 409 when the job is no longer `printing` under this agent: the lease lapsed or another agent has it.
   */
  async renewPrintJobLease(id: string, agentId: string): Promise<PrintJob> {
    return this.reportPrintJob(id, { agentId, status: 'printing' });
  }

  async reprintJob(id: string): Promise<PrintJob> {
    return this.call(PRINT_JOB_ROUTES.reprint, { params: { id }, body: {} });
  }

  /** The speed-of-service report of this agent's location (issue 22). */
  async serviceReport(query: ReportQuery): Promise<ServiceReport> {
    return this.call(REPORT_ROUTES.service, { query });
  }

  /** The late orders of the same range, newest first. */
  async lateOrders(query: ReportQuery, limit: number): Promise<LateOrdersPage> {
    return this.call(REPORT_ROUTES.lateOrders, { query: { ...query, limit } });
  }

  async agentConfig(): Promise<AgentRealtimeConfig> {
    return this.call(REALTIME_ROUTES.agentConfig);
  }

  /** Signs a channel subscription for pusher-js through the backend's auth endpoint. */
  async authorizeChannel(socketId: string, channelName: string): Promise<{ auth: string; channel_data?: string }> {
    const answer = await this.call(REALTIME_ROUTES.pusherAuth, { body: { socket_id: socketId, channel_name: channelName } });
    return { auth: answer.auth, ...(answer.channel_data !== undefined ? { channel_data: answer.channel_data } : {}) };
  }
}
