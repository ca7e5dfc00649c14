import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import Pusher from 'pusher';
import type { AgentRealtimeConfig } from '../../common/agent-config.js';
import { channelInMode, kitchenChannels, type ChannelMode } from '../../common/channel-mode.js';
import type { BackendConfig } from '../config.js';
import { newSecret } from '../ids.js';
import { startRelay, type RelayStats } from '../relay/index.js';
import type { SettingsRepository } from '../repositories/settings.js';
import { inProcessClient } from './in-process-client.js';
import { PusherPublisher, type PublisherLogger, type PusherClient } from './publisher.js';
import { describeError } from '../../common/describe-error.js';

export const AUTH_PATH = '/api/pusher/auth';

/** Requests to the Pusher HTTP API give up after this, so a hung service cannot stall the queue. */
const PUBLISH_TIMEOUT_MS = 5_000;

export interface Realtime {
  mode: 'embedded' | 'external';
  publisher: PusherPublisher;
  /** The embedded relay, when this backend runs one. */
  relay?: { url: string; port: number; host: string; stats(): RelayStats };
  signChannel(socketId: string, channel: string): { auth: string };
  /** What an agent of `location` needs to connect: the service's address and that location's channels. */
  agentConfigFor(request: { hostname: string; origin: string }, location: string): AgentRealtimeConfig;
  close(): Promise<void>;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/**
 * The relay's credentials, generated once per data dir: the app id and key (public: every agent
 * gets the key) in the database, the secret in DATA_DIR/secrets.json (instance-secrets.ts).
 */
async function relayApp(settings: SettingsRepository, secret: string): Promise<{ id: string; key: string; secret: string }> {
  return {
    id: await settings.getOrCreate('relay.appId', () => String(100_000 + Math.floor(Math.random() * 900_000))),
    key: await settings.getOrCreate('relay.key', () => newSecret(10)),
    secret,
  };
}

/**
 * The SDK client publishing on the channel names of `mode` (CHANNEL_MODE): in public mode the
 * kitchen's channels are `orders` / `print-jobs`, every other channel keeps its private name.
 */
function inChannelMode(client: PusherClient, mode: ChannelMode): PusherClient {
  if (mode === 'private') return client;
  return { triggerBatch: (batch) => client.triggerBatch(batch.map((event) => ({ ...event, channel: channelInMode(event.channel, mode) }))) };
}

/**
 * Sets up publishing: the official `pusher` SDK pointed at Pusher Channels / soketi / Reverb when
 * credentials are configured, or the embedded relay started here, handed each batch in process.
 * Either way the rest of the backend sees the same publisher and the same channel signing.
 */
export async function startRealtime(
  config: BackendConfig,
  settings: SettingsRepository,
  relaySecret: string,
  logger: PublisherLogger,
): Promise<Realtime> {
  const realtime = config.realtime;
  const channelMode = config.channelMode ?? 'private';
  if (realtime.mode === 'external') {
    const agent = realtime.useTLS ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    const base = { appId: realtime.appId, key: realtime.key, secret: realtime.secret, useTLS: realtime.useTLS, agent, timeout: PUBLISH_TIMEOUT_MS };
    const client = realtime.cluster
      ? new Pusher({ ...base, cluster: realtime.cluster })
      : new Pusher({ ...base, host: realtime.host as string, ...(realtime.port !== undefined ? { port: String(realtime.port) } : {}) });
    const publisher = new PusherPublisher(inChannelMode(client, channelMode), logger);
    return {
      mode: 'external',
      publisher,
      signChannel: (socketId, channel) => client.authorizeChannel(socketId, channel),
      agentConfigFor: ({ origin }, location) => {
        // Clients connect where the service is reachable for them, which may not be where we publish.
        const reach = realtime.public ?? realtime;
        return {
          key: realtime.key,
          useTLS: reach.useTLS,
          channels: kitchenChannels(channelMode, location),
          authEndpoint: `${origin}${AUTH_PATH}`,
          embedded: false,
          ...(realtime.cluster ? { cluster: realtime.cluster } : {}),
          ...(reach.host ? { host: reach.host } : {}),
          ...(reach.port !== undefined ? { port: reach.port } : {}),
        };
      },
      close: async () => {
        await publisher.close();
        agent.destroy();
      },
    };
  }

  const app = await relayApp(settings, relaySecret);
  const relay = await startRelay({ host: config.host, port: realtime.relayPort, apps: [app], trustedProxies: realtime.trustedProxies }).catch((error: unknown) => {
    const reason = describeError(error);
    throw new Error(`the embedded relay could not listen on ${config.host}:${realtime.relayPort} (${reason}); set RELAY_PORT, 0 for any free port`);
  });
  // The SDK only signs channel subscriptions here: events go to the relay in process.
  const signer = new Pusher({ appId: app.id, key: app.key, secret: app.secret, host: relay.host, port: String(relay.port), useTLS: false });
  const publisher = new PusherPublisher(inChannelMode(inProcessClient(relay, app.id), channelMode), logger);
  return {
    mode: 'embedded',
    publisher,
    relay: { url: relay.url, port: relay.port, host: relay.host, stats: () => relay.stats() },
    signChannel: (socketId, channel) => signer.authorizeChannel(socketId, channel),
    agentConfigFor: ({ hostname, origin }, location) => ({
      key: app.key,
      // An agent on another machine must reach the relay the way it reached us.
      host: WILDCARD_HOSTS.has(relay.host) ? hostname : relay.host,
      port: relay.port,
      useTLS: false,
      channels: kitchenChannels(channelMode, location),
      authEndpoint: `${origin}${AUTH_PATH}`,
      embedded: true,
    }),
    close: async () => {
      await publisher.close();
      await relay.close();
    },
  };
}
