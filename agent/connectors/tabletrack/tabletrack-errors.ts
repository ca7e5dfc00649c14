import { CodedError, codesOf, defineErrors } from '../../../common/errors.js';

/**
 * Errors of the TableTrack connector, each declared once with the status a client of this agent
 * gets (TableTrack is upstream: its refusals are the gateway kind) and a default message; the codes
 * are what the settings screen, the logs and the sync loop key on. They leave the agent as
 * `{code, message, details}` like every other error.
 */
export const TABLETRACK_ERROR_SPECS = defineErrors({
  /** 401 from TableTrack: no or wrong `X-TABLETRACK-KEY`. The message is TableTrack's own. */
  TABLETRACK_KEY_REJECTED: { status: 502, message: 'TableTrack refused the key' },
  /** Refused, reset, timed out or DNS: nothing was answered. Safe to retry later. */
  TABLETRACK_UNREACHABLE: { status: 503, message: 'TableTrack cannot be reached' },
  /** A 404 on a route every TableTrack install has: wrong base URL (a missing `/api`?) or not TableTrack. */
  TABLETRACK_ENDPOINT_MISSING: { status: 502, message: 'this URL does not answer as a TableTrack install' },
  /** The answer was not JSON, or not the shape the contract describes. */
  TABLETRACK_ANSWER_INVALID: { status: 502, message: "TableTrack's answer is not what its contract describes" },
  /**
   * The answer began and then stopped: the connection broke, or the request's time ran out while
   * TableTrack was still sending. For a pull, the jobs in it stay `printing` at TableTrack.
   */
  TABLETRACK_ANSWER_CUT_OFF: { status: 502, message: "TableTrack's answer was cut off" },
  /** `PATCH /api/print-jobs/{id}` refused the report: 404 (no such job) or 422 (validation). */
  TABLETRACK_REPORT_REFUSED: { status: 502, message: 'TableTrack refused the report' },
  /** Any other error status (5xx, 403 from a proxy, 429, …). */
  TABLETRACK_HTTP_ERROR: { status: 502, message: 'TableTrack answered with an error' },
});

export const TABLETRACK_ERRORS = codesOf(TABLETRACK_ERROR_SPECS);

export type TableTrackErrorCode = (typeof TABLETRACK_ERRORS)[keyof typeof TABLETRACK_ERRORS];

/**
 * Where the settings screen shows a rejected key: the renderer maps `details.issues[].path` to a
 * field (renderer/settings/field-errors.ts), and the branch key is the setting `tabletrack.key`.
 */
export const TABLETRACK_KEY_FIELD_PATH = ['tabletrack', 'key'] as const;

export class TableTrackError extends CodedError {
  declare readonly code: TableTrackErrorCode;

  constructor(
    code: TableTrackErrorCode,
    message: string,
    /** TableTrack's HTTP status when it answered at all (this error's own `status` is what a client of the agent gets). */
    readonly upstreamStatus?: number,
    details?: unknown,
  ) {
    super(TABLETRACK_ERROR_SPECS[code], message, details);
    this.name = 'TableTrackError';
  }

  /** Unreachable, cut-off and server-side (5xx) errors pass; the rest need a person (key, URL) or are final. */
  get retryable(): boolean {
    return (
      this.code === TABLETRACK_ERRORS.TABLETRACK_UNREACHABLE ||
      this.code === TABLETRACK_ERRORS.TABLETRACK_ANSWER_CUT_OFF ||
      (this.upstreamStatus !== undefined && this.upstreamStatus >= 500)
    );
  }
}

/** The 401 as the settings screen wants it: TableTrack's message, on the key field. */
export function keyRejected(serverMessage: string): TableTrackError {
  return new TableTrackError(TABLETRACK_ERRORS.TABLETRACK_KEY_REJECTED, serverMessage, 401, {
    issues: [{ path: [...TABLETRACK_KEY_FIELD_PATH], message: serverMessage }],
  });
}
