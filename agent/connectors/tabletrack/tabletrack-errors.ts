import type { ErrorBody } from '../../../common/errors.js';

/**
 * Errors of the TableTrack connector, each with a stable code the settings screen, the logs and the
 * sync loop can key on. They leave the agent as `{code, message, details}` like every other error.
 */
export const TABLETRACK_ERRORS = {
  /** 401 from TableTrack: no or wrong `X-TABLETRACK-KEY`. The message is TableTrack's own. */
  TABLETRACK_KEY_REJECTED: 'TABLETRACK_KEY_REJECTED',
  /** Refused, reset, timed out or DNS: nothing was answered. Safe to retry later. */
  TABLETRACK_UNREACHABLE: 'TABLETRACK_UNREACHABLE',
  /** A 404 on a route every TableTrack install has: wrong base URL (a missing `/api`?) or not TableTrack. */
  TABLETRACK_ENDPOINT_MISSING: 'TABLETRACK_ENDPOINT_MISSING',
  /** The answer was not JSON, or not the shape the contract describes. */
  TABLETRACK_ANSWER_INVALID: 'TABLETRACK_ANSWER_INVALID',
  /**
   * The answer began and then stopped: the connection broke, or the request's time ran out while
   * TableTrack was still sending. For a pull, the jobs in it stay `printing` at TableTrack.
   */
  TABLETRACK_ANSWER_CUT_OFF: 'TABLETRACK_ANSWER_CUT_OFF',
  /** `PATCH /api/print-jobs/{id}` refused the report: 404 (no such job) or 422 (validation). */
  TABLETRACK_REPORT_REFUSED: 'TABLETRACK_REPORT_REFUSED',
  /** Any other error status (5xx, 403 from a proxy, 429, …). */
  TABLETRACK_HTTP_ERROR: 'TABLETRACK_HTTP_ERROR',
} as const;

export type TableTrackErrorCode = (typeof TABLETRACK_ERRORS)[keyof typeof TABLETRACK_ERRORS];

/**
 * Where the settings screen shows a rejected key: the renderer maps `details.issues[].path` to a
 * field (renderer/settings/field-errors.ts), and the branch key is the setting `tabletrack.key`.
 */
export const TABLETRACK_KEY_FIELD_PATH = ['tabletrack', 'key'] as const;

export class TableTrackError extends Error {
  constructor(
    readonly code: TableTrackErrorCode,
    message: string,
    /** TableTrack's HTTP status when it answered at all. */
    readonly status?: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'TableTrackError';
  }

  /** Unreachable, cut-off and server-side (5xx) errors pass; the rest need a person (key, URL) or are final. */
  get retryable(): boolean {
    return (
      this.code === TABLETRACK_ERRORS.TABLETRACK_UNREACHABLE ||
      this.code === TABLETRACK_ERRORS.TABLETRACK_ANSWER_CUT_OFF ||
      (this.status !== undefined && this.status >= 500)
    );
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** The 401 as the settings screen wants it: TableTrack's message, on the key field. */
export function keyRejected(serverMessage: string): TableTrackError {
  return new TableTrackError(TABLETRACK_ERRORS.TABLETRACK_KEY_REJECTED, serverMessage, 401, {
    issues: [{ path: [...TABLETRACK_KEY_FIELD_PATH], message: serverMessage }],
  });
}
