import { describeError } from '../../describe-error.js';
import { AgentRealtimeConfigSchema, type AgentRealtimeConfig } from '../../../common/agent-config.js';
import { BackendAnswerInvalidError, BackendHttpError } from '../../../common/backend-http-error.js';
import { CodedError, ERROR_CODES, isErrorBody, ERRORS } from '../../../common/errors.js';
import { z } from 'zod';
import { EVENTS_PAGE_LIMITS, EventSchema, isKnownEventType, type EventsPage, type TicketEvent } from '../../../common/events.js';
import { OrderAnswerSchema, OrderSchema, OrdersPageSchema, type Order, type OrderStatus } from '../../../common/order.js';
import type { StationAction } from '../../../common/order-stations.js';
import { PaymentSchema, type Payment, type PaymentInput } from '../../../common/payment.js';
import { CourierSchema, type Courier, type CourierInput } from '../../../common/courier.js';
import { LateOrdersPageSchema, ServiceReportSchema } from '../../../common/report-schemas.js';
import type { LateOrdersPage, ReportQuery, ServiceReport } from '../../../common/reports.js';
import { PrintJobSchema, PrintJobsPageSchema, type PrintJob, type PrintJobStatusInput } from '../../../common/print-job.js';

/** A page of the event log as the agent reads it: the events it knows, and the seqs of those it does not. */
export interface AgentEventsPage extends EventsPage {
  skippedSeqs: number[];
}

const RawEventsPageSchema = z.object({ events: z.array(z.unknown()), lastSeq: z.number().int().min(0) });
const UnknownTypeEventSchema = z.object({ seq: z.number().int().min(1), type: z.string() });

/** How long one backend request may take before the agent treats the backend as unreachable. */
export const BACKEND_REQUEST_TIMEOUT_MS = 5_000;

/** The backend answered with an error status, or 2xx with something else than the contract (in common/, so the one error mapper knows them). */
export { BackendAnswerInvalidError, BackendHttpError };

/** At most this many of zod's issues go into an invalid answer's message (paths and words, never data). */
const MAX_ISSUES_NAMED = 5;

/** `schema` read from the backend's answer to `route`, or BackendAnswerInvalidError naming what is wrong. */
function parseAnswer<S extends z.ZodType>(schema: S, answer: unknown, route: string): z.output<S> {
  const result = schema.safeParse(answer);
  if (result.success) return result.data;
  throw new BackendAnswerInvalidError(
    route,
    result.error.issues.slice(0, MAX_ISSUES_NAMED).map((issue) => `${issue.path.map(String).join('.') || '(answer)'}: ${issue.message}`),
  );
}

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

  async request(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
    const response = await this.fetchOk(method, path, body);
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

  /** A request whose answer must match `schema` (BackendAnswerInvalidError otherwise). */
  private async requestAs<S extends z.ZodType>(schema: S, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<z.output<S>> {
    return parseAnswer(schema, await this.request(method, path, body), `${method} ${path.split('?')[0] ?? path}`);
  }

  /** A GET answered with bytes (a receipt image): its content type and body, or the backend's refusal. */
  async requestBytes(path: string): Promise<{ contentType: string; bytes: Buffer }> {
    const response = await this.fetchOk('GET', path);
    try {
      return { contentType: response.headers.get('content-type') ?? '', bytes: Buffer.from(await response.arrayBuffer()) };
    } catch (error) {
      throw new BackendUnreachableError(`backend answer broke off: ${describeError(error)}`);
    }
  }

  /** One authorized request: the response when it is 2xx; BackendHttpError with the backend's body otherwise. */
  private async fetchOk(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
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
  async requestPayment(orderId: string, input: PaymentInput): Promise<Payment> {
    return this.requestAs(PaymentSchema, 'POST', `/api/orders/${encodeURIComponent(orderId)}/payments`, input);
  }

  /** The order's courier, set or replaced from the board (issue 24). */
  async setCourier(orderId: string, input: CourierInput): Promise<Courier> {
    return this.requestAs(CourierSchema, 'PUT', `/api/orders/${encodeURIComponent(orderId)}/courier`, input);
  }

  async verifyPayment(id: string): Promise<Payment> {
    return this.requestAs(PaymentSchema, 'POST', `/api/payments/${encodeURIComponent(id)}/verify`, {});
  }

  async rejectPayment(id: string, reason: string): Promise<Payment> {
    return this.requestAs(PaymentSchema, 'POST', `/api/payments/${encodeURIComponent(id)}/reject`, { reason });
  }

  /**
   * A page of the event log. An event of a type this build does not know (a backend upgraded
   * before its agents) is not an error: only its seq is kept, so the cursor moves past it and the
   * agent keeps syncing. A known type that does not parse still fails the page, as a bug should.
   */
  async events(after: number, limit: number = EVENTS_PAGE_LIMITS.maxLimit): Promise<AgentEventsPage> {
    const page = await this.requestAs(RawEventsPageSchema, 'GET', `/api/events?after=${after}&limit=${limit}`);
    const events: TicketEvent[] = [];
    const skippedSeqs: number[] = [];
    for (const item of page.events) {
      const unknown = UnknownTypeEventSchema.safeParse(item);
      if (unknown.success && !isKnownEventType(unknown.data.type)) skippedSeqs.push(unknown.data.seq);
      else events.push(parseAnswer(EventSchema, item, 'GET /api/events'));
    }
    return { events, skippedSeqs, lastSeq: page.lastSeq };
  }

  async order(id: string): Promise<Order> {
    return this.requestAs(OrderSchema, 'GET', `/api/orders/${encodeURIComponent(id)}`);
  }

  /** The orders among `ids` (at most ORDER_LIST_LIMITS.maxIds) in one request. */
  async ordersByIds(ids: readonly string[]): Promise<Order[]> {
    return (await this.requestAs(OrdersPageSchema, 'GET', `/api/orders?ids=${ids.map(encodeURIComponent).join(',')}`)).orders;
  }

  /** A search of the location's orders, newest first (`GET /api/orders?q=&from=&to=`, issue 24). */
  async searchOrders(query: { q?: string; from: string; to: string; limit: number }): Promise<Order[]> {
    const params = new URLSearchParams({ from: query.from, to: query.to, limit: String(query.limit), ...(query.q ? { q: query.q } : {}) });
    return (await this.requestAs(OrdersPageSchema, 'GET', `/api/orders?${params.toString()}`)).orders;
  }

  /** The print jobs among `ids` (at most PRINT_JOB_LIST_LIMITS.maxIds) in one request. */
  async printJobsByIds(ids: readonly string[]): Promise<PrintJob[]> {
    return (await this.requestAs(PrintJobsPageSchema, 'GET', `/api/print-jobs?ids=${ids.map(encodeURIComponent).join(',')}`)).jobs;
  }

  async transitionOrder(id: string, input: { to: OrderStatus; reason?: string }): Promise<Order> {
    return this.requestAs(OrderSchema, 'POST', `/api/orders/${encodeURIComponent(id)}/transitions`, input);
  }

  /** A station's part of the order bumped (`ready`) or brought back (`recall`): the order after it. */
  async stationAction(id: string, station: string, action: StationAction): Promise<Order> {
    const path = `/api/orders/${encodeURIComponent(id)}/stations/${encodeURIComponent(station)}/${action}`;
    return OrderAnswerSchema.parse(await this.request('POST', path)).order;
  }

  async printJob(id: string): Promise<PrintJob> {
    return this.requestAs(PrintJobSchema, 'GET', `/api/print-jobs/${encodeURIComponent(id)}`);
  }

  async printJobs(query: { status?: string; station?: string; limit?: number }): Promise<PrintJob[]> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    return (await this.requestAs(PrintJobsPageSchema, 'GET', `/api/print-jobs?${params.toString()}`)).jobs;
  }

  async claimPrintJob(id: string, agentId: string, leaseMs?: number): Promise<PrintJob> {
    return this.requestAs(PrintJobSchema, 'POST', `/api/print-jobs/${encodeURIComponent(id)}/claim`, { agentId, ...(leaseMs ? { leaseMs } : {}) });
  }

  async reportPrintJob(id: string, input: PrintJobStatusInput): Promise<PrintJob> {
    return this.requestAs(PrintJobSchema, 'POST', `/api/print-jobs/${encodeURIComponent(id)}/status`, input);
  }

  /**
   * Heartbeat: the lease of a job this agent holds starts over (the length it was claimed with).
   * 409 when the job is no longer `printing` under this agent: the lease lapsed or another agent has it.
   */
  async renewPrintJobLease(id: string, agentId: string): Promise<PrintJob> {
    return this.reportPrintJob(id, { agentId, status: 'printing' });
  }

  async reprintJob(id: string): Promise<PrintJob> {
    return this.requestAs(PrintJobSchema, 'POST', `/api/print-jobs/${encodeURIComponent(id)}/reprint`, {});
  }

  /** The speed-of-service report of this agent's location (issue 22). */
  async serviceReport(query: ReportQuery): Promise<ServiceReport> {
    return ServiceReportSchema.parse(await this.request('GET', `/api/reports/service?${new URLSearchParams({ ...query }).toString()}`));
  }

  /** The late orders of the same range, newest first. */
  async lateOrders(query: ReportQuery, limit: number): Promise<LateOrdersPage> {
    return LateOrdersPageSchema.parse(await this.request('GET', `/api/reports/late-orders?${new URLSearchParams({ ...query, limit: String(limit) }).toString()}`));
  }

  async agentConfig(): Promise<AgentRealtimeConfig> {
    return this.requestAs(AgentRealtimeConfigSchema, 'GET', '/api/agent/config');
  }

  /** Signs a channel subscription for pusher-js through the backend's auth endpoint. */
  async authorizeChannel(socketId: string, channelName: string): Promise<{ auth: string; channel_data?: string }> {
    const answer = (await this.request('POST', '/api/pusher/auth', { socket_id: socketId, channel_name: channelName })) as {
      auth?: unknown;
    };
    if (typeof answer.auth !== 'string') throw new BackendAnswerInvalidError('POST /api/pusher/auth', ['auth: no signature']);
    return answer as { auth: string };
  }
}

