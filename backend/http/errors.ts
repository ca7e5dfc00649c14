import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { toErrorResponse } from '../../common/error-response.js';
import { CodedError, ERROR_CODES, ERRORS } from '../../common/errors.js';

/** A zod failure as the API reports it: 400 with the issues (code, path, message). */
export function validationError(where: 'body' | 'query' | 'params' | 'headers', error: z.ZodError): CodedError {
  const issues = error.issues.map((issue) => ({
    code: issue.code,
    path: [where, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
    message: issue.message,
  }));
  return new CodedError(ERRORS.VALIDATION_FAILED, `invalid request ${where}`, issues);
}

/** Every error and every unknown route answers `{code, message, details?}`. */
export function installErrorHandling(app: FastifyInstance): void {
  // The one mapper (common/error-response.ts): coded errors as they are, Fastify's refusals with
  // fixed messages, anything else INTERNAL with a fixed message and its real text in the log only.
  app.setErrorHandler((error, request, reply) => {
    const { status, body, unexpected } = toErrorResponse(error);
    if (unexpected) request.log.error({ err: error }, 'request failed');
    void reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ code: ERROR_CODES.NOT_FOUND, message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
}
