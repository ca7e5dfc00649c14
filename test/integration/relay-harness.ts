import Pusher from 'pusher';
import { startRelay, type RunningRelay } from '../../backend/relay/index.js';
import type { TestBackend } from '../../backend/test/helpers.js';
import { ORDERS_CHANNEL } from '../../common/channels.js';
import { freePort, startTestBackend, type Resources } from './kitchen-harness.js';

const RELAY_APP = { id: 'relay-test', key: 'relay-test-key', secret: 'relay-test-secret' };

export interface RelayApp {
  id: string;
  key: string;
  secret: string;
}

/** The backend's environment for publishing through a Pusher-protocol relay on 127.0.0.1:port. */
export function relayPusherEnv(app: RelayApp, relayPort: number): Record<string, string> {
  return {
    PUSHER_APP_ID: app.id,
    PUSHER_KEY: app.key,
    PUSHER_SECRET: app.secret,
    PUSHER_HOST: '127.0.0.1',
    PUSHER_PORT: String(relayPort),
    PUSHER_USE_TLS: 'false',
  };
}

export interface RelayedBackend extends TestBackend {
  relay: RunningRelay;
  /** The server SDK with the relay's credentials: what the backend itself publishes with. */
  pusher: Pusher;
  /** Connections subscribed to the orders channel, as the relay's HTTP API counts them. */
  orderSubscribers(): Promise<number>;
}

/**
 * The real backend publishing through a relay this test holds the credentials of, so the test can
 * trigger events and ask the relay's HTTP API about channels, as a Pusher-protocol service allows.
 */
export async function startRelayedBackend(resources: Resources): Promise<RelayedBackend> {
  const relayPort = await freePort();
  const relay = await startRelay({ port: relayPort, apps: [RELAY_APP] });
  resources.add(() => relay.close());
  const test = await startTestBackend(resources, { env: relayPusherEnv(RELAY_APP, relayPort) });
  const pusher = new Pusher({ appId: RELAY_APP.id, key: RELAY_APP.key, secret: RELAY_APP.secret, host: '127.0.0.1', port: String(relayPort), useTLS: false });
  return {
    ...test,
    relay,
    pusher,
    async orderSubscribers() {
      const response = await pusher.get({ path: `/channels/${ORDERS_CHANNEL}`, params: { info: 'subscription_count' } });
      const body = (await response.json()) as { subscription_count?: number };
      return body.subscription_count ?? 0;
    },
  };
}
