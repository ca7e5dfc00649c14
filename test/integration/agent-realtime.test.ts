import { afterEach, describe, expect, it } from 'vitest';
import { ORDERS_CHANNEL } from '../../common/channels.js';
import { EVENT_TYPES } from '../../common/events.js';
import { Resources, eventually, printerSettings, startTestAgent, startTestPrinter } from './kitchen-harness.js';
import { watchCrashes } from './process-watch.js';
import { startRelayedBackend } from './relay-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('agent realtime link', () => {
  it('ignores a realtime message that is not JSON (or not an event) and still applies the next event', async () => {
    const crashes = watchCrashes(resources);
    const relayed = await startRelayedBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: relayed.backend.url, printers: [] });
    await eventually('agent live', () => (agent.sync().connection.mode === 'live' ? true : undefined), 10_000);
    const engine = agent.sync();

    // Anyone holding the app's credentials (or a buggy publisher) can put this on the channel.
    await relayed.pusher.trigger(ORDERS_CHANNEL, EVENT_TYPES.orderSubmitted, '{"seq": 1, oops');
    await relayed.pusher.trigger(ORDERS_CHANNEL, EVENT_TYPES.orderSubmitted, { hello: 'not an event' });
    const order = await relayed.api.createOrder();

    // Well inside the 10 s live safety catch-up: the event came through the same, still open link.
    await eventually('the next order on the board', async () => ((await agent.api.getSnapshot()).orders.some((o) => o.id === order.id) ? true : undefined), 3_000);
    expect(agent.sync()).toBe(engine);
    expect(agent.sync().connection.mode).toBe('live');
    expect(await relayed.orderSubscribers()).toBe(1);
    expect(crashes).toEqual([]);
  });
});

describe('agent settings changes', () => {
  it('two saves back to back leave exactly one live connection, and close() leaves none', async () => {
    const relayed = await startRelayedBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: relayed.backend.url, printers: [] });
    await eventually('agent live', () => (agent.sync().connection.mode === 'live' ? true : undefined), 10_000);
    const first = agent.sync();
    const realtime = agent.settings.get().realtime;

    // The settings form saved twice in a breath (a double click, or Save then Test connection).
    await agent.api.saveSettings({ realtime: { ...realtime, pollIntervalMs: 2000 } });
    await agent.api.saveSettings({ realtime: { ...realtime, pollIntervalMs: 2500 } });

    await eventually('a new engine, live', () => (agent.sync() !== first && agent.sync().connection.mode === 'live' ? true : undefined), 10_000);
    // Give an orphan engine time to connect and subscribe too, if there were one.
    await sleep(1_500);
    expect(await relayed.orderSubscribers()).toBe(1);
    const order = await relayed.api.createOrder();
    await eventually('order on the board', async () => ((await agent.api.getSnapshot()).orders.some((o) => o.id === order.id) ? true : undefined));

    await agent.close();
    await eventually('no connection left after close', async () => ((await relayed.orderSubscribers()) === 0 ? true : undefined));
  });

  it('keeps the connection when only sound, display or printers change', async () => {
    const relayed = await startRelayedBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: relayed.backend.url, printers: [] });
    await eventually('agent live', () => (agent.sync().connection.mode === 'live' ? true : undefined), 10_000);
    const engine = agent.sync();

    await agent.api.saveSettings({ sound: { enabled: false, volume: 0.3 } });
    await agent.api.saveSettings({ display: { amberAfterMin: 3, redAfterMin: 6, fontScale: 1.5, stations: [] } });
    // A real change of printers (the agent started with none).
    await agent.api.saveSettings({ printers: [printerSettings(await startTestPrinter(resources))] });
    expect(agent.settings.get().printers).toHaveLength(1);
    // A restart, were one started, replaces the engine within a few milliseconds.
    await sleep(500);
    expect(agent.sync()).toBe(engine);
    expect(engine.connection.mode).toBe('live');
    expect(await relayed.orderSubscribers()).toBe(1);
  });

  it('close() right after a save waits for the restart and leaves nothing running', async () => {
    const crashes = watchCrashes(resources);
    const relayed = await startRelayedBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: relayed.backend.url, printers: [] });
    await eventually('agent live', () => (agent.sync().connection.mode === 'live' ? true : undefined), 10_000);

    await agent.api.saveSettings({ realtime: { ...agent.settings.get().realtime, pollIntervalMs: 2000 } });
    // Straight away, with the restart still under way (the window or the CLI quitting).
    await agent.close();
    await eventually('no connection left after close', async () => ((await relayed.orderSubscribers()) === 0 ? true : undefined));
    // An engine started behind close()'s back would connect and subscribe within this.
    await sleep(1_500);
    expect(await relayed.orderSubscribers()).toBe(0);
    expect(crashes).toEqual([]);
  });
});
