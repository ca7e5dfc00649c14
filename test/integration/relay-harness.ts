import type Pusher from 'pusher';
import { startRelay, type RelayApp } from '../../backend/relay/index.js';
import { serverSdk } from '../../backend/relay/test/helpers.js';
import type { TestBackend } from '../../backend/test/helpers.js';
import { ORDERS_CHANNEL } from '../../common/channels.js';
import { freePort, startTestBackend, type Resources } from './kitchen-harness.js';

const RELAY_APP = { id: 'relay-test', key: 'relay-test-key', secret: 'relay-test-secret' };

/** The backend's environment for publishing through a Pusher-protocol relay on 127.0.0.1:port. */
export function relayPusherEnv(app: Pick<RelayApp, 'id' | 'key' | 'secret'>, relayPort: number): Record<string, string> {
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
  const pusher = serverSdk(relay, RELAY_APP);
  return {
    ...test,
    pusher,
    async orderSubscribers() {
      const response = await pusher.get({ path: `/channels/${ORDERS_CHANNEL}`, params: { info: 'subscription_count' } });
      const body = (await response.json()) as { subscription_count?: number };
      return body.subscription_count ?? 0;
    },
  };
}
