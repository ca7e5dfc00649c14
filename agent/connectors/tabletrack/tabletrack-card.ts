import type { Order } from '../../../common/order.js';
import type { PrinterSettings } from '../../../common/settings.js';
import { sourceCardOrder, clip } from '../../cards/source-card-order.js';
import type { TicketCard } from '../../cards/ticket-card.js';
import type { RefusedJob } from './pull-answer.js';
import type { PulledJob } from './tabletrack-contract.js';
import type { OrderUpdated } from './tabletrack-events.js';

/** Ids of everything the TableTrack connector puts in the cache (a job and its card share one). */
export const TABLETRACK_ID_PREFIX = 'tabletrack:';

/** The cache's id of a TableTrack job (and of its card): `tabletrack:<TableTrack's id>`. */
export const tableTrackId = (sourceId: number): string => `${TABLETRACK_ID_PREFIX}${sourceId}`;

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
  /** The ticket as decoded from what goes to the printer (payload-bytes.ts): the card shows exactly that. */
  ticket: TicketCard;
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
export function tableTrackCardOrder({ job, ticket: parsed, printer, receivedAt }: TableTrackCardInput): Order {
  const sourceOrderId = orderIdOfJob(job);
  return sourceCardOrder({
    id: tableTrackId(job.id),
    number: parsed.ticketNumber ?? String(job.id),
    kind: 'tabletrack',
    from: job.printer?.name ?? `print job #${job.id}`,
    ticket: parsed,
    station: printer.station,
    createdAt: isoTime(job.created_at) ?? receivedAt,
    updatedAt: receivedAt,
    notice: (blocksDropped) => {
      const dropped = blocksDropped + parsed.linesOmitted;
      return dropped > 0 ? `${dropped} more lines not shown` : undefined;
    },
    ...(sourceOrderId ? { sourceOrderId } : {}),
  });
}

/** Ids of problem cards for elements without a usable TableTrack id (nothing to report them as). */
export const TABLETRACK_PROBLEM_PREFIX = `${TABLETRACK_ID_PREFIX}problem:`;

/**
 * A card for a job TableTrack handed out that this agent will not print (pull-answer.ts): the
 * kitchen sees that a ticket is missing and why, and where it stands at TableTrack — reported
 * failed, or (without an id to report) still `printing` there until someone fixes it.
 */
export function tableTrackProblemCard(refused: RefusedJob, cardId: string, station: string, receivedAt: string): Order {
  const reported = refused.id !== undefined;
  return sourceCardOrder({
    id: cardId,
    number: reported ? String(refused.id) : '?',
    kind: 'tabletrack',
    from: reported ? `print job #${refused.id}` : 'TableTrack',
    ticket: {
      blocks: [
        { kind: 'text', text: 'Problem from TableTrack', large: true },
        { kind: 'text', text: clip(refused.reason, 200) },
      ],
      items: [],
      raw: true,
    },
    station,
    createdAt: receivedAt,
    updatedAt: receivedAt,
    notice: () =>
      reported ? 'not printed: reported failed to TableTrack (print it again from there)' : 'not printed: it stays "printing" at TableTrack; fix it there',
  });
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
