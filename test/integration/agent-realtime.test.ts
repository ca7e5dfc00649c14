import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KEY_MAP } from '../../common/key-map.js';
import { ORDERS_CHANNEL } from '../../common/channels.js';
import { EVENT_TYPES } from '../../common/events.js';
import { Resources, TEST_TOKENS, eventually, printerSettings, startTestAgent, startTestBackend, startTestPrinter } from './kitchen-harness.js';
import { ManualClock } from './manual-clock.js';
import { watchCrashes } from './process-watch.js';
import { startRelayedBackend } from './relay-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

describe('agent realtime link', () => {
  it('ignores a realtime message that is not JSON (or not an event) and still applies the next event', async () => {
    const crashes = watchCrashes(resources);
    const relayed = await startRelayedBackend(resources);
    // Time stands still for the agent: no poll and no live safety catch-up can fetch the order, so
    // it reaches the board through the realtime link or not at all.
    const clock = new ManualClock();
    const agent = await startTestAgent(resources, { backendUrl: relayed.backend.url, printers: [], clock });
    await eventually('agent live', () => (agent.sync.connection.mode === 'live' ? true : undefined));
    const engine = agent.sync.engine;

    // Anyone holding the app's credentials (or a buggy publisher) can put this on the channel.
    await relayed.pusher.trigger(ORDERS_CHANNEL, EVENT_TYPES.orderSubmitted, '{"seq": 1, oops');
    await relayed.pusher.trigger(ORDERS_CHANNEL, EVENT_TYPES.orderSubmitted, { hello: 'not an event' });
    const order = await relayed.api.createOrder();

    await eventually('the next order on the board', async () => ((await agent.api.getSnapshot()).orders.some((o) => o.id === order.id) ? true : undefined));
    expect(agent.sync.engine).toBe(engine);
    expect(agent.sync.connection.mode).toBe('live');
    expect(await relayed.orderSubscribers()).toBe(1);
    expect(crashes).toEqual([]);
  });
});

describe('agent settings changes', () => {
  it('two saves back to back leave exactly one live connection, and close() leaves none', async () => {
    const relayed = await startRelayedBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: relayed.backend.url, printers: [] });
    await eventually('agent live', () => (agent.sync.connection.mode === 'live' ? true : undefined));
    const first = agent.sync.engine;
    const realtime = agent.settings.get().realtime;

    // The settings form saved twice in a breath (a double click, or Save then Test connection).
    await agent.api.saveSettings({ realtime: { ...realtime, pollIntervalMs: 2000 } });
    await agent.api.saveSettings({ realtime: { ...realtime, pollIntervalMs: 2500 } });
    // Both replacements asked for are done: every engine there will be has been started (an orphan
    // too, were there one) and the supervisor knows of it until it is stopped.
    await agent.sync.idle();
    expect(agent.sync.engine).not.toBe(first);
    expect(agent.sync.runningEngines).toBe(1);

    await eventually('the new engine live', () => (agent.sync.connection.mode === 'live' ? true : undefined));
    await eventually('one subscriber: the old connection gone', async () => ((await relayed.orderSubscribers()) === 1 ? true : undefined));
    const order = await relayed.api.createOrder();
    await eventually('order on the board', async () => ((await agent.api.getSnapshot()).orders.some((o) => o.id === order.id) ? true : undefined));

    await agent.close();
    expect(agent.sync.runningEngines).toBe(0);
    await eventually('no connection left after close', async () => ((await relayed.orderSubscribers()) === 0 ? true : undefined));
  });

  it('keeps the connection when only sound, display or printers change', async () => {
    const relayed = await startRelayedBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: relayed.backend.url, printers: [] });
    await eventually('agent live', () => (agent.sync.connection.mode === 'live' ? true : undefined));
    const engine = agent.sync.engine;

    await agent.api.saveSettings({ sound: { enabled: false, volume: 0.3 } });
    await agent.api.saveSettings({ display: { language: 'en', amberAfterMin: 3, redAfterMin: 6, fontScale: 1.5, stations: [], screenNames: false, screenReadyMinutes: 10, keys: DEFAULT_KEY_MAP, allergyWords: [] } });
    // A real change of printers (the agent started with none).
    await agent.api.saveSettings({ printers: [printerSettings(await startTestPrinter(resources))] });
    expect(agent.settings.get().printers).toHaveLength(1);
    // Every save's restart decision has been taken.
    await agent.sync.idle();
    expect(agent.sync.engine).toBe(engine);
    expect(agent.sync.runningEngines).toBe(1);
    expect(engine.connection.mode).toBe('live');
    expect(await relayed.orderSubscribers()).toBe(1);
  });

  it('close() right after a save waits for the restart and leaves nothing running', async () => {
    const crashes = watchCrashes(resources);
    const relayed = await startRelayedBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: relayed.backend.url, printers: [] });
    await eventually('agent live', () => (agent.sync.connection.mode === 'live' ? true : undefined));

    await agent.api.saveSettings({ realtime: { ...agent.settings.get().realtime, pollIntervalMs: 2000 } });
    // Straight away, with the restart still under way (the window or the CLI quitting).
    await agent.close();
    // No engine started behind close()'s back: none is running, so none can connect later.
    expect(agent.sync.runningEngines).toBe(0);
    await agent.sync.idle();
    expect(agent.sync.runningEngines).toBe(0);
    await eventually('no connection left after close', async () => ((await relayed.orderSubscribers()) === 0 ? true : undefined));
    expect(crashes).toEqual([]);
  });

  it('after a move to another backend, actions go there and are confirmed through the new engine', async () => {
    const first = await startTestBackend(resources);
    const second = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: first.backend.url, printers: [] });
    await eventually('agent live', () => (agent.sync.connection.mode === 'live' ? true : undefined));
    const firstEngine = agent.sync.engine;

    await agent.api.saveSettings({ backendUrl: second.backend.url, agentToken: TEST_TOKENS.agent });
    await agent.sync.idle();
    expect(agent.sync.engine).not.toBe(firstEngine);
    await eventually('live on the new backend', () => (agent.sync.connection.mode === 'live' ? true : undefined));

    const order = await second.api.createOrder();
    await eventually('card from the new backend', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === order.id));
    // Taken while the new engine is live: not an offline change.
    const shown = await agent.api.orderAction({ orderId: order.id, to: 'accepted' });
    expect(shown).toMatchObject({ status: 'accepted', unconfirmed: false });
    await agent.outbox.kick();
    expect((await second.api.get<{ status: string }>(`/api/orders/${order.id}`, TEST_TOKENS.admin)).body.status).toBe('accepted');
    // The backend's answer is what the cache holds now.
    expect(agent.cache.getOrder(order.id)).toMatchObject({ order: { status: 'accepted', version: 2 }, unconfirmed: false });
    expect(agent.cache.outbox()).toEqual([]);
  });
});
