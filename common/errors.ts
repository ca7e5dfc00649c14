/**
 * Error codes that cross process and network boundaries. Every HTTP error body and every IPC
 * error is `{code, message, details?}` with one of these codes.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** The body could not be parsed at all (broken JSON, empty JSON body). */
  MALFORMED_BODY: 'MALFORMED_BODY',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  ORDER_NOT_FOUND: 'ORDER_NOT_FOUND',
  ORDER_TRANSITION_INVALID: 'ORDER_TRANSITION_INVALID',
  ORDER_CANCEL_REASON_REQUIRED: 'ORDER_CANCEL_REASON_REQUIRED',
  ORDER_VERSION_CONFLICT: 'ORDER_VERSION_CONFLICT',
  /** A station bump or recall naming a station the order has no items for (404). */
  ORDER_STATION_NOT_FOUND: 'ORDER_STATION_NOT_FOUND',
  /** completed → ready after RECALL_WINDOW_MINUTES have passed since the order's completion (409). */
  ORDER_RECALL_WINDOW_PASSED: 'ORDER_RECALL_WINDOW_PASSED',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  PRINT_JOB_NOT_FOUND: 'PRINT_JOB_NOT_FOUND',
  PRINT_JOB_NOT_CLAIMABLE: 'PRINT_JOB_NOT_CLAIMABLE',
  PRINT_JOB_NOT_CLAIMED_BY_AGENT: 'PRINT_JOB_NOT_CLAIMED_BY_AGENT',
  PRINT_JOB_TRANSITION_INVALID: 'PRINT_JOB_TRANSITION_INVALID',
  CHANNEL_FORBIDDEN: 'CHANNEL_FORBIDDEN',
  INTERNAL: 'INTERNAL',
  BACKEND_UNREACHABLE: 'BACKEND_UNREACHABLE',
  /** The backend failed (5xx) during an operation the agent did for a client; its text is logged, not sent. */
  BACKEND_ERROR: 'BACKEND_ERROR',
  PRINTER_NOT_FOUND: 'PRINTER_NOT_FOUND',
  SETTINGS_INVALID: 'SETTINGS_INVALID',
  /** The stored settings file could not be read or failed validation; the agent runs on defaults. */
  SETTINGS_FILE_INVALID: 'SETTINGS_FILE_INVALID',
  /** A local API request named another host (DNS rebinding) or came from another site's page. */
  ORIGIN_FORBIDDEN: 'ORIGIN_FORBIDDEN',
  /** A process refused to start because of a bad environment variable or flag. */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** A raw or image print job (arbitrary printer bytes) from a token whose role may only queue tickets. */
  PRINT_JOB_KIND_FORBIDDEN: 'PRINT_JOB_KIND_FORBIDDEN',
  /** A claim or report naming another agentId than the one this token speaks for. */
  AGENT_ID_MISMATCH: 'AGENT_ID_MISMATCH',
  /** A claim or report naming an agentId another (still valid) token speaks for. */
  AGENT_ID_TAKEN: 'AGENT_ID_TAKEN',
  /** The backend's DATA_DIR/secrets.json cannot be read as its secrets; the start is refused. */
  SECRETS_FILE_INVALID: 'SECRETS_FILE_INVALID',
  // Front of house (issue 12): payments, receipts, the courier.
  PAYMENT_NOT_FOUND: 'PAYMENT_NOT_FOUND',
  /** The payment state machine does not allow the move; details {from, to, allowed}. */
  PAYMENT_TRANSITION_INVALID: 'PAYMENT_TRANSITION_INVALID',
  /** A receipt for a payment whose QR code expired (qrExpiresAt has passed). */
  PAYMENT_EXPIRED: 'PAYMENT_EXPIRED',
  /** A payment or courier change for an order that is completed or cancelled. */
  ORDER_CLOSED: 'ORDER_CLOSED',
  /** A receipt image larger than RECEIPT_LIMITS.maxBytes. */
  RECEIPT_TOO_LARGE: 'RECEIPT_TOO_LARGE',
  /** A receipt whose bytes are not a JPEG, PNG or WebP image (whatever its name or Content-Type says). */
  RECEIPT_TYPE_UNSUPPORTED: 'RECEIPT_TYPE_UNSUPPORTED',
  /** A receipt upload without exactly one file part. */
  RECEIPT_MISSING: 'RECEIPT_MISSING',
  /** A receipt download for a payment that has none. */
  RECEIPT_NOT_FOUND: 'RECEIPT_NOT_FOUND',
  /** A gift card number with the right shape and check character that no card has. */
  GIFT_CARD_NOT_FOUND: 'GIFT_CARD_NOT_FOUND',
  /** A gift card number that is malformed or fails its check character (a typo): no card was looked up. */
  GIFT_CARD_NUMBER_INVALID: 'GIFT_CARD_NUMBER_INVALID',
  /** A redemption larger than the card's balance; nothing was taken. */
  GIFT_CARD_INSUFFICIENT_BALANCE: 'GIFT_CARD_INSUFFICIENT_BALANCE',
  /** The card's expiresAt has passed. */
  GIFT_CARD_EXPIRED: 'GIFT_CARD_EXPIRED',
  /** The card was voided. */
  GIFT_CARD_VOID: 'GIFT_CARD_VOID',
  /** A loyalty redemption larger than the customer's points balance; nothing was taken. */
  LOYALTY_INSUFFICIENT_POINTS: 'LOYALTY_INSUFFICIENT_POINTS',
  /** No loyalty account for this phone number yet (it is made by the first `add`). */
  LOYALTY_CUSTOMER_NOT_FOUND: 'LOYALTY_CUSTOMER_NOT_FOUND',
  /** A phone number that cannot be normalised to E.164. */
  PHONE_INVALID: 'PHONE_INVALID',
  // Chains (issue 23): locations.
  /** `?location=` (or a body's `location`) names no location of this backend. */
  LOCATION_NOT_FOUND: 'LOCATION_NOT_FOUND',
  /** A token of one location named another one. */
  LOCATION_FORBIDDEN: 'LOCATION_FORBIDDEN',
  /** A location id that is not `^[a-z0-9][a-z0-9-]{0,31}$`. */
  LOCATION_ID_INVALID: 'LOCATION_ID_INVALID',
  /** A location with that id exists already. */
  LOCATION_EXISTS: 'LOCATION_EXISTS',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** The data shape of an error once it leaves the process that raised it. */
export interface ErrorBody {
  code: ErrorCode | string;
  message: string;
  details?: unknown;
}

/** An error that carries a code, an HTTP status and optional details; serialises to ErrorBody. */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number = 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CodedError';
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    typeof (value as ErrorBody).message === 'string'
  );
}
