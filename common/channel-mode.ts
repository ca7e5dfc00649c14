import { locationChannels, parseLocationChannel } from './channels.js';
import { DEFAULT_LOCATION } from './location.js';

/**
 * Where TicketRail's backend publishes the kitchen's events (CHANNEL_MODE, backend/config.ts):
 * `private` (the default) on `private-orders` / `private-print-jobs` (`private-loc-ID-…` for a
 * location of a chain), which a subscriber joins only with the backend's signature; `public` on
 * the same names without `private-` (`orders` / `print-jobs`, the names the product was first
 * described with), which anyone holding the Pusher key can read. `GET /api/agent/config` names the
 * channels, and the agent subscribes to whatever it names.
 */
export const CHANNEL_MODES = ['private', 'public'] as const;
export type ChannelMode = (typeof CHANNEL_MODES)[number];

export const PUBLIC_ORDERS_CHANNEL = 'orders';
export const PUBLIC_PRINT_JOBS_CHANNEL = 'print-jobs';

export interface KitchenChannels {
  orders: string;
  printJobs: string;
}

const PRIVATE_PREFIX = 'private-';

export function kitchenChannels(mode: ChannelMode, location: string = DEFAULT_LOCATION): KitchenChannels {
  const { orders, printJobs } = locationChannels(location);
  return { orders: channelInMode(orders, mode), printJobs: channelInMode(printJobs, mode) };
}

/**
 * The channel an event goes out on in `mode`: a location's kitchen channels lose `private-` in
 * public mode; every other channel (an order's own channel for its diner, the POS channel) stays private.
 */
export function channelInMode(channel: string, mode: ChannelMode): string {
  if (mode === 'private') return channel;
  const kind = parseLocationChannel(channel)?.kind;
  return kind === 'orders' || kind === 'printJobs' ? channel.slice(PRIVATE_PREFIX.length) : channel;
}
