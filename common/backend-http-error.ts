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

/**
 * The backend answered 2xx, but not with what the contract says (not JSON, or failing its schema):
 * a backend of another version, or something else at its address. The message names the route and
 * the first problems (paths and zod's words, never the data) for the log; a client of the agent is
 * told 502 BACKEND_ERROR with a short fixed message (common/error-response.ts).
 */
export class BackendAnswerInvalidError extends Error {
  constructor(
    /** `GET /api/agent/config` */
    readonly route: string,
    readonly problems: readonly string[],
  ) {
    super(`the backend's answer to ${route} is not what this agent expects${problems.length > 0 ? `: ${problems.join('; ')}` : ''}`);
    this.name = 'BackendAnswerInvalidError';
  }
}
