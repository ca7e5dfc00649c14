import { TICKET_PATTERN_INVALID } from '../cards/ticket-pattern-error.js';

/** Errors of the ingest listener and its settings, each with a stable code settings and logs key on. */
export const INGEST_ERRORS = {
  /** `listen` is not `tcp://host:port` with a port 0..65535. */
  LISTEN_ADDRESS_INVALID: 'INGEST_LISTEN_ADDRESS_INVALID',
  /** A host other than loopback without `allowLan`: it would open a port on the LAN. */
  LISTEN_LAN_NOT_ALLOWED: 'INGEST_LISTEN_LAN_NOT_ALLOWED',
  /** Another program (or another ingest printer) already listens there. */
  PORT_IN_USE: 'INGEST_PORT_IN_USE',
  /** Binding failed for another reason (address not on this machine, permission). */
  LISTEN_FAILED: 'INGEST_LISTEN_FAILED',
  /** The ticket number pattern is not a valid regular expression. */
  TICKET_PATTERN_INVALID,
} as const;

export type IngestErrorCode = (typeof INGEST_ERRORS)[keyof typeof INGEST_ERRORS];

export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}
