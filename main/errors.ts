import { ERROR_CODES, type ErrorBody } from '../common/errors.js';

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

/** Failures inside the main process that never cross to the renderer as such. */
export const DESKTOP_ERROR_CODES = {
  SECRET_BOX_UNAVAILABLE: 'SECRET_BOX_UNAVAILABLE',
  SECRET_UNREADABLE: 'SECRET_UNREADABLE',
} as const;
export type DesktopErrorCode = (typeof DESKTOP_ERROR_CODES)[keyof typeof DESKTOP_ERROR_CODES];

export class DesktopError extends Error {
  constructor(
    readonly code: DesktopErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DesktopError';
  }
}
