import { z } from 'zod';

/**
 * A card from a source that has no order model of its own: a TableTrack print job, a ticket a POS
 * printed to one of the agent's ingest printers, an order another app broadcast. It rides on an
 * Order in the cache and on the rail (`Order.source`), so the board, the all-day panel and
 * bump/recall treat it like any order; its actions stay on this PC (there is no backend order to
 * move). `kind` names the source of work (its registry module), `label` what staff read.
 */
export const CardSourceKindSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);
export type CardSourceKind = z.infer<typeof CardSourceKindSchema>;

/** Limits on one card, so a runaway ticket cannot bloat the cache or the board. */
export const SOURCE_CARD_LIMITS = { maxBlocks: 400, maxTextLength: 200, maxImageDataUrl: 256 * 1024 } as const;

const emphasis = { bold: z.literal(true).optional(), large: z.literal(true).optional() };

export const CardBlockSchema = z.discriminatedUnion('kind', [
  /** A line kept as printed. */
  z.object({ kind: z.literal('text'), text: z.string().max(SOURCE_CARD_LIMITS.maxTextLength), align: z.enum(['center', 'right']).optional(), ...emphasis }),
  /** A line read as `2 x Fries` / `2x Fries` / `2 Fries`; `text` is the line as printed. */
  z.object({ kind: z.literal('item'), qty: z.number().int().min(1), name: z.string(), text: z.string().max(SOURCE_CARD_LIMITS.maxTextLength), ...emphasis }),
  /** A raster image (GS v 0), e.g. the restaurant's logo, as a PNG data URL. */
  z.object({
    kind: z.literal('image'),
    width: z.number().int().min(1),
    height: z.number().int().min(1),
    dataUrl: z.string().startsWith('data:image/png;base64,').max(SOURCE_CARD_LIMITS.maxImageDataUrl),
  }),
]);
export type CardBlock = z.infer<typeof CardBlockSchema>;

export const SourceCardSchema = z.object({
  kind: CardSourceKindSchema,
  /** What the card's label calls the source (`Pusher app`); absent: the board's own name for `kind`. */
  label: z.string().max(SOURCE_CARD_LIMITS.maxTextLength).optional(),
  /** Where it came from, for the card's label: the ingest printer's or TableTrack printer's name. */
  from: z.string().max(SOURCE_CARD_LIMITS.maxTextLength),
  blocks: z.array(CardBlockSchema).max(SOURCE_CARD_LIMITS.maxBlocks),
  /** The bytes did not read as a ticket: the card shows what was found and a "raw" marker. */
  raw: z.boolean(),
  /** Something staff must know about the ticket, e.g. that a limit cut it off. */
  notice: z.string().max(SOURCE_CARD_LIMITS.maxTextLength).optional(),
  /** The source's own order id and the last status it gave it (TableTrack's `order.updated`). */
  sourceOrderId: z.string().max(64).optional(),
  sourceStatus: z.string().max(64).optional(),
});
export type SourceCard = z.infer<typeof SourceCardSchema>;
