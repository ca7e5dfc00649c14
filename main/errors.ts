import { CodedError, ERROR_CODES, codesOf, defineErrors, type ErrorBody, type ErrorSpec } from '../common/errors.js';

/**
 * Errors only the Electron shell answers over IPC (validation and the agent's errors are answered
 * by common/kitchen-dispatch.ts, as over HTTP). They use the shared codes of common/errors.ts so
 * the renderer handles them like any other KitchenApi error; the messages never echo the input.
 */
export const IPC_ERRORS = {
  senderForbidden: (method: string): ErrorBody => ({
    code: ERROR_CODES.FORBIDDEN,
    message: `${method} refused: the call did not come from the TicketRail window`,
  }),
  secretWithheld: (method: string): ErrorBody => ({
    code: ERROR_CODES.INTERNAL,
    message: `${method}: answer withheld because it contained a stored secret`,
  }),
} as const;

/**
 * Failures inside the main process that never cross to the renderer as such, declared like every
 * other layer's (common/errors.ts): a DesktopError is a CodedError with its status, so whatever
 * reports it (a log line, an IPC answer) reads one code and never picks a status of its own.
 */
export const DESKTOP_ERRORS = defineErrors({
  SECRET_BOX_UNAVAILABLE: { status: 503, message: 'OS encryption (safeStorage) is not available' },
  SECRET_UNREADABLE: { status: 500, message: 'stored secret cannot be decrypted on this machine' },
});
export const DESKTOP_ERROR_CODES = codesOf(DESKTOP_ERRORS);
export type DesktopErrorCode = (typeof DESKTOP_ERROR_CODES)[keyof typeof DESKTOP_ERROR_CODES];

export class DesktopError extends CodedError {
  constructor(spec: ErrorSpec<DesktopErrorCode>, options?: { cause?: unknown }) {
    super(spec);
    this.name = 'DesktopError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
