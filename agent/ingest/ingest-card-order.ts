import { ORDER_LIMITS, type Order, type OrderItem } from '../../common/order.js';
import { SOURCE_CARD_LIMITS, type CardBlock, type SourceCard } from '../../common/source-card.js';
import type { IngestCard } from './ingest-card.js';
import type { IngestJob } from './ingest-job.js';

/** Ids of everything ingest makes (the card's order, its forward job): the pipeline routes jobs by it. */
export const INGEST_ID_PREFIX = 'ingest:';

/** A card number when the ticket has none the pattern could read: short enough to call out. */
const SHORT_ID_LENGTH = 6;

const clip = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

/**
 * A block the card schema accepts: lines clipped to its text limit, an image too large for the
 * cache replaced by a line saying so (common/source-card.ts SOURCE_CARD_LIMITS).
 */
function fitBlock(block: CardBlock): CardBlock {
  if (block.kind === 'image') {
    return block.dataUrl.length <= SOURCE_CARD_LIMITS.maxImageDataUrl ? block : { kind: 'text', text: `[image ${block.width}×${block.height} too large to show]` };
  }
  if (block.kind === 'item') return { ...block, name: clip(block.name, ORDER_LIMITS.maxTextLength), text: clip(block.text, SOURCE_CARD_LIMITS.maxTextLength) };
  return { ...block, text: clip(block.text, SOURCE_CARD_LIMITS.maxTextLength) };
}

/** What staff must know beyond the lines: the job was cut off, or lines or images are missing. */
function noticeOf(job: IngestJob, card: IngestCard, blocksDropped: number, note: string | undefined): string | undefined {
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
  card: IngestCard;
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
  const blocks = card.blocks.slice(0, SOURCE_CARD_LIMITS.maxBlocks).map(fitBlock);
  const notice = noticeOf(job, card, card.blocks.length - blocks.length, note);
  const source: SourceCard = {
    kind: 'ingest',
    from: clip(job.listenerName, SOURCE_CARD_LIMITS.maxTextLength),
    blocks,
    raw: card.raw,
    ...(notice ? { notice } : {}),
  };
  const items: OrderItem[] = card.items.slice(0, ORDER_LIMITS.maxItems).map((item) => ({
    name: clip(item.name, ORDER_LIMITS.maxTextLength),
    qty: Math.min(item.qty, ORDER_LIMITS.maxQty),
    station: job.station,
    modifiers: [],
  }));
  const number = card.ticketNumber ? clip(card.ticketNumber, ORDER_LIMITS.maxStationLength) : id.slice(INGEST_ID_PREFIX.length, INGEST_ID_PREFIX.length + SHORT_ID_LENGTH);
  return {
    id,
    number,
    type: 'dine_in',
    items,
    status: 'submitted',
    createdAt: job.receivedAt,
    updatedAt: job.receivedAt,
    version: 1,
    source,
  };
}
