import { DEFAULT_LOCATION, LOCATION_ID_PATTERN } from './location.js';

/** Channel names shared by the backend (publisher, auth) and the agent (subscriber). */
export const ORDERS_CHANNEL = 'private-orders';
export const PRINT_JOBS_CHANNEL = 'private-print-jobs';
export const ORDER_CHANNEL_PREFIX = 'private-order-';
/** POS terminals: order pushes, gift cards and loyalty points (docs/pos-feed.md). */
export const POS_CHANNEL = 'private-pos';

/** The customer-facing channel of one order: only that order's status changes. Order ids are unique in the chain. */
export function orderChannel(orderId: string): string {
  return `${ORDER_CHANNEL_PREFIX}${orderId}`;
}

/** The staff channels of one location: the kitchen's two and the POS terminals'. */
export interface LocationChannels {
  orders: string;
  printJobs: string;
  pos: string;
}

export type LocationChannelKind = keyof LocationChannels;

const SUFFIXES: Record<LocationChannelKind, string> = { orders: 'orders', printJobs: 'print-jobs', pos: 'pos' };

/**
 * Location `default` keeps the names a single restaurant always had (`private-orders`, …); any
 * other location `ID` has `private-loc-ID-orders`, `private-loc-ID-print-jobs`, `private-loc-ID-pos`.
 * Agents and POS terminals take the names from /api/agent/config and /api/pos/config.
 */
export function locationChannels(location: string): LocationChannels {
  if (location === DEFAULT_LOCATION) return { orders: ORDERS_CHANNEL, printJobs: PRINT_JOBS_CHANNEL, pos: POS_CHANNEL };
  const prefix = `private-loc-${location}-`;
  return { orders: `${prefix}${SUFFIXES.orders}`, printJobs: `${prefix}${SUFFIXES.printJobs}`, pos: `${prefix}${SUFFIXES.pos}` };
}

const LOCATION_CHANNEL = /^private-loc-(.+)-(orders|print-jobs|pos)$/;

/**
 * Which location's staff channel a name is, or undefined for any other name. The suffixes are
 * not suffixes of each other, so `private-loc-a-print-jobs` reads one way only (location `a`).
 */
export function parseLocationChannel(channel: string): { location: string; kind: LocationChannelKind } | undefined {
  for (const kind of Object.keys(SUFFIXES) as LocationChannelKind[]) {
    if (locationChannels(DEFAULT_LOCATION)[kind] === channel) return { location: DEFAULT_LOCATION, kind };
  }
  const match = LOCATION_CHANNEL.exec(channel);
  const location = match?.[1];
  if (location === undefined || location === DEFAULT_LOCATION || !LOCATION_ID_PATTERN.test(location)) return undefined;
  const kind = (Object.keys(SUFFIXES) as LocationChannelKind[]).find((candidate) => SUFFIXES[candidate] === match?.[2]);
  return kind ? { location, kind } : undefined;
}
