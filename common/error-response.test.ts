import { describe, expect, it } from 'vitest';
import { BackendHttpError } from './backend-http-error.js';
import { BACKEND_ERROR_MESSAGE, INTERNAL_ERROR_MESSAGE, toErrorResponse } from './error-response.js';
import { CodedError, ERROR_CODES, ERRORS } from './errors.js';

/** An error as Fastify throws it: an Error with its own `code` and a `statusCode`. */
function frameworkError(message: string, code: string | undefined, statusCode: number): Error {
  return Object.assign(new Error(message), { ...(code ? { code } : {}), statusCode });
}

describe('toErrorResponse: the one error → body mapper', () => {
  it('answers a coded error with its own code, message, details and status', () => {
    const error = new CodedError(ERRORS.ORDER_TRANSITION_INVALID, 'an order that is ready cannot become accepted', { from: 'ready' });
    expect(toErrorResponse(error)).toEqual({
      status: 409,
      body: { code: 'ORDER_TRANSITION_INVALID', message: 'an order that is ready cannot become accepted', details: { from: 'ready' } },
    });
  });

  it('answers anything uncoded as INTERNAL with a fixed message, keeping the real text for the log', () => {
    for (const thrown of [new TypeError('Cannot read properties of undefined (reading "id") at /home/cook/agent.ts:12'), 'SQLITE_CORRUPT /home/cook/cache.sqlite', { secret: 'tok_123456789' }]) {
      const response = toErrorResponse(thrown);
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ code: ERROR_CODES.INTERNAL, message: INTERNAL_ERROR_MESSAGE });
      expect(JSON.stringify(response.body)).not.toMatch(/cook|tok_/);
      expect(response.unexpected?.reason).toBeTypeOf('string');
    }
    expect(toErrorResponse(new TypeError('reading "id"')).unexpected?.reason).toContain('TypeError: reading "id"');
    expect(toErrorResponse('SQLITE_CORRUPT').unexpected).toEqual({ reason: 'SQLITE_CORRUPT' });
  });

  it("answers Fastify's own refusals with their code and a fixed message, not the framework's text", () => {
    expect(toErrorResponse(frameworkError('Request body is too large', 'FST_ERR_CTP_BODY_TOO_LARGE', 413))).toEqual({
      status: 413,
      body: { code: ERROR_CODES.PAYLOAD_TOO_LARGE, message: 'request body is larger than 64 KB' },
    });
    expect(toErrorResponse(frameworkError("Body cannot be empty when content-type is set to 'application/json'", 'FST_ERR_CTP_EMPTY_JSON_BODY', 400)).body).toEqual({
      code: ERROR_CODES.MALFORMED_BODY,
      message: 'the JSON body is empty',
    });
    // Fastify's JSON parser throws a plain SyntaxError marked 400; its text quotes the body.
    const parse = Object.assign(new SyntaxError('Unexpected token s in JSON at position 1: {secret'), { statusCode: 400 });
    expect(toErrorResponse(parse)).toEqual({ status: 400, body: { code: ERROR_CODES.MALFORMED_BODY, message: 'the body is not valid JSON' } });
  });

  it('answers any other 4xx a framework marks with the code of its status, and a 5xx as INTERNAL', () => {
    expect(toErrorResponse(frameworkError('Method FOO not allowed here', 'FST_ERR_SOMETHING_NEW', 405))).toEqual({
      status: 405,
      body: { code: ERROR_CODES.METHOD_NOT_ALLOWED, message: 'method not allowed' },
    });
    expect(toErrorResponse(frameworkError('odd client error /etc/x', undefined, 418))).toEqual({
      status: 418,
      body: { code: ERROR_CODES.MALFORMED_BODY, message: 'the request could not be read' },
    });
    expect(toErrorResponse(frameworkError('socket hang up /etc/x', 'FST_ERR_SOMETHING', 503))).toMatchObject({ status: 500, body: { code: ERROR_CODES.INTERNAL, message: INTERNAL_ERROR_MESSAGE } });
  });

  it("passes the backend's refusal (4xx) on as the backend's status and body, and nothing else of it", () => {
    const refusal = { code: ERROR_CODES.PRINT_JOB_TRANSITION_INVALID, message: 'print job job_1 is pending', details: { status: 'pending' }, extra: 'not part of an ErrorBody' };
    expect(toErrorResponse(new BackendHttpError(409, refusal))).toEqual({
      status: 409,
      body: { code: ERROR_CODES.PRINT_JOB_TRANSITION_INVALID, message: 'print job job_1 is pending', details: { status: 'pending' } },
    });
    expect(toErrorResponse(new BackendHttpError(401, { code: ERROR_CODES.UNAUTHORIZED, message: 'token revoked' }))).toEqual({
      status: 401,
      body: { code: ERROR_CODES.UNAUTHORIZED, message: 'token revoked' },
    });
  });

  it('answers a failure of the backend (5xx) as 502 BACKEND_ERROR with a fixed message, keeping its answer for the log', () => {
    const response = toErrorResponse(new BackendHttpError(503, { code: 'PROXY_DOWN', message: 'upstream at 10.0.0.7 is gone' }));
    expect(response.status).toBe(502);
    expect(response.body).toEqual({ code: ERROR_CODES.BACKEND_ERROR, message: BACKEND_ERROR_MESSAGE });
    expect(response.unexpected?.reason).toBe('the backend answered 503: PROXY_DOWN: upstream at 10.0.0.7 is gone');
  });
});
