import { createHash } from 'node:crypto';
import { ORDER_LIMITS, isActiveOrderStatus, stationsOf, type Order, type OrderItem } from '../../../common/order.js';
import { PRINT_FAILURE_REASONS, type PrintJob } from '../../../common/print-job.js';
import type { PrinterSettings } from '../../../common/settings.js';
import { SOURCE_CARD_LIMITS, type CardBlock, type SourceCard } from '../../../common/source-card.js';
import type { CacheDb } from '../../cache/cache-db.js';
import { statusMeaning, type MappedOrder } from './pusher-app-mapping.js';

/** Ids of everything the pusher-app connector puts in the cache: cards, and their tickets (`…#0`). */
export const PUSHER_APP_ID_PREFIX = 'pusher-app:';

/** What the card's label calls this source. */
export const PUSHER_APP_LABEL = 'Pusher app';

/** A cancellation slip's id is its ticket's with this after it. */
const SLIP_SUFFIX = 'x';

/**
 * The cache's id of an order of the app: `pusher-app:<its id>` when that is short and plain,
 * else a digest of it, so the card and its tickets stay within the board's 64-character ids.
 */
export function cardIdOf(sourceId: string): string {
  const key = /^[A-Za-z0-9._-]{1,40}$/.test(sourceId) ? sourceId : `h${createHash('sha256').update(sourceId).digest('hex').slice(0, 32)}`;
  return `${PUSHER_APP_ID_PREFIX}${key}`;
}

/** The ticket of the card's `index`-th station (in the order the items name them). */
export const ticketIdOf = (cardId: string, index: number): string => `${cardId}#${index}`;

/** Whether a job is one of the card's own station tickets (not its slip, not a reprint). */
const isStationTicket = (jobId: string): boolean => /#\d+$/.test(jobId);

/** The card a ticket, slip or reprint of this connector belongs to. */
export const cardIdOfJob = (jobId: string): string => jobId.replace(/#.*$/, '');

export interface PusherAppJournalDeps {
  cache: CacheDb;
  printers: () => readonly PrinterSettings[];
  /** The channel, for the card's label. */
  channel: string;
  /** ISO time now (the agent's clock). */
  now: () => string;
}

export type OrderJournalResult =
  /** New: its card and one ticket per station journaled `claimed`, in one transaction. */
  | { kind: 'journaled'; order: Order; jobs: PrintJob[] }
  /** The journal has this id already: never printed again. */
  | { kind: 'known'; orderId: string };

export type StatusJournalResult =
  /** The card moved (cancelled, ready, completed) or shows the app's new status; slips to print. */
  | { kind: 'applied'; order: Order; slips: PrintJob[]; cancelled: boolean }
  /** Nothing to do: an order this agent never saw, or a status it already has. */
  | { kind: 'unchanged' };

/** The printer a station's ticket goes to: one that serves the station, else the first (a `--printer` without `--stations` serves them all). */
function printerFor(station: string, printers: readonly PrinterSettings[]): PrinterSettings | undefined {
  return printers.find((printer) => printer.stations.includes(station)) ?? printers[0];
}

/** What the card shows: each item with its modifiers and notes, as the ticket has them. */
function blocksOf(order: MappedOrder): CardBlock[] {
  const blocks: CardBlock[] = [];
  const clip = (text: string) => (text.length > SOURCE_CARD_LIMITS.maxTextLength ? text.slice(0, SOURCE_CARD_LIMITS.maxTextLength) : text);
  if (order.table) blocks.push({ kind: 'text', text: clip(`Table ${order.table}`), bold: true });
  if (order.customerName) blocks.push({ kind: 'text', text: clip(order.customerName) });
  for (const item of order.items) {
    blocks.push({ kind: 'item', qty: item.qty, name: item.name, text: clip(`${item.qty} x ${item.name}`), large: true });
    for (const modifier of item.modifiers) blocks.push({ kind: 'text', text: clip(`  + ${modifier}`) });
    if (item.notes) blocks.push({ kind: 'text', text: clip(`  ! ${item.notes}`), bold: true });
  }
  if (order.notes) blocks.push({ kind: 'text', text: clip(`NOTE: ${order.notes}`), bold: true });
  return blocks.slice(0, SOURCE_CARD_LIMITS.maxBlocks);
}

function cardOf(order: MappedOrder, deps: PusherAppJournalDeps, at: string): Order {
  const items: OrderItem[] = order.items.map((item) => ({ name: item.name, qty: item.qty, station: item.station, modifiers: item.modifiers, ...(item.notes ? { notes: item.notes } : {}) }));
  const unread = order.unreadItems > 0 ? `${order.unreadItems} item(s) of the event could not be read` : undefined;
  const notice = items.length === 0 ? `no item could be read from the event: nothing printed${unread ? ` (${unread})` : ''}` : unread;
  const source: SourceCard = {
    kind: 'pusher-app',
    label: PUSHER_APP_LABEL,
    from: deps.channel.slice(0, SOURCE_CARD_LIMITS.maxTextLength),
    blocks: blocksOf(order),
    raw: false,
    sourceOrderId: order.sourceId.slice(0, 64),
    ...(order.status ? { sourceStatus: order.status } : {}),
    ...(notice ? { notice } : {}),
  };
  return {
    id: cardIdOf(order.sourceId),
    number: order.number,
    type: order.table ? 'dine_in' : 'takeaway',
    ...(order.table ? { table: order.table } : {}),
    ...(order.customerName ? { customer: { name: order.customerName } } : {}),
    items,
    ...(order.notes ? { notes: order.notes.slice(0, ORDER_LIMITS.maxNotesLength) } : {}),
    status: 'submitted',
    createdAt: at,
    updatedAt: at,
    version: 1,
    source,
  };
}

function ticketJob(id: string, cardId: string, station: string, printer: PrinterSettings | undefined, at: string, extra: Partial<PrintJob> = {}): PrintJob {
  return {
    id,
    kind: 'ticket',
    orderId: cardId,
    station,
    ...(printer ? { printerId: printer.id } : {}),
    copies: 1,
    // Pending here means "ours, not printed yet": nobody else will ever claim it.
    status: 'pending',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...extra,
  };
}

/**
 * Journals an order the app broadcast, before anything is printed (docs/connectors.md): its card
 * and one ticket per station, each `claimed` (nothing sent: after a crash the pipeline's recover()
 * prints it), in ONE SQLite transaction. An id the journal already holds is never printed again,
 * whatever the event says: the app may broadcast it twice, a queue may retry it.
 */
export function journalOrder(deps: PusherAppJournalDeps, order: MappedOrder): OrderJournalResult {
  const { cache } = deps;
  const cardId = cardIdOf(order.sourceId);
  if (cache.getOrder(cardId)) return { kind: 'known', orderId: cardId };
  const at = deps.now();
  const card = cardOf(order, deps, at);
  const printers = deps.printers();
  const jobs = stationsOf(card.items).map((station, index) => ticketJob(ticketIdOf(cardId, index), cardId, station, printerFor(station, printers), at));
  cache.transaction(() => {
    cache.putOrder(card);
    for (const job of jobs) {
      cache.putJob(job);
      cache.setJobLocal(job.id, 'claimed', job.printerId);
    }
  });
  return { kind: 'journaled', order: card, jobs };
}

/**
 * The app's new status of an order onto its card. `cancelled` / `declined`: the card leaves the
 * rail and every station ticket that went to its printer (sent or on its way) gets a cancellation
 * slip, once; a ticket not sent yet is never sent (its job source refuses it). `ready` and
 * `completed` bump the card. Any status is shown on the card.
 */
export function journalStatus(deps: PusherAppJournalDeps, sourceId: string, status: string): StatusJournalResult {
  const { cache } = deps;
  const cached = cache.getOrder(cardIdOf(sourceId))?.order;
  if (!cached?.source) return { kind: 'unchanged' };
  const meaning = statusMeaning(status);
  const shown = status.slice(0, 64);
  const at = deps.now();
  const base: Order = { ...cached, source: { ...cached.source, sourceStatus: shown }, updatedAt: at, version: cached.version + 1 };
  if (meaning === 'cancelled') {
    if (cached.status === 'cancelled') return { kind: 'unchanged' };
    const card: Order = { ...base, status: 'cancelled', cancelReason: `${status} by the app` };
    const slips: PrintJob[] = [];
    const unsent: string[] = [];
    for (const index of stationsOf(cached.items).keys()) {
      const ticket = cache.getJob(ticketIdOf(cached.id, index));
      if (!ticket) continue;
      // Sent, or on its way, or broken off mid-send: paper may be in the kitchen, so it gets a slip.
      const partly = ticket.localState === 'failed' && (ticket.localError ?? ticket.job.error ?? '').includes(PRINT_FAILURE_REASONS.partlySent);
      const sent = ticket.localState === 'printed' || ticket.localState === 'sending' || ticket.job.status === 'done' || partly;
      if (sent) {
        const printer = deps.printers().find((candidate) => candidate.id === (ticket.printerId ?? ticket.job.printerId));
        slips.push(ticketJob(`${ticket.job.id}${SLIP_SUFFIX}`, cached.id, ticket.job.station, printer ?? printerFor(ticket.job.station, deps.printers()), at));
      } else {
        unsent.push(ticket.job.id);
      }
    }
    cache.transaction(() => {
      cache.putOrder(card);
      for (const jobId of unsent) cache.setJobLocal(jobId, 'lost', cache.getJob(jobId)?.printerId, 'the order was cancelled before its ticket printed');
      for (const slip of slips) {
        if (cache.getJob(slip.id)) continue;
        cache.putJob(slip);
        cache.setJobLocal(slip.id, 'claimed', slip.printerId);
      }
    });
    return { kind: 'applied', order: card, slips, cancelled: true };
  }
  const to = meaning === 'ready' && (cached.status === 'submitted' || cached.status === 'accepted') ? 'ready' : meaning === 'completed' && isActiveOrderStatus(cached.status) ? 'completed' : cached.status;
  if (to === cached.status && cached.source.sourceStatus === shown) return { kind: 'unchanged' };
  const card: Order = { ...base, status: to };
  cache.putOrder(card);
  return { kind: 'applied', order: card, slips: [], cancelled: false };
}

/** Whether the pipeline may still send this job: a station ticket of a cancelled card never is. */
export function mayPrint(cache: CacheDb, jobId: string): boolean {
  if (!isStationTicket(jobId)) return true;
  return cache.getOrder(cardIdOfJob(jobId))?.order.status !== 'cancelled';
}

/** A person's reprint: a new journaled job with the same ticket (the renderer marks it a reprint). */
export function journalReprint(cache: CacheDb, original: PrintJob, printerId: string | undefined, at: string): PrintJob {
  let n = 1;
  while (cache.getJob(`${original.id}r${n}`)) n += 1;
  const job = ticketJob(`${original.id}r${n}`, original.orderId ?? cardIdOfJob(original.id), original.station, undefined, at, {
    ...(printerId ? { printerId } : {}),
    reprintOf: original.id,
  });
  cache.transaction(() => {
    cache.putJob(job);
    cache.setJobLocal(job.id, 'claimed', job.printerId);
  });
  return job;
}
