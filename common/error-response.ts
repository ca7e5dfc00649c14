import { BackendAnswerInvalidError, BackendHttpError } from './backend-http-error.js';
import { CodedError, ERROR_CODES, ERRORS, type ErrorBody, type ErrorCode } from './errors.js';

/**
 * The one mapper from a thrown error to what a client is told, used by the backend's HTTP API, the
 * agent's local HTTP API and Electron's IPC handlers. Pure: the edge that calls it does the logging.
 *
 * - A CodedError is answered with its own code, message, details and status: it was raised on
 *   purpose, for the client to read.
 * - An HTTP framework's own refusal of a request (body too large, not JSON, …) becomes its code
 *   with a fixed message.
 * - The backend's refusal (4xx) of a request the agent made for a client reaches that client as
 *   the backend's own status and body: the backend made that body with this same mapper. A
 *   failure of the backend (5xx, or an answer that is not HTTP's error at all) is 502
 *   BACKEND_ERROR with a fixed message, and its text goes to the log; so is a 2xx answer that is
 *   not what the contract says (BackendAnswerInvalidError), with its own fixed message.
 * - Anything else is a bug: the client gets INTERNAL with a fixed message (a raw message may hold
 *   paths, SQL or a secret), and `unexpected.reason` carries the real text for the server's log.
 */
export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** Present for an error the edge must log (nobody coded it, or the backend failed); its real text, for the log only. */
  unexpected?: { reason: string };
}

export const INTERNAL_ERROR_MESSAGE = ERRORS.INTERNAL.message;

export const BACKEND_ERROR_MESSAGE = ERRORS.BACKEND_ERROR.message;

export const BACKEND_ANSWER_INVALID_MESSAGE = "the backend's answer could not be read: is the backend address right, and the backend as new as this agent? (details in the agent's log)";

/** What every client sees for an unexpected error, whatever it was. */
export function internalErrorBody(): ErrorBody {
  return { code: ERROR_CODES.INTERNAL, message: INTERNAL_ERROR_MESSAGE };
}

interface KnownRefusal {
  code: ErrorCode;
  status: number;
  message: string;
}

/**
 * Fastify's own errors (body parsing and limits) by their `code`. Both HTTP servers (the backend
 * and the agent's local API) run Fastify with a 64 KB body limit; the strings are its codes, so
 * nothing here imports it.
 */
const FRAMEWORK_ERRORS: Readonly<Record<string, KnownRefusal>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: ERROR_CODES.PAYLOAD_TOO_LARGE, status: 413, message: 'request body is larger than 64 KB' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: ERROR_CODES.UNSUPPORTED_MEDIA_TYPE, status: 415, message: 'send the body as application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: ERROR_CODES.MALFORMED_BODY, status: 400, message: 'the body does not match its content-length' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: ERROR_CODES.MALFORMED_BODY, status: 400, message: 'the JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: ERROR_CODES.MALFORMED_BODY, status: 400, message: 'the body is not valid JSON' },
  FST_ERR_BAD_URL: { code: ERROR_CODES.NOT_FOUND, status: 404, message: 'no such resource' },
};

/** Any other refusal an HTTP framework marks with a 4xx status: its code and a fixed message. */
const CLIENT_STATUS_REFUSALS: Readonly<Record<number, Omit<KnownRefusal, 'status'>>> = {
  400: { code: ERROR_CODES.MALFORMED_BODY, message: 'the request could not be read' },
  401: { code: ERROR_CODES.UNAUTHORIZED, message: 'authentication required' },
  403: { code: ERROR_CODES.FORBIDDEN, message: 'forbidden' },
  404: { code: ERROR_CODES.NOT_FOUND, message: 'no such resource' },
  405: { code: ERROR_CODES.METHOD_NOT_ALLOWED, message: 'method not allowed' },
  413: { code: ERROR_CODES.PAYLOAD_TOO_LARGE, message: 'request body is too large' },
  415: { code: ERROR_CODES.UNSUPPORTED_MEDIA_TYPE, message: 'send the body as application/json' },
};
const FALLBACK_CLIENT_REFUSAL = CLIENT_STATUS_REFUSALS[400] as Omit<KnownRefusal, 'status'>;

export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof CodedError) return { status: error.status, body: error.toBody() };
  if (error instanceof BackendHttpError) return backendAnswer(error);
  if (error instanceof BackendAnswerInvalidError) {
    return { status: 502, body: { code: ERROR_CODES.BACKEND_ERROR, message: BACKEND_ANSWER_INVALID_MESSAGE }, unexpected: { reason: error.message } };
  }
  const refusal = frameworkRefusal(error);
  if (refusal) return { status: refusal.status, body: { code: refusal.code, message: refusal.message } };
  return { status: 500, body: internalErrorBody(), unexpected: { reason: reasonOf(error) } };
}

function backendAnswer(error: BackendHttpError): ErrorResponse {
  if (error.status >= 400 && error.status < 500) {
    const { code, message, details } = error.body;
    return { status: error.status, body: details === undefined ? { code, message } : { code, message, details } };
  }
  return {
    status: 502,
    body: { code: ERROR_CODES.BACKEND_ERROR, message: BACKEND_ERROR_MESSAGE },
    unexpected: { reason: `the backend answered ${error.status}: ${error.message}` },
  };
}

function frameworkRefusal(error: unknown): KnownRefusal | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  const known = typeof code === 'string' ? FRAMEWORK_ERRORS[code] : undefined;
  if (known) return known;
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return undefined;
  // Fastify's JSON parser throws a plain SyntaxError marked 400.
  if (error instanceof SyntaxError) return { status: 400, code: ERROR_CODES.MALFORMED_BODY, message: 'the body is not valid JSON' };
  return { status: statusCode, ...(CLIENT_STATUS_REFUSALS[statusCode] ?? FALLBACK_CLIENT_REFUSAL) };
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.stack ?? `${error.name}: ${error.message}`;
}
