import type { ErrorBody } from '../../common/errors.js';

/**
 * A final "no" to a queued row (the backend's 4xx, TableTrack's 404 or 422 on a report): the outbox
 * drops the row and surfaces the refusal as a conflict. Anything else a delivery throws is retried
 * with backoff. Each kind's delivery decides which answers are final (agent/outbox/outbox-entry.ts).
 */
export class OutboxRefusal extends Error {
  constructor(readonly body: ErrorBody) {
    super(`${body.code}: ${body.message}`);
    this.name = 'OutboxRefusal';
  }
}
