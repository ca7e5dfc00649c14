/** Errors of the printing layer, each with a stable code the pipeline and logs can key on. */
export const PRINTING_ERRORS = {
  CHARACTER_SET_UNSUPPORTED: 'CHARACTER_SET_UNSUPPORTED',
  RAW_PAYLOAD_INVALID: 'RAW_PAYLOAD_INVALID',
  IMAGE_INVALID: 'IMAGE_INVALID',
  IMAGE_TOO_WIDE: 'IMAGE_TOO_WIDE',
  ORDER_MISSING: 'ORDER_MISSING',
  NO_ITEMS_FOR_STATION: 'NO_ITEMS_FOR_STATION',
  INTERFACE_INVALID: 'INTERFACE_INVALID',
  SPOOLER_NOT_FOUND: 'SPOOLER_NOT_FOUND',
  SPOOLER_REJECTED: 'SPOOLER_REJECTED',
  CONNECTION_FAILED: 'CONNECTION_FAILED',
  WAIT_TIMEOUT: 'WAIT_TIMEOUT',
  CLI_ARGS_INVALID: 'CLI_ARGS_INVALID',
  SCAN_RANGE_INVALID: 'SCAN_RANGE_INVALID',
} as const;

export type PrintingErrorCode = (typeof PRINTING_ERRORS)[keyof typeof PRINTING_ERRORS];

export class PrintingError extends Error {
  constructor(
    readonly code: PrintingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PrintingError';
  }
}
