/**
 * A chain's location: an agent given a token of location `north` subscribes to the channels the
 * backend names for it (`private-loc-north-orders`, `private-loc-north-print-jobs`) with no new
 * setting, prints north's tickets and never sees another location's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startRelay } from '../../backend/relay/index.js';
import { serverSdk } from '../../backend/relay/test/helpers.js';
import { makeLocation } from '../../backend/test/chain.js';
import { ORDERS_CHANNEL, PRINT_JOBS_CHANNEL } from '../../common/channels.js';
import type { OrderCreated } from '../../common/order.js';
import { Resources, TEST_TOKENS, eventually, freePort, printerSettings, sampleInput, startTestAgent, startTestBackend, startTestPrinter } from './kitchen-harness.js';
import { relayPusherEnv } from './relay-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const RELAY_APP = { id: 'location-agent', key: 'location-agent-key', secret: 'location-agent-secret' };

describe('an agent of a location', () => {
  it('follows the channel names /api/agent/config gives its token, and prints its location\'s tickets only', async () => {
    const relayPort = await freePort();
    const relay = await startRelay({ host: '127.0.0.1', port: relayPort, apps: [RELAY_APP] });
    resources.add(() => relay.close());
    const kitchen = await startTestBackend(resources, { env: relayPusherEnv(RELAY_APP, relayPort) });
    const north = await makeLocation(kitchen.dataDir, 'north');
    const sdk = serverSdk(relay, RELAY_APP);
    const subscribers = async (channel: string) => {
      const response = await sdk.get({ path: `/channels/${channel}`, params: { info: 'subscription_count' } });
      return ((await response.json()) as { subscription_count?: number }).subscription_count ?? 0;
    };

    const printer = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, { backendUrl: kitchen.backend.url, agentToken: north.agent, agentId: 'north-pass', printers: [printerSettings(printer)] });
    await eventually('agent live', () => (agent.sync.connection.mode === 'live' ? true : undefined));
    expect(await subscribers('private-loc-north-orders')).toBe(1);
    expect(await subscribers('private-loc-north-print-jobs')).toBe(1);
    expect(await subscribers(ORDERS_CHANNEL)).toBe(0);
    expect(await subscribers(PRINT_JOBS_CHANNEL)).toBe(0);

    const elsewhere = await kitchen.api.createOrder();
    const ours = (await kitchen.api.post<OrderCreated>('/api/orders', north.pos, sampleInput({ table: '4' }))).body;
    await eventually('north\'s ticket printed', () => (printer.printed.some((job) => job.decoded.lines.some((line) => line.text.includes(ours.number))) ? true : undefined));
    const board = await agent.api.getSnapshot();
    expect(board.orders.map((order) => order.id)).toEqual([ours.id]);
    expect(board.orders.some((order) => order.id === elsewhere.id)).toBe(false);
    // Both orders are A-001 of their own location; default's tickets were never claimed by north's agent.
    const defaultJobs = await kitchen.api.get<{ jobs: { status: string }[] }>(`/api/print-jobs?orderId=${elsewhere.id}`, TEST_TOKENS.agent);
    expect(defaultJobs.body.jobs.map((job) => job.status)).toEqual(['pending', 'pending']);
  });
});
