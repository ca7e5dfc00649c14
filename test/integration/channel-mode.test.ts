/**
 * CHANNEL_MODE=public on TicketRail's backend: the kitchen's events go out on `orders` and
 * `print-jobs`, which anyone holding the Pusher key can read without the backend's signature; the
 * agent subscribes to the names /api/agent/config gives, whether its realtime settings come from
 * that answer or were stored by Test connection.
 */
import PusherJsModule from 'pusher-js';
import { afterEach, describe, expect, it } from 'vitest';
import { startRelay } from '../../backend/relay/index.js';
import { serverSdk } from '../../backend/relay/test/helpers.js';
import { PUBLIC_ORDERS_CHANNEL, PUBLIC_PRINT_JOBS_CHANNEL } from '../../common/channel-mode.js';
import { ORDERS_CHANNEL } from '../../common/channels.js';
import { EVENT_TYPES } from '../../common/events.js';
import { AgentRealtimeConfigSchema } from '../../common/agent-config.js';
import { Resources, TEST_TOKENS, eventually, freePort, printerSettings, startTestAgent, startTestBackend, startTestPrinter } from './kitchen-harness.js';
import { relayPusherEnv } from './relay-harness.js';

type PusherJsClass = typeof import('pusher-js').default;
const PusherJs = ((PusherJsModule as unknown as { default?: PusherJsClass }).default ?? PusherJsModule) as PusherJsClass;

const resources = new Resources();
afterEach(() => resources.closeAll());

const RELAY_APP = { id: 'channel-mode', key: 'channel-mode-key', secret: 'channel-mode-secret' };

async function startPublicKitchen() {
  const relayPort = await freePort();
  const relay = await startRelay({ host: '127.0.0.1', port: relayPort, apps: [RELAY_APP] });
  resources.add(() => relay.close());
  const test = await startTestBackend(resources, { env: { ...relayPusherEnv(RELAY_APP, relayPort), CHANNEL_MODE: 'public' } });
  const sdk = serverSdk(relay, RELAY_APP);
  const subscribers = async (channel: string) => {
    const response = await sdk.get({ path: `/channels/${channel}`, params: { info: 'subscription_count' } });
    return ((await response.json()) as { subscription_count?: number }).subscription_count ?? 0;
  };
  return { ...test, relayPort, subscribers };
}

describe('CHANNEL_MODE=public', () => {
  it('names the public channels in /api/agent/config, and a subscriber without any authorization receives order events', async () => {
    const { api, relayPort } = await startPublicKitchen();
    const config = AgentRealtimeConfigSchema.parse((await api.get('/api/agent/config', TEST_TOKENS.agent)).body);
    expect(config.channels).toEqual({ orders: PUBLIC_ORDERS_CHANNEL, printJobs: PUBLIC_PRINT_JOBS_CHANNEL });

    // pusher-js with the public key only: no auth endpoint, no token.
    const anyone = new PusherJs(RELAY_APP.key, { cluster: 'local', wsHost: '127.0.0.1', wsPort: relayPort, forceTLS: false, enabledTransports: ['ws'], disableStats: true });
    resources.add(() => anyone.disconnect());
    const channel = anyone.subscribe(PUBLIC_ORDERS_CHANNEL);
    await eventually('subscribed without authorization', () => (channel.subscribed ? true : undefined));
    const received: unknown[] = [];
    channel.bind(EVENT_TYPES.orderSubmitted, (data: unknown) => received.push(data));

    const order = await api.createOrder();
    const event = await eventually('order.submitted on the public channel', () => received[0]);
    expect(event).toMatchObject({ type: EVENT_TYPES.orderSubmitted, orderId: order.id });
  });

  it('the agent subscribes to the names the backend gives and syncs, also with realtime settings stored by Test connection', async () => {
    const kitchen = await startPublicKitchen();
    const printer = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, { backendUrl: kitchen.backend.url, printers: [printerSettings(printer)] });
    await eventually('agent live', () => (agent.sync.connection.mode === 'live' ? true : undefined));
    expect(await kitchen.subscribers(PUBLIC_ORDERS_CHANNEL)).toBe(1);
    expect(await kitchen.subscribers(PUBLIC_PRINT_JOBS_CHANNEL)).toBe(1);
    expect(await kitchen.subscribers(ORDERS_CHANNEL)).toBe(0);

    const first = await kitchen.api.createOrder();
    await eventually('the order on the board', async () => ((await agent.api.getSnapshot()).orders.some((order) => order.id === first.id) ? true : undefined));

    // Test connection stores the realtime key: the next engine builds its config from the settings.
    const engine = agent.sync.engine;
    expect((await agent.api.testConnection()).ok).toBe(true);
    await agent.sync.idle();
    expect(agent.sync.engine).not.toBe(engine);
    expect(agent.settings.get().realtime.key).toBe(RELAY_APP.key);
    await eventually('the new engine live', () => (agent.sync.connection.mode === 'live' ? true : undefined));
    await eventually('one subscriber on orders', async () => ((await kitchen.subscribers(PUBLIC_ORDERS_CHANNEL)) === 1 ? true : undefined));
    expect(await kitchen.subscribers(ORDERS_CHANNEL)).toBe(0);

    const second = await kitchen.api.createOrder();
    await eventually('the second order printed', () => (printer.printed.some((job) => job.decoded.lines.some((line) => line.text.includes(second.number))) ? true : undefined));
  });
});
