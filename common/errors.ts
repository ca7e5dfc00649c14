/**
 * Every error code that crosses a process or network boundary, declared once with its HTTP status
 * and a default message (as Fastify's `createError` declares each `FST_ERR_*`): a throw site names
 * the code and, when it knows more, a better message and details — never a status of its own. Every
 * HTTP error body and every IPC error is `{code, message, details?}` with one of these codes. A
 * layer declares its own codes the same way (`defineErrors`: the printing layer's, ingest's,
 * TableTrack's), so its errors are coded errors too and reach a client as a 4xx or 5xx of their own,
 * never as an unexpected 500.
 */

/** One code, its HTTP status and its default message. */
export interface ErrorSpec<C extends string = string> {
  readonly code: C;
  readonly status: number;
  readonly message: string;
}

/** A table of codes (the key is the code) with their status and default message. */
export function defineErrors<T extends Record<string, { status: number; message: string }>>(specs: T): { readonly [K in keyof T & string]: ErrorSpec<K> } {
  return Object.fromEntries(Object.entries(specs).map(([code, spec]) => [code, { code, ...spec }])) as { readonly [K in keyof T & string]: ErrorSpec<K> };
}

/** The codes of a table by name (`CODES.ORDER_NOT_FOUND === 'ORDER_NOT_FOUND'`): what `error.code` is compared with. */
export function codesOf<T extends Readonly<Record<string, ErrorSpec>>>(specs: T): { readonly [K in keyof T]: T[K]['code'] } {
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.code])) as { readonly [K in keyof T]: T[K]['code'] };
}

export const ERRORS = defineErrors({
  VALIDATION_FAILED: { status: 400, message: 'the request is not valid' },
  UNAUTHORIZED: { status: 401, message: 'authentication required' },
  FORBIDDEN: { status: 403, message: 'forbidden' },
  NOT_FOUND: { status: 404, message: 'no such resource' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'send the body as application/json' },
  /** The body could not be parsed at all (broken JSON, empty JSON body). */
  MALFORMED_BODY: { status: 400, message: 'the request could not be read' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'method not allowed' },
  ORDER_NOT_FOUND: { status: 404, message: 'no such order' },
  ORDER_TRANSITION_INVALID: { status: 409, message: 'the order cannot make that move' },
  ORDER_CANCEL_REASON_REQUIRED: { status: 400, message: 'cancelling an order needs a reason' },
  ORDER_VERSION_CONFLICT: { status: 409, message: 'the order changed meanwhile' },
  /** A station bump or recall naming a station the order has no items for. */
  ORDER_STATION_NOT_FOUND: { status: 404, message: 'the order has no items for this station' },
  /** completed → ready after RECALL_WINDOW_MINUTES have passed since the order's completion. */
  ORDER_RECALL_WINDOW_PASSED: { status: 409, message: 'the recall window of this order has passed' },
  /** `toggleItemDone` naming a line the card does not have (an order's item, a source card's printed line). */
  ORDER_ITEM_NOT_FOUND: { status: 404, message: 'the card has no such line' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, message: 'this Idempotency-Key was sent with another request' },
  PRINT_JOB_NOT_FOUND: { status: 404, message: 'no such print job' },
  PRINT_JOB_NOT_CLAIMABLE: { status: 409, message: 'the print job cannot be claimed' },
  PRINT_JOB_NOT_CLAIMED_BY_AGENT: { status: 409, message: 'the print job is not claimed by this agent' },
  PRINT_JOB_TRANSITION_INVALID: { status: 409, message: 'the print job cannot make that move' },
  /** Retry now / Print elsewhere / Move waiting tickets named a job that is neither waiting for a printer nor failed. */
  PRINT_JOB_NOT_WAITING: { status: 409, message: 'the print job is not waiting for a printer' },
  /** Print elsewhere named the printer the job already waits for, or one that cannot serve it. */
  PRINT_TARGET_INVALID: { status: 409, message: 'the ticket cannot be sent to that printer' },
  CHANNEL_FORBIDDEN: { status: 403, message: 'this token may not subscribe to that channel' },
  /** A genuine customer token whose order closed longer ago than CUSTOMER_TOKEN_TTL_HOURS. */
  CUSTOMER_TOKEN_EXPIRED: { status: 401, message: 'this order link has expired' },
  /** A genuine customer token an admin revoked. */
  CUSTOMER_TOKEN_REVOKED: { status: 401, message: 'this order link was revoked by the restaurant' },
  INTERNAL: { status: 500, message: 'internal error' },
  /** The backend could not be reached for an operation a client asked for now (a reprint, a receipt). */
  BACKEND_UNREACHABLE: { status: 503, message: 'the backend cannot be reached' },
  /** The backend failed (5xx, or an answer that is not what it should be) during an operation the agent did for a client; its text is logged, not sent. */
  BACKEND_ERROR: { status: 502, message: 'the backend failed to complete this request; try again' },
  PRINTER_NOT_FOUND: { status: 404, message: 'no such printer' },
  SETTINGS_INVALID: { status: 400, message: 'settings refused' },
  // The settings PIN (issue 20): Settings and Reports behind a PIN, enforced by the agent.
  /** An operation behind the settings PIN called without a valid unlock (unlockSettings gives one). */
  SETTINGS_LOCKED: { status: 403, message: 'Settings are locked: enter the PIN' },
  /** A wrong settings PIN; details {attemptsLeft} before the lock-out. */
  SETTINGS_PIN_WRONG: { status: 403, message: 'wrong PIN' },
  /** Too many wrong PINs: nothing is tried until the lock-out ends; details {secondsLeft}. */
  SETTINGS_PIN_LOCKED_OUT: { status: 429, message: 'too many wrong PINs: try again later' },
  /** The stored settings file could not be read or failed validation; the agent runs on defaults, and refuses saves until it could keep a copy. */
  SETTINGS_FILE_INVALID: { status: 409, message: 'the settings file is unusable' },
  /** A local API request named another host (DNS rebinding) or came from another site's page. */
  ORIGIN_FORBIDDEN: { status: 403, message: 'requests from another origin are refused' },
  /** A process refused to start because of a bad environment variable or flag. */
  CONFIG_INVALID: { status: 500, message: 'the configuration is not valid' },
  /** A raw or image print job (arbitrary printer bytes) from a token whose role may only queue tickets. */
  PRINT_JOB_KIND_FORBIDDEN: { status: 403, message: 'this token may queue tickets only' },
  /** A claim or report naming another agentId than the one this token speaks for. */
  AGENT_ID_MISMATCH: { status: 403, message: 'this token speaks for another agent id' },
  /** A claim or report naming an agentId another (still valid) token speaks for. */
  AGENT_ID_TAKEN: { status: 403, message: 'another token speaks for this agent id' },
  /** The backend's DATA_DIR/secrets.json cannot be read as its secrets; the start is refused. */
  SECRETS_FILE_INVALID: { status: 500, message: 'the secrets file is unusable' },
  // Front of house (issue 12): payments, receipts, the courier.
  PAYMENT_NOT_FOUND: { status: 404, message: 'no such payment' },
  /** The payment state machine does not allow the move; details {from, to, allowed}. */
  PAYMENT_TRANSITION_INVALID: { status: 409, message: 'the payment cannot make that move' },
  /** A receipt for a payment whose QR code expired (qrExpiresAt has passed). */
  PAYMENT_EXPIRED: { status: 409, message: 'the payment request has expired' },
  /** A payment or courier change for an order that is completed or cancelled. */
  ORDER_CLOSED: { status: 409, message: 'the order is closed' },
  /** A receipt image larger than RECEIPT_LIMITS.maxBytes. */
  RECEIPT_TOO_LARGE: { status: 413, message: 'the receipt is too large' },
  /** A receipt whose bytes are not a JPEG, PNG or WebP image (whatever its name or Content-Type says). */
  RECEIPT_TYPE_UNSUPPORTED: { status: 415, message: 'a receipt must be a JPEG, PNG or WebP image' },
  /** A receipt upload without exactly one file part. */
  RECEIPT_MISSING: { status: 400, message: 'send the receipt as one file' },
  /** A receipt download for a payment that has none. */
  RECEIPT_NOT_FOUND: { status: 404, message: 'this payment has no receipt' },
  /** Another receipt upload for the same payment is still being read; refused before this body is read. */
  RECEIPT_UPLOAD_IN_PROGRESS: { status: 409, message: 'a receipt for this payment is being uploaded already; try again when it is done' },
  /** A multipart body that cannot be read: no boundary, cut short, not multipart inside. */
  MULTIPART_MALFORMED: { status: 400, message: 'the upload is not a complete multipart/form-data body (a boundary is missing or the body was cut short)' },
  /** A gift card number with the right shape and check character that no card has. */
  GIFT_CARD_NOT_FOUND: { status: 404, message: 'no such gift card' },
  /** A gift card number that is malformed or fails its check character (a typo): no card was looked up. */
  GIFT_CARD_NUMBER_INVALID: { status: 400, message: 'not a valid gift card number' },
  /** A redemption larger than the card's balance; nothing was taken. */
  GIFT_CARD_INSUFFICIENT_BALANCE: { status: 409, message: 'the gift card balance is too low' },
  /** The card's expiresAt has passed. */
  GIFT_CARD_EXPIRED: { status: 409, message: 'the gift card has expired' },
  /** The card was voided. */
  GIFT_CARD_VOID: { status: 409, message: 'the gift card was voided' },
  /** A loyalty redemption larger than the customer's points balance; nothing was taken. */
  LOYALTY_INSUFFICIENT_POINTS: { status: 409, message: 'not enough loyalty points' },
  /** No loyalty account for this phone number yet (it is made by the first `add`). */
  LOYALTY_CUSTOMER_NOT_FOUND: { status: 404, message: 'no loyalty account for this phone number' },
  /** A phone number that cannot be normalised to E.164. */
  PHONE_INVALID: { status: 400, message: 'not a valid phone number' },
  // Chains (issue 23): locations.
  /** `?location=` (or a body's `location`) names no location of this backend. */
  LOCATION_NOT_FOUND: { status: 404, message: 'no such location' },
  /** A token of one location named another one. */
  LOCATION_FORBIDDEN: { status: 403, message: 'this token acts in another location' },
  /** A location id that is not `^[a-z0-9][a-z0-9-]{0,31}$`. */
  LOCATION_ID_INVALID: { status: 400, message: 'not a valid location id' },
  /** A location with that id exists already. */
  LOCATION_EXISTS: { status: 409, message: 'this location exists already' },
  // Reports (issue 22).
  /** `from` or `to` of a report is not a calendar date written YYYY-MM-DD; details {param, value}. */
  REPORT_DATE_INVALID: { status: 400, message: 'a report date must be a calendar date written YYYY-MM-DD' },
  /** `tz` of a report is not an IANA time zone this backend knows; details {tz}. */
  REPORT_TIME_ZONE_INVALID: { status: 400, message: 'not an IANA time zone' },
  /** A report's `to` is before its `from`; details {from, to}. */
  REPORT_RANGE_INVALID: { status: 400, message: 'the report ends before it starts' },
  /** A report over more days than REPORT_LIMITS.maxDays; details {days, maxDays}. */
  REPORT_RANGE_TOO_LONG: { status: 400, message: 'the report range is too long' },
  /** The agent's source of work keeps no reports (a TableTrack install): only TicketRail's backend does. */
  /** A connector's own board operation (TableTrack's printer list) asked of an agent that neither runs nor has chosen that connector. */
  CONNECTOR_NOT_IN_USE: { status: 409, message: 'this operation belongs to a connector this agent does not use' },
  REPORTS_UNAVAILABLE: { status: 501, message: 'reports come from the TicketRail backend; this source keeps none' },
  // Front of house from the board (issue 24).
  /** A customer's cancel reason longer than CUSTOMER_CANCEL.maxReasonLength; details {maxLength}. */
  ORDER_CANCEL_REASON_TOO_LONG: { status: 400, message: 'the cancel reason is too long' },
  /** `from` or `to` of an order search is not an ISO date or date-time; details {param, value}. */
  ORDER_SEARCH_DATE_INVALID: { status: 400, message: 'a search date must be an ISO 8601 date or date-time' },
  /** An order search whose `to` is before its `from`; details {from, to}. */
  ORDER_SEARCH_RANGE_INVALID: { status: 400, message: 'the search range ends before it starts' },
});

export const ERROR_CODES = codesOf(ERRORS);

export type ErrorCode = keyof typeof ERRORS;

/** The data shape of an error once it leaves the process that raised it. */
export interface ErrorBody {
  code: ErrorCode | string;
  message: string;
  details?: unknown;
}

/**
 * An error raised on purpose, for a client to read: its code's status, the code's default message
 * unless the throw site knows a better one, and optional details. Serialises to ErrorBody.
 */
export class CodedError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(
    spec: ErrorSpec,
    message: string = spec.message,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CodedError';
    this.code = spec.code;
    this.status = spec.status;
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
