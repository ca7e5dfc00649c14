import { ORDER_LIMITS, type Order, type OrderItem } from '../../../common/order.js';
import type { PrinterSettings } from '../../../common/settings.js';
import { SOURCE_CARD_LIMITS, type CardBlock, type SourceCard } from '../../../common/source-card.js';
import { parseTicket } from '../../ingest/ticket-parser.js';
import type { PulledJob } from './tabletrack-contract.js';
import type { OrderUpdated } from './tabletrack-events.js';

/** Ids of everything the TableTrack connector puts in the cache (a job and its card share one). */
export const TABLETRACK_ID_PREFIX = 'tabletrack:';

/** The cache's id of a TableTrack job (and of its card): `tabletrack:<TableTrack's id>`. */
export const tableTrackId = (sourceId: number): string => `${TABLETRACK_ID_PREFIX}${sourceId}`;

const clip = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

/** A block the card schema accepts: lines clipped, an image too large for the cache named instead. */
function fitBlock(block: CardBlock): CardBlock {
  if (block.kind === 'image') {
    return block.dataUrl.length <= SOURCE_CARD_LIMITS.maxImageDataUrl ? block : { kind: 'text', text: `[image ${block.width}×${block.height} too large to show]` };
  }
  if (block.kind === 'item') return { ...block, name: clip(block.name, ORDER_LIMITS.maxTextLength), text: clip(block.text, SOURCE_CARD_LIMITS.maxTextLength) };
  return { ...block, text: clip(block.text, SOURCE_CARD_LIMITS.maxTextLength) };
}

/**
 * The order a job belongs to, where TableTrack says so at all: a job has no order column, but the
 * image TableTrack renders beside an order receipt is named `order-{orderId}.png`. Kitchen tickets
 * are `kot-{kotId}.png` (a KOT id, not an order id), so they cannot be matched to `order.updated`.
 */
export function orderIdOfJob(job: Pick<PulledJob, 'image_filename'>): string | undefined {
  const match = /^order-(\d+)\.png$/.exec(job.image_filename ?? '');
  return match?.[1];
}

/** Laravel's `2025-07-01T12:00:00.000000Z` as an ISO time; undefined when unreadable. */
export function isoTime(value: string | null | undefined): string | undefined {
  const time = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export interface TableTrackCardInput {
  job: PulledJob;
  /** What goes to the printer (payload-bytes.ts): the card shows exactly that ticket. */
  bytes: Buffer;
  /** The local printer it prints on: its station for the items, its command set for the decoder. */
  printer: Pick<PrinterSettings, 'type'> & { station: string };
  /** When the agent pulled it: the card's time when TableTrack's is unreadable. */
  receivedAt: string;
}

/**
 * A pulled job as a board card: an Order carrying the decoded ticket (common/source-card.ts), its
 * number the ticket's own (`Order #12`, `KOT #3`) or TableTrack's job id, its items the item lines
 * read from it at the printer's station (for the all-day panel), labelled with TableTrack's
 * printer, and tied to TableTrack's order where the job names one (receipts).
 */
export function tableTrackCardOrder({ job, bytes, printer, receivedAt }: TableTrackCardInput): Order {
  const parsed = parseTicket(bytes, { printerType: printer.type });
  const id = tableTrackId(job.id);
  const blocks = parsed.blocks.slice(0, SOURCE_CARD_LIMITS.maxBlocks).map(fitBlock);
  const sourceOrderId = orderIdOfJob(job);
  const dropped = parsed.blocks.length - blocks.length + parsed.linesOmitted;
  const source: SourceCard = {
    kind: 'tabletrack',
    from: clip(job.printer?.name ?? `print job #${job.id}`, SOURCE_CARD_LIMITS.maxTextLength),
    blocks,
    raw: parsed.raw,
    ...(dropped > 0 ? { notice: `${dropped} more lines not shown` } : {}),
    ...(sourceOrderId ? { sourceOrderId } : {}),
  };
  const items: OrderItem[] = parsed.items.slice(0, ORDER_LIMITS.maxItems).map((item) => ({
    name: clip(item.name, ORDER_LIMITS.maxTextLength),
    qty: Math.min(item.qty, ORDER_LIMITS.maxQty),
    station: printer.station,
    modifiers: [],
  }));
  const createdAt = isoTime(job.created_at) ?? receivedAt;
  return {
    id,
    number: clip(parsed.ticketNumber ?? String(job.id), ORDER_LIMITS.maxStationLength),
    type: 'dine_in',
    items,
    status: 'submitted',
    createdAt,
    updatedAt: receivedAt,
    version: 1,
    source,
  };
}

/**
 * The card with TableTrack's new order status when `order.updated` is about its order (a new
 * version, so the rail redraws it); undefined when the update is about another order or changes
 * nothing.
 */
export function withOrderUpdate(order: Order, update: OrderUpdated, at: string): Order | undefined {
  const source = order.source;
  if (source?.kind !== 'tabletrack' || source.sourceOrderId !== String(update.order_id) || !update.status) return undefined;
  const status = clip(update.status, 64);
  if (source.sourceStatus === status) return undefined;
  return { ...order, source: { ...source, sourceStatus: status }, updatedAt: at, version: order.version + 1 };
}
