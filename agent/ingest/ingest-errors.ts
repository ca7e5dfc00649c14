import { CodedError, codesOf, defineErrors } from '../../common/errors.js';
import { TICKET_PATTERN_ERROR } from '../cards/ticket-pattern-error.js';

/**
 * Errors of the ingest listener and its settings, each declared once with its status and default
 * message; the codes are what settings refusals and logs key on.
 */
export const INGEST_ERROR_SPECS = {
  ...defineErrors({
    /** `listen` is not `tcp://host:port` with a port 0..65535. */
    INGEST_LISTEN_ADDRESS_INVALID: { status: 400, message: 'listen must be tcp://host:port' },
    /** A host other than loopback without `allowLan`: it would open a port on the LAN. */
    INGEST_LISTEN_LAN_NOT_ALLOWED: { status: 400, message: 'listening on the network needs allowLan' },
    /** Another program (or another ingest printer) already listens there. */
    INGEST_PORT_IN_USE: { status: 409, message: 'the port is already in use' },
    /** Binding failed for another reason (address not on this machine, permission). */
    INGEST_LISTEN_FAILED: { status: 400, message: 'cannot listen there' },
  }),
  /** The ticket number pattern is not a valid regular expression (agent/cards/). */
  INGEST_TICKET_PATTERN_INVALID: TICKET_PATTERN_ERROR,
};

const CODES = codesOf(INGEST_ERROR_SPECS);

/** The codes by their short names. */
export const INGEST_ERRORS = {
  LISTEN_ADDRESS_INVALID: CODES.INGEST_LISTEN_ADDRESS_INVALID,
  LISTEN_LAN_NOT_ALLOWED: CODES.INGEST_LISTEN_LAN_NOT_ALLOWED,
  PORT_IN_USE: CODES.INGEST_PORT_IN_USE,
  LISTEN_FAILED: CODES.INGEST_LISTEN_FAILED,
  TICKET_PATTERN_INVALID: CODES.INGEST_TICKET_PATTERN_INVALID,
} as const;

export type IngestErrorCode = (typeof INGEST_ERRORS)[keyof typeof INGEST_ERRORS];

export class IngestError extends CodedError {
  declare readonly code: IngestErrorCode;

  constructor(code: IngestErrorCode, message: string) {
    super(INGEST_ERROR_SPECS[code], message);
    this.name = 'IngestError';
  }
}
