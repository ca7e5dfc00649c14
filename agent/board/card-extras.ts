import type { RailOrder } from '../../common/kitchen-api.js';

/** What a source adds to its cards beyond the cached order (TicketRail: payments and the courier). */
export type CardExtra = Pick<RailOrder, 'payments' | 'courier'>;

/**
 * A source's additions to the cards on the rail, read from its own tables of the cache. The board
 * asks every source that declares some (through the registry), never naming one.
 */
export interface CardExtras {
  /** Additions for every active card, by order id: one query per source for the whole rail. */
  active(): ReadonlyMap<string, CardExtra>;
  of(orderId: string): CardExtra | undefined;
}
