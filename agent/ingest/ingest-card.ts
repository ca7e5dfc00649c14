/**
 * What the board shows for a ticket a POS printed to an ingest printer: the ticket's own lines, in
 * order, with what could be understood pulled out (number, items) and what could not kept verbatim.
 */

/** Emphasis the POS gave a line: bold (ESC E / ESC G) or large (double height or width). */
export interface LineEmphasis {
  bold?: true;
  large?: true;
}

export type CardBlock =
  /** A line kept as printed. */
  | ({ kind: 'text'; text: string; align?: 'center' | 'right' } & LineEmphasis)
  /** A line read as `2 x Fries` / `2x Fries` / `2 Fries`; `text` is the line as printed. */
  | ({ kind: 'item'; qty: number; name: string; text: string } & LineEmphasis)
  /** A raster image (GS v 0), e.g. the restaurant's logo, as a PNG data URL. */
  | { kind: 'image'; width: number; height: number; dataUrl: string };

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
