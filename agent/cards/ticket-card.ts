/**
 * What the board shows for a ticket another system printed (a POS on an ingest printer, a
 * TableTrack job): the ticket's own lines, in order, with what could be understood pulled out
 * (number, items) and what could not kept verbatim. agent/cards/ is shared by every source that
 * makes cards from printed bytes; it imports no source.
 */

import type { CardBlock } from '../../common/source-card.js';

export type { CardBlock } from '../../common/source-card.js';

/** Emphasis the POS gave a line: bold (ESC E / ESC G) or large (double height or width). */
export interface LineEmphasis {
  bold?: true;
  large?: true;
}

export interface TicketItem {
  qty: number;
  name: string;
}

export interface TicketCard {
  /** From the first line matching the ticket number pattern (`#…`, `Order …`, `Table …` by default). */
  ticketNumber?: string;
  blocks: CardBlock[];
  /** The item lines, for the all-day count. */
  items: TicketItem[];
  /** True when the bytes did not decode as a ticket (garbage, mostly unknown bytes): show a "raw" marker. */
  raw: boolean;
  /** Bytes that were neither text nor a known command. */
  unknownBytes: number;
  /** Images other than GS v 0 (column images, stored graphics), counted but not shown. */
  imagesNotShown: number;
  /** Lines left out beyond the card's maximum (a runaway job). */
  linesOmitted: number;
}
