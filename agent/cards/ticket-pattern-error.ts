import { CodedError, defineErrors } from '../../common/errors.js';

/**
 * A ticket number pattern that is not a valid regular expression. Its code is the one the ingest
 * settings have always answered with: the pattern is an ingest printer's setting, while compiling
 * it is shared card-building code.
 */
export const TICKET_PATTERN_ERROR = defineErrors({
  INGEST_TICKET_PATTERN_INVALID: { status: 400, message: 'the ticket number pattern is not a valid regular expression' },
}).INGEST_TICKET_PATTERN_INVALID;

export const TICKET_PATTERN_INVALID = TICKET_PATTERN_ERROR.code;

export class TicketPatternError extends CodedError {
  declare readonly code: typeof TICKET_PATTERN_INVALID;

  constructor(message: string) {
    super(TICKET_PATTERN_ERROR, message);
    this.name = 'TicketPatternError';
  }
}
