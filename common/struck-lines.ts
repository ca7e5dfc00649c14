import type { Order } from './order.js';

/*
 * Lines a cook strikes through on the board (issue 19: "cooks tick off what is done on a big
 * ticket"). They stay on the screen that shows them: the agent keeps them in its cache, never
 * sends them to a source. A line is addressed by its index in what the card lists: an order's
 * `items`, or — for a card of a source without orders (TableTrack, ingest, a Pusher app) — the
 * ticket's printed lines, `source.blocks`, images excepted (nothing to strike on a logo).
 */

/** Whether `index` is a line of the card that can be struck. */
export function isStrikeableLine(order: Pick<Order, 'items' | 'source'>, index: number): boolean {
  if (!Number.isInteger(index) || index < 0) return false;
  if (order.source) {
    const block = order.source.blocks[index];
    return block !== undefined && block.kind !== 'image';
  }
  return index < order.items.length;
}

/** How many lines the card has, struck or not: what the error of an unknown line names. */
export function cardLineCount(order: Pick<Order, 'items' | 'source'>): number {
  return order.source ? order.source.blocks.length : order.items.length;
}
