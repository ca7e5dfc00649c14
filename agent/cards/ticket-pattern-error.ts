/**
 * A ticket number pattern that is not a valid regular expression. Its code is the one the ingest
 * settings have always answered with: the pattern is an ingest printer's setting, while compiling
 * it is shared card-building code.
 */
export const TICKET_PATTERN_INVALID = 'INGEST_TICKET_PATTERN_INVALID';

export class TicketPatternError extends Error {
  readonly code = TICKET_PATTERN_INVALID;

  constructor(message: string) {
    super(message);
    this.name = 'TicketPatternError';
  }
}
