/**
 * What the board shows for a ticket a POS printed to an ingest printer: the ticket's own lines, in
 * order, with what could be understood pulled out (number, items) and what could not kept verbatim.
 */

import type { CardBlock } from '../../common/source-card.js';

export type { CardBlock } from '../../common/source-card.js';

/** Emphasis the POS gave a line: bold (ESC E / ESC G) or large (double height or width). */
export interface LineEmphasis {
  bold?: true;
  large?: true;
}

export interface IngestItem {
  qty: number;
  name: string;
}

export interface IngestCard {
  /** From the first line matching the ticket number pattern (`#…`, `Order …`, `Table …` by default). */
  ticketNumber?: string;
  blocks: CardBlock[];
  /** The item lines, for the all-day count. */
  items: IngestItem[];
  /** True when the bytes did not decode as a ticket (garbage, mostly unknown bytes): show a "raw" marker. */
  raw: boolean;
  /** Bytes that were neither text nor a known command. */
  unknownBytes: number;
  /** Images other than GS v 0 (column images, stored graphics), counted but not shown. */
  imagesNotShown: number;
  /** Lines left out beyond the card's maximum (a runaway job). */
  linesOmitted: number;
}
