import { ORDER_LIMITS, type Order, type OrderItem } from '../../common/order.js';
import { SOURCE_CARD_LIMITS, type CardBlock, type SourceCard } from '../../common/source-card.js';
import type { TicketCard } from './ticket-card.js';

export const clip = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

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

export interface SourceCardOrderInput {
  id: string;
  /** The card's number before clipping: the ticket's own, or one the source makes up. */
  number: string;
  kind: SourceCard['kind'];
  /** The printer it came from, for the card's label. */
  from: string;
  /** The decoded ticket: its lines as printed, its item lines, whether it read as a ticket. */
  ticket: Pick<TicketCard, 'blocks' | 'items' | 'raw'>;
  /** Where the item lines count in the all-day panel. */
  station: string;
  createdAt: string;
  updatedAt: string;
  /** What staff must know beyond the lines, given how many blocks did not fit on the card. */
  notice: (blocksDropped: number) => string | undefined;
  /** The source's own order id, where it names one. */
  sourceOrderId?: string;
}

/**
 * A ticket another system printed, as an Order the cache and the rail know (common/source-card.ts):
 * its source the lines as printed, fitted to the card's limits, and its items the item lines read
 * from it at one station. Ingest (a POS printing to us) and TableTrack both build their cards here.
 */
export function sourceCardOrder(input: SourceCardOrderInput): Order {
  const { ticket } = input;
  const blocks = ticket.blocks.slice(0, SOURCE_CARD_LIMITS.maxBlocks).map(fitBlock);
  const notice = input.notice(ticket.blocks.length - blocks.length);
  const source: SourceCard = {
    kind: input.kind,
    from: clip(input.from, SOURCE_CARD_LIMITS.maxTextLength),
    blocks,
    raw: ticket.raw,
    ...(notice ? { notice } : {}),
    ...(input.sourceOrderId ? { sourceOrderId: input.sourceOrderId } : {}),
  };
  const items: OrderItem[] = ticket.items.slice(0, ORDER_LIMITS.maxItems).map((item) => ({
    name: clip(item.name, ORDER_LIMITS.maxTextLength),
    qty: Math.min(item.qty, ORDER_LIMITS.maxQty),
    station: input.station,
    modifiers: [],
  }));
  return {
    id: input.id,
    number: clip(input.number, ORDER_LIMITS.maxStationLength),
    type: 'dine_in',
    items,
    status: 'submitted',
    createdAt: input.createdAt,
    updatedAt: input.updatedAt,
    version: 1,
    source,
  };
}
