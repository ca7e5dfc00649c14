import { CodedError, codesOf, defineErrors } from '../../common/errors.js';

/**
 * Errors of the printing layer, each declared once with its HTTP status and default message: a
 * bad raw payload or image asked for in a preview reaches the board as a 4xx, not as a 500 logged
 * as a bug; a printer that cannot be reached as a 5xx of the gateway kind.
 */
export const PRINTING_ERROR_SPECS = defineErrors({
  CHARACTER_SET_UNSUPPORTED: { status: 422, message: "the printer's character set cannot print this" },
  RAW_PAYLOAD_INVALID: { status: 422, message: 'the raw payload is not valid base64' },
  IMAGE_INVALID: { status: 422, message: 'the image payload is not a PNG that can be printed' },
  IMAGE_TOO_WIDE: { status: 422, message: 'the image is wider than the paper' },
  ORDER_MISSING: { status: 404, message: 'the order of this ticket is not known' },
  NO_ITEMS_FOR_STATION: { status: 422, message: 'the order has no items for this station' },
  INTERFACE_INVALID: { status: 400, message: 'not a printer interface: tcp://, printer:, usb://, serial:// or file://' },
  SPOOLER_NOT_FOUND: { status: 502, message: "the system's print spooler is not installed" },
  SPOOLER_REJECTED: { status: 502, message: 'the print spooler refused the job' },
  CONNECTION_FAILED: { status: 502, message: 'the printer cannot be reached' },
  WAIT_TIMEOUT: { status: 504, message: 'the printer did not answer in time' },
  /** A send outlived the pipeline's time limit (PRINT_RETRY.sendLimitMs) and was cut off. */
  SEND_TIME_LIMIT: { status: 504, message: 'the printer did not finish within the time limit of one send' },
  CLI_ARGS_INVALID: { status: 400, message: 'bad command line' },
  /** Find printers was given a range it will not scan (not IPv4, wider than a /24's worth of hosts). */
  SCAN_RANGE_INVALID: { status: 400, message: 'not a range Find printers scans' },
});

/** The codes, as the pipeline and logs key on them. */
export const PRINTING_ERRORS = codesOf(PRINTING_ERROR_SPECS);

export type PrintingErrorCode = (typeof PRINTING_ERRORS)[keyof typeof PRINTING_ERRORS];

export class PrintingError extends CodedError {
  constructor(code: PrintingErrorCode, message: string) {
    super(PRINTING_ERROR_SPECS[code], message);
    this.name = 'PrintingError';
  }
}
