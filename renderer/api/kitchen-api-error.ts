import type { ApiResult } from '../../common/kitchen-api.js';
import { isErrorBody } from '../../common/errors.js';
import { describeError } from '../../common/describe-error.js';

/** Codes raised by the renderer itself, for failures that never reached the agent's own error handling. */
export const CLIENT_ERROR_CODES = {
  AGENT_UNREACHABLE: 'AGENT_UNREACHABLE',
  AGENT_BAD_RESPONSE: 'AGENT_BAD_RESPONSE',
  IPC_FAILED: 'IPC_FAILED',
  /** The agent sent an order or job the board cannot use; it was left out (details: what and why). */
  UPDATE_INVALID: 'BOARD_UPDATE_INVALID',
} as const;

/** An ApiResult error turned into something the UI can catch and show: code, message, details. */
export class KitchenApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'KitchenApiError';
  }
}

/** The value of an ok result; otherwise throws the error as a KitchenApiError. */
export function unwrapResult<T>(result: ApiResult<T>): T {
  if (result.ok) return result.value;
  throw new KitchenApiError(result.error.code, result.error.message, result.error.details);
}

/** Checks the outer shape of something that claims to be an ApiResult (it came off a wire). */
export function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; error?: unknown };
  if (candidate.ok === true) return true;
  return candidate.ok === false && isErrorBody(candidate.error);
}

/** Any thrown value as a KitchenApiError, so every failure reaches the user the same way. */
export function toKitchenApiError(error: unknown): KitchenApiError {
  if (error instanceof KitchenApiError) return error;
  const message = describeError(error);
  return new KitchenApiError('INTERNAL', message);
}
