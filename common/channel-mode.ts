import { ORDERS_CHANNEL, PRINT_JOBS_CHANNEL } from './channels.js';

/**
 * Where TicketRail's backend publishes the kitchen's events (CHANNEL_MODE, backend/config.ts):
 * `private` (the default) on `private-orders` / `private-print-jobs`, which a subscriber joins only
 * with the backend's signature; `public` on `orders` / `print-jobs`, the names the product was first
 * described with, which anyone holding the Pusher key can read. `GET /api/agent/config` names the
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

export function kitchenChannels(mode: ChannelMode): KitchenChannels {
  return mode === 'public' ? { orders: PUBLIC_ORDERS_CHANNEL, printJobs: PUBLIC_PRINT_JOBS_CHANNEL } : { orders: ORDERS_CHANNEL, printJobs: PRINT_JOBS_CHANNEL };
}

/**
 * The channel an event goes out on in `mode`: the kitchen channels are renamed in public mode;
 * every other channel (an order's own channel for its diner, the POS channel) stays private.
 */
export function channelInMode(channel: string, mode: ChannelMode): string {
  if (mode === 'private') return channel;
  if (channel === ORDERS_CHANNEL) return PUBLIC_ORDERS_CHANNEL;
  if (channel === PRINT_JOBS_CHANNEL) return PUBLIC_PRINT_JOBS_CHANNEL;
  return channel;
}
