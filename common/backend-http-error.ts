import type { ErrorBody } from './errors.js';

/**
 * The backend answered a request with an error status; `body` is its `{code, message, details}`.
 * It lives in the contract, beside the mapper that turns it into a client's answer
 * (common/error-response.ts): the agent throws it, and a board operation that met it passes the
 * backend's refusal on.
 */
export class BackendHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(`${body.code}: ${body.message}`);
    this.name = 'BackendHttpError';
  }
}
