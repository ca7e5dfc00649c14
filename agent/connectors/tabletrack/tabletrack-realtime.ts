import type { Options as PusherJsOptions } from 'pusher-js';
import { pusherEndpointOptions } from '../../util/pusher-channels.js';
import { TABLETRACK_REALTIME_DEFAULTS, type TestConnectionAnswer } from './tabletrack-contract.js';

/**
 * Where the agent's own settings point Pusher when TableTrack's install runs a Pusher-compatible
 * server (soketi, Laravel Reverb, TicketRail's relay): test-connection names only a key and a
 * cluster, never a host.
 */
export interface PusherHostOverride {
  host?: string;
  port?: number;
  useTLS?: boolean;
}

export interface RealtimeSubscription {
  channel: string;
  event: string;
  /** TableTrack broadcasts on public channels; a private or presence name would need an auth endpoint it lacks. */
  visibility: 'public' | 'private' | 'presence';
}

/** How to listen to a TableTrack install: pusher-js connection settings and what to bind. */
export interface TableTrackRealtimePlan {
  key: string;
  cluster: string;
  host?: string;
  port?: number;
  useTLS: boolean;
  /** The doorbell: `print-job.created` on `print-jobs` unless test-connection names others. */
  printJobs: RealtimeSubscription;
  /** Shown on cards: `order.updated` on `orders` (fixed in TableTrack's OrderUpdated event). */
  orders: RealtimeSubscription;
}

export function channelVisibility(channel: string): RealtimeSubscription['visibility'] {
  if (channel.startsWith('presence-')) return 'presence';
  if (channel.startsWith('private-')) return 'private';
  return 'public';
}

/**
 * The plan from test-connection's answer and the settings' override; undefined when TableTrack has
 * Pusher off (or names no key): then the agent polls. Without an override the connection is TLS
 * to the cluster, as Pusher's hosted service wants; an override says for itself whether it is TLS.
 */
export function tableTrackRealtimePlan(answer: TestConnectionAnswer, override: PusherHostOverride = {}): TableTrackRealtimePlan | undefined {
  const config = answer.pusher_config;
  if (!answer.pusher_enabled || !config) return undefined;
  return {
    key: config.key,
    cluster: config.cluster,
    ...(override.host ? { host: override.host } : {}),
    ...(override.port ? { port: override.port } : {}),
    useTLS: override.useTLS ?? true,
    printJobs: { channel: config.channel, event: config.event, visibility: channelVisibility(config.channel) },
    orders: {
      channel: TABLETRACK_REALTIME_DEFAULTS.ordersChannel,
      event: TABLETRACK_REALTIME_DEFAULTS.orderUpdatedEvent,
      visibility: 'public',
    },
  };
}

/** pusher-js options for the plan. Public channels only, so no channel authorization is configured. */
export function pusherJsOptions(plan: TableTrackRealtimePlan): PusherJsOptions {
  return pusherEndpointOptions(plan);
}
