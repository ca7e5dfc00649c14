import { ORDER_LIMITS, StationSchema } from '../../../common/order.js';
import { valueAt } from '../../../common/secret-settings.js';
import type { PusherAppMap } from './pusher-app-settings.js';

/** The station of an item whose event names none (no `map.itemStation`, or an empty one). */
export const DEFAULT_STATION = 'kitchen';

/** One item as read from an event, within the order limits. */
export interface MappedItem {
  name: string;
  qty: number;
  station: string;
  modifiers: string[];
  notes?: string;
}

/** An order as read from an event through `map`. */
export interface MappedOrder {
  /** The app's own id of the order: printed once per id. */
  sourceId: string;
  number: string;
  items: MappedItem[];
  /** Items the event had that could not be read (no name, no quantity): the card says how many. */
  unreadItems: number;
  table?: string;
  customerName?: string;
  notes?: string;
  status?: string;
}

export type MappingResult = { ok: true; order: MappedOrder } | { ok: false; problem: string };

const clip = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

/** A path split in segments (`order.items` → order, items). */
const at = (data: unknown, path: string | undefined): unknown => (path === undefined ? undefined : valueAt(data, path.split('.')));

/** A text value: a string as it is, a number written out; anything else is not text. */
function textOf(value: unknown, max: number): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return clip(String(value), max);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : clip(trimmed, max);
}

/** A quantity: a positive whole number, or its digits as text (`"2"`), capped at the order limit. */
function qtyOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\s*\d{1,6}\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) return undefined;
  return Math.min(number, ORDER_LIMITS.maxQty);
}

/** A station from the app's text: lower case, other characters as `-` (`Grill Station` → `grill-station`). */
export function stationOf(value: unknown): string {
  const text = textOf(value, ORDER_LIMITS.maxStationLength * 2)?.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+|-+$/g, '');
  const station = text ? clip(text, ORDER_LIMITS.maxStationLength) : undefined;
  return station && StationSchema.safeParse(station).success ? station : DEFAULT_STATION;
}

/** Modifiers: a list of texts, or of objects with a `name` (Laravel resources often send those). */
function modifiersOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((entry) => textOf(typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : entry, ORDER_LIMITS.maxTextLength))
    .filter((entry): entry is string => entry !== undefined)
    .slice(0, ORDER_LIMITS.maxModifiers);
}

function itemOf(element: unknown, map: PusherAppMap): MappedItem | undefined {
  const name = textOf(at(element, map.itemName), ORDER_LIMITS.maxTextLength);
  const qty = qtyOf(at(element, map.itemQty));
  if (name === undefined || qty === undefined) return undefined;
  const notes = textOf(at(element, map.itemNotes), ORDER_LIMITS.maxNotesLength);
  return { name, qty, station: stationOf(at(element, map.itemStation)), modifiers: modifiersOf(at(element, map.itemModifiers)), ...(notes ? { notes } : {}) };
}

/**
 * An event's data as an order, through the settings' map. Without a readable id nothing can be
 * done with it (no journal key): a problem, never a guess. Items that cannot be read are counted,
 * not invented; the rest is optional.
 */
export function mapOrder(data: unknown, map: PusherAppMap): MappingResult {
  const sourceId = textOf(at(data, map.id), 200);
  if (sourceId === undefined) return { ok: false, problem: `no order id at ${map.id}` };
  const list = at(data, map.items);
  const elements = Array.isArray(list) ? list : [];
  const items = elements.slice(0, ORDER_LIMITS.maxItems).flatMap((element) => itemOf(element, map) ?? []);
  const table = textOf(at(data, map.table), ORDER_LIMITS.maxStationLength);
  const customerName = textOf(at(data, map.customerName), ORDER_LIMITS.maxTextLength);
  const notes = textOf(at(data, map.notes), ORDER_LIMITS.maxNotesLength);
  const status = textOf(at(data, map.status), 64);
  return {
    ok: true,
    order: {
      sourceId,
      number: textOf(at(data, map.number), ORDER_LIMITS.maxStationLength) ?? clip(sourceId, ORDER_LIMITS.maxStationLength),
      items,
      unreadItems: elements.length - items.length,
      ...(table ? { table } : {}),
      ...(customerName ? { customerName } : {}),
      ...(notes ? { notes } : {}),
      ...(status ? { status } : {}),
    },
  };
}

/** What a status from the app means here: the card's move, or nothing this board acts on. */
export type StatusMeaning = 'cancelled' | 'ready' | 'completed' | undefined;

export function statusMeaning(status: string | undefined): StatusMeaning {
  switch (status?.trim().toLowerCase()) {
    case 'cancelled':
    case 'canceled':
    case 'declined':
      return 'cancelled';
    case 'ready':
      return 'ready';
    case 'completed':
      return 'completed';
    default:
      return undefined;
  }
}
