import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { CodedError, ERROR_CODES, type ErrorBody, type ErrorCode } from '../../common/errors.js';

/** Fastify's own errors (body parsing, limits) and the coded error each becomes. */
const FASTIFY_ERRORS: Record<string, { code: ErrorCode; status: number; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: ERROR_CODES.PAYLOAD_TOO_LARGE, status: 413, message: 'request body is larger than 64 KB' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: ERROR_CODES.UNSUPPORTED_MEDIA_TYPE,
    status: 415,
    message: 'send the body as application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: ERROR_CODES.MALFORMED_BODY, status: 400 },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: ERROR_CODES.MALFORMED_BODY, status: 400, message: 'the JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: ERROR_CODES.MALFORMED_BODY, status: 400, message: 'the body is not valid JSON' },
  FST_ERR_BAD_URL: { code: ERROR_CODES.NOT_FOUND, status: 404, message: 'no such resource' },
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ERROR_CODES.MALFORMED_BODY,
  401: ERROR_CODES.UNAUTHORIZED,
  403: ERROR_CODES.FORBIDDEN,
  404: ERROR_CODES.NOT_FOUND,
  405: ERROR_CODES.METHOD_NOT_ALLOWED,
  413: ERROR_CODES.PAYLOAD_TOO_LARGE,
  415: ERROR_CODES.UNSUPPORTED_MEDIA_TYPE,
};

/** A zod failure as the API reports it: 400 with the issues (code, path, message). */
export function validationError(where: 'body' | 'query' | 'params' | 'headers', error: z.ZodError): CodedError {
  const issues = error.issues.map((issue) => ({
    code: issue.code,
    path: [where, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
    message: issue.message,
  }));
  return new CodedError(ERROR_CODES.VALIDATION_FAILED, `invalid request ${where}`, 400, issues);
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as FastifyError).code === 'string';
}

/** Maps anything thrown while handling a request to a status and an ErrorBody; never a stack trace. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (error instanceof CodedError) return { status: error.status, body: error.toBody(), unexpected: false };
  if (isFastifyError(error)) {
    const known = FASTIFY_ERRORS[error.code];
    if (known) return { status: known.status, body: { code: known.code, message: known.message ?? error.message }, unexpected: false };
    // A JSON.parse failure inside Fastify's parser arrives as a plain SyntaxError with status 400.
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      const code = CODE_BY_STATUS[status] ?? ERROR_CODES.MALFORMED_BODY;
      return { status, body: { code, message: error instanceof SyntaxError ? 'the body is not valid JSON' : error.message }, unexpected: false };
    }
  }
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return { status: 400, body: { code: ERROR_CODES.MALFORMED_BODY, message: 'the body is not valid JSON' }, unexpected: false };
  }
  return { status: 500, body: { code: ERROR_CODES.INTERNAL, message: 'internal error' }, unexpected: true };
}

/** Every error and every unknown route answers `{code, message, details?}`. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body, unexpected } = toErrorResponse(error);
    if (unexpected) request.log.error({ err: error }, 'request failed');
    void reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ code: ERROR_CODES.NOT_FOUND, message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
}
