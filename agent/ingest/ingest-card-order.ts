import type { Order } from '../../common/order.js';
import { SOURCE_CARD_LIMITS } from '../../common/source-card.js';
import type { TicketCard } from '../cards/ticket-card.js';
import type { IngestJob } from './ingest-job.js';
import { clip, sourceCardOrder } from '../cards/source-card-order.js';

/** Ids of everything ingest makes (the card's order, its forward job): the pipeline routes jobs by it. */
export const INGEST_ID_PREFIX = 'ingest:';

/** A card number when the ticket has none the pattern could read: short enough to call out. */
const SHORT_ID_LENGTH = 6;

/** What staff must know beyond the lines: the job was cut off, or lines or images are missing. */
function noticeOf(job: IngestJob, card: TicketCard, blocksDropped: number, note: string | undefined): string | undefined {
  const parts: string[] = [];
  if (job.limitMessage) parts.push(job.limitMessage);
  if (note) parts.push(note);
  const linesMissing = card.linesOmitted + blocksDropped;
  if (linesMissing > 0) parts.push(`${linesMissing} more lines not shown`);
  if (card.imagesNotShown > 0) parts.push(`${card.imagesNotShown} images not shown`);
  return parts.length > 0 ? clip(parts.join('; '), SOURCE_CARD_LIMITS.maxTextLength) : undefined;
}

export interface IngestCardOrderInput {
  /** `ingest:<uuid>`: the order's id (the forward job, if any, carries the same). */
  id: string;
  job: IngestJob;
  card: TicketCard;
  /** Something else staff must know, e.g. that the ticket was not forwarded. */
  note?: string;
}

/**
 * The card of a ticket a POS printed to an ingest printer, as an Order the cache and the rail know
 * (common/source-card.ts): its number is the ticket's (or a short id), its items the item lines
 * read from it — at the listener's station, so the all-day panel counts them — and its source the
 * lines as printed, naming the ingest printer.
 */
export function ingestCardOrder({ id, job, card, note }: IngestCardOrderInput): Order {
  return sourceCardOrder({
    id,
    number: card.ticketNumber ?? id.slice(INGEST_ID_PREFIX.length, INGEST_ID_PREFIX.length + SHORT_ID_LENGTH),
    kind: 'ingest',
    from: job.listenerName,
    ticket: card,
    station: job.station,
    createdAt: job.receivedAt,
    updatedAt: job.receivedAt,
    notice: (blocksDropped) => noticeOf(job, card, blocksDropped, note),
  });
}
