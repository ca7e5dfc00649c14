import { checkAnswer, customerAnswerSchema, pathOf, type ApiRoute, type CallInput, type CustomerAnswerOf } from '../common/api/route.js';
import { EVENT_ROUTES } from '../common/api/routes/events.js';
import { ORDER_ROUTES } from '../common/api/routes/orders.js';
import { PAYMENT_ROUTES } from '../common/api/routes/payments.js';
import { REALTIME_ROUTES } from '../common/api/routes/realtime.js';
import type { DinerEventsPage, DinerOrderView, DinerPayment, DinerSession } from '../common/diner.js';

/** Codes of failures the page sees that are not the backend's own refusal (common/errors.ts has those). */
export const DINER_CLIENT_CODES = {
  /** The backend could not be reached (no answer, or none in time). */
  NETWORK: 'NETWORK',
  /** The backend answered an error without a {code} body (a proxy's page, say). */
  HTTP_ERROR: 'HTTP_ERROR',
  /** The backend answered 2xx with something the route table does not declare (another version, a proxy's page). */
  ANSWER_INVALID: 'ANSWER_INVALID',
} as const;

const UNREACHABLE = 'the restaurant could not be reached';

/** A refusal of the backend ({code, message}) or a network failure (code NETWORK). */
export class DinerApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'DinerApiError';
  }
}

/** How long a read may take before the page counts the backend as unreachable. */
const READ_TIMEOUT_MS = 8_000;

function errorOf(status: number, body: unknown): DinerApiError {
  const { code, message } = (typeof body === 'object' && body !== null ? body : {}) as { code?: unknown; message?: unknown };
  return new DinerApiError(typeof code === 'string' ? code : DINER_CLIENT_CODES.HTTP_ERROR, typeof message === 'string' ? message : `HTTP ${status}`, status);
}

/** The customer's answer checked against the route's schema: a wrong one is a coded error, never a crash further on. */
function customerAnswerOf<R extends ApiRoute>(route: R, status: number, body: unknown): CustomerAnswerOf<R> {
  const schema = customerAnswerSchema(route);
  // Every route the page calls answers JSON; a table that said otherwise is a bug of this build.
  if (typeof schema === 'string') throw new Error(`${route.method} ${route.path} does not answer JSON`);
  const checked = checkAnswer(schema, body);
  if (!checked.ok) throw new DinerApiError(DINER_CLIENT_CODES.ANSWER_INVALID, `unexpected answer to ${route.method} ${route.path}: ${checked.problems.join('; ')}`, status);
  return checked.value as CustomerAnswerOf<R>;
}

/**
 * The diner's calls to the backend, each with the order's customer token (the page's only
 * credential), built from the routes of the contract (common/api/routes/) and each answer
 * checked against the route's customer answer.
 */
export class DinerApi {
  constructor(
    readonly token: string,
    private readonly base: string = location.origin,
  ) {}

  session(): Promise<DinerSession> {
    return this.get(REALTIME_ROUTES.dinerSession, {});
  }

  order(orderId: string): Promise<DinerOrderView> {
    return this.get(ORDER_ROUTES.get, { params: { id: orderId } });
  }

  events(orderId: string, after: number): Promise<DinerEventsPage> {
    return this.get(EVENT_ROUTES.list, { query: { order: orderId, after, limit: 200 } });
  }

  /** The diner cancels their order (only while the kitchen has not started it); answers the order as the diner sees it. */
  async cancel(orderId: string): Promise<DinerOrderView> {
    let response: Response;
    try {
      response = await fetch(`${this.base}/api/orders/${encodeURIComponent(orderId)}/transitions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ to: 'cancelled' }),
        signal: AbortSignal.timeout(READ_TIMEOUT_MS),
      });
    } catch {
      throw new DinerApiError(DINER_CLIENT_CODES.NETWORK, UNREACHABLE, 0);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw errorOf(response.status, body);
    return body as DinerOrderView;
  }

  /** Sends the receipt as multipart with upload progress (0–1); fetch cannot report progress, XHR can. */
  uploadReceipt(paymentId: string, file: File, onProgress: (fraction: number) => void): Promise<DinerPayment> {
    const route = PAYMENT_ROUTES.uploadReceipt;
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open(route.method, `${this.base}${pathOf(route, { id: paymentId })}`);
      request.setRequestHeader('authorization', `Bearer ${this.token}`);
      request.responseType = 'json';
      request.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
      request.onload = () => {
        try {
          if (request.status >= 200 && request.status < 300) resolve(customerAnswerOf(route, request.status, request.response));
          else reject(errorOf(request.status, request.response));
        } catch (error) {
          reject(error);
        }
      };
      request.onerror = () => reject(new DinerApiError(DINER_CLIENT_CODES.NETWORK, UNREACHABLE, 0));
      const form = new FormData();
      form.append('receipt', file, file.name);
      request.send(form);
    });
  }

  private async get<R extends ApiRoute>(route: R, input: CallInput<R>): Promise<CustomerAnswerOf<R>> {
    const path = pathOf(route, input.params as Record<string, string> | undefined, input.query as Record<string, unknown> | undefined);
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, { headers: { authorization: `Bearer ${this.token}` }, cache: 'no-store', signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
    } catch {
      throw new DinerApiError(DINER_CLIENT_CODES.NETWORK, UNREACHABLE, 0);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw errorOf(response.status, body);
    return customerAnswerOf(route, response.status, body);
  }
}
