import type { ErrorBody } from '../../common/errors.js';

/**
 * A final "no" to a queued row from a source other than TicketRail's backend (TableTrack's 404 or
 * 422 on a report): the outbox drops the row and surfaces the refusal as a conflict, as it does for
 * the backend's 4xx. Anything else a delivery throws is retried with backoff.
 */
export class OutboxRefusal extends Error {
  constructor(readonly body: ErrorBody) {
    super(`${body.code}: ${body.message}`);
    this.name = 'OutboxRefusal';
  }
}
