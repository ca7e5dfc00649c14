import type { TicketPreview } from '../../../common/kitchen-api.js';
import type { PrinterSettings } from '../../../common/settings.js';
import { toPreviewLines } from '../../printing/decoded-job.js';
import { decodeEscPos } from '../../printing/escpos-decoder.js';
import type { TicketCard } from '../types.js';
import type { PulledJob } from './tabletrack-contract.js';
import type { OrderUpdated } from './tabletrack-events.js';

const TITLE_MAX = 80;

/** The ticket's lines as the print log previews them (same decoder, same code pages). */
export function decodeTicketLines(bytes: Uint8Array, printerType: PrinterSettings['type'] = 'EPSON'): TicketPreview['lines'] {
  return toPreviewLines(decodeEscPos(bytes, { printerType }).lines);
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
function isoTime(value: string | null | undefined): string | undefined {
  const time = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * The card for a pulled job: its decoded ticket, titled by the ticket's first printed line (the
 * KOT place or "Kitchen Order Ticket" on TableTrack's tickets), with printer and order where known.
 */
export function ticketCardForJob(job: PulledJob, lines: TicketPreview['lines'], receivedAt: Date): TicketCard {
  const sourceId = String(job.id);
  const header = lines.find((line) => line.text.trim() !== '')?.text.trim();
  const printerId = job.printer?.id ?? job.printer_id;
  const orderId = orderIdOfJob(job);
  return {
    key: `tabletrack:${sourceId}`,
    connector: 'tabletrack',
    sourceId,
    title: header ? header.slice(0, TITLE_MAX) : `Print job #${sourceId}`,
    // A time TableTrack's serializer made unreadable falls back to when the agent got the job.
    createdAt: isoTime(job.created_at) ?? receivedAt.toISOString(),
    lines,
    ...(printerId !== undefined && printerId !== null
      ? { printer: { sourceId: String(printerId), ...(job.printer?.name ? { name: job.printer.name } : {}) } }
      : {}),
    ...(orderId ? { order: { sourceId: orderId } } : {}),
    bumped: false,
  };
}

/** The card with the order's new status when the update is about its order; the same card otherwise. */
export function applyOrderUpdate(card: TicketCard, update: OrderUpdated): TicketCard {
  if (!card.order || card.order.sourceId !== String(update.order_id)) return card;
  const updatedAt = isoTime(update.updated_at);
  return {
    ...card,
    order: { ...card.order, ...(update.status ? { status: update.status } : {}), ...(updatedAt ? { updatedAt } : {}) },
  };
}
