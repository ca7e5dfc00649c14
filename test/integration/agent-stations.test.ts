import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { EVENT_TYPES, EventsPageSchema, type TicketEvent } from '../../common/events.js';
import { OrderSchema, type Order } from '../../common/order.js';
import type { TestBackend } from '../../backend/test/helpers.js';
import { Resources, TEST_TOKENS, eventually, freePort, sampleInput, startTestAgent, startTestBackend, tempDir } from './kitchen-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

async function backendOrder(test: TestBackend, id: string): Promise<Order> {
  return OrderSchema.parse((await test.api.get(`/api/orders/${id}`, TEST_TOKENS.agent)).body);
}

async function eventsOf(test: TestBackend, orderId: string): Promise<TicketEvent[]> {
  const log = EventsPageSchema.parse((await test.api.get('/api/events?after=0&limit=1000', TEST_TOKENS.agent)).body).events;
  return log.filter((event) => 'orderId' in event && event.orderId === orderId && !event.type.startsWith('print-job'));
}

const stationStates = (order: Pick<Order, 'stations'>) => Object.fromEntries((order.stations ?? []).map((entry) => [entry.station, entry.status]));

describe('the agent bumps stations (issue 19)', () => {
  it('bumps the bar alone, then the kitchen makes the order ready once; recalls a station; refuses a station the order lacks and a cancelled order', async () => {
    const test = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: test.backend.url, printers: [] });
    // kitchen: a burger, bar: a beer.
    const created = await test.api.createOrder(sampleInput());
    await eventually('card on the board', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === created.id));

    const afterBar = await agent.api.bumpStation({ orderId: created.id, station: 'bar' });
    expect(afterBar).toMatchObject({ status: 'accepted' });
    expect(stationStates(afterBar)).toEqual({ kitchen: 'pending', bar: 'ready' });
    await eventually('bar delivered', () => (agent.cache.outbox().length === 0 ? true : undefined));
    const atBackend = await backendOrder(test, created.id);
    expect(atBackend.status).toBe('accepted');
    expect(stationStates(atBackend)).toEqual({ kitchen: 'pending', bar: 'ready' });

    const afterKitchen = await agent.api.bumpStation({ orderId: created.id, station: 'kitchen' });
    expect(afterKitchen.status).toBe('ready');
    await eventually('kitchen delivered', async () => ((await backendOrder(test, created.id)).status === 'ready' ? true : undefined));
    const log = await eventsOf(test, created.id);
    expect(log.filter((event) => event.type === EVENT_TYPES.orderStatusChanged && event.to === 'ready')).toHaveLength(1);
    expect(log.filter((event) => event.type === EVENT_TYPES.orderStationReady).map((event) => 'station' in event && event.station)).toEqual(['bar', 'kitchen']);
    // The agent's cache, from the events alone, holds the backend's order.
    await eventually('events applied', () => (agent.cache.getOrder(created.id)?.order.version === atBackend.version + 2 ? true : undefined));
    expect(stationStates(agent.cache.getOrder(created.id)!.order)).toEqual({ kitchen: 'ready', bar: 'ready' });

    // The kitchen bumped by mistake: back to pending, and the order back to accepted.
    const recalled = await agent.api.recallStation({ orderId: created.id, station: 'kitchen' });
    expect(recalled.status).toBe('accepted');
    expect(stationStates(recalled)).toEqual({ kitchen: 'pending', bar: 'ready' });
    await eventually('recall delivered', async () => ((await backendOrder(test, created.id)).status === 'accepted' ? true : undefined));

    await expect(agent.api.bumpStation({ orderId: created.id, station: 'grill' })).rejects.toMatchObject({
      code: ERROR_CODES.ORDER_STATION_NOT_FOUND,
      details: { stations: ['kitchen', 'bar'] },
    });
    await agent.api.orderAction({ orderId: created.id, to: 'cancelled', reason: 'walked out' });
    await expect(agent.api.bumpStation({ orderId: created.id, station: 'kitchen' })).rejects.toMatchObject({ code: ERROR_CODES.ORDER_TRANSITION_INVALID });
  });

  it('queues a station bump made offline and delivers it once when the backend is back', async () => {
    const port = await freePort();
    const dataDir = tempDir(resources);
    const env = { PORT: String(port), RELAY_PORT: String(await freePort()) };
    const first = await startTestBackend(resources, { dataDir, env });
    const agent = await startTestAgent(resources, { backendUrl: first.backend.url, printers: [], pollIntervalMs: 1000 });
    const created = await first.api.createOrder(sampleInput());
    await eventually('card on the board', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === created.id));

    await first.backend.close();
    await eventually('agent offline', () => (agent.sync.connection.mode === 'offline' ? true : undefined));
    const shown = await agent.api.bumpStation({ orderId: created.id, station: 'bar' });
    expect(shown).toMatchObject({ status: 'accepted', unconfirmed: true, pendingActions: 1 });
    expect(stationStates(shown)).toEqual({ kitchen: 'pending', bar: 'ready' });
    // A second tap on the same chip while offline queues nothing more: the bar is ready already.
    await agent.api.bumpStation({ orderId: created.id, station: 'bar' });
    expect(agent.cache.outbox()).toHaveLength(1);

    const back = await startTestBackend(resources, { dataDir, env });
    await eventually('delivered', () => (agent.cache.outbox().length === 0 ? true : undefined));
    const delivered = await backendOrder(back, created.id);
    expect(delivered.status).toBe('accepted');
    expect(stationStates(delivered)).toEqual({ kitchen: 'pending', bar: 'ready' });
    expect((await eventsOf(back, created.id)).filter((event) => event.type === EVENT_TYPES.orderStationReady)).toHaveLength(1);
    await eventually('confirmed', () => (agent.cache.getOrder(created.id)?.unconfirmed === false ? true : undefined));
  });

  it('lists the orders served last, the most recent first, and brings one back to ready', async () => {
    const test = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: test.backend.url, printers: [] });
    const orders = [await test.api.createOrder(sampleInput()), await test.api.createOrder(sampleInput())];
    for (const order of orders) {
      await eventually('card', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === order.id));
      await agent.api.orderAction({ orderId: order.id, to: 'accepted' });
      await agent.api.orderAction({ orderId: order.id, to: 'ready' });
      await agent.api.orderAction({ orderId: order.id, to: 'completed' });
      await eventually('completed at the backend', async () => ((await backendOrder(test, order.id)).status === 'completed' ? true : undefined));
    }
    await eventually('both in the cache as completed', async () => ((await agent.api.recentlyCompleted()).length === 2 ? true : undefined));
    expect((await agent.api.recentlyCompleted()).map((order) => order.id)).toEqual([orders[1]!.id, orders[0]!.id]);

    const back = await agent.api.recallOrder({ orderId: orders[0]!.id });
    expect(back.status).toBe('ready');
    expect((await agent.api.getSnapshot()).orders.map((order) => order.id)).toContain(orders[0]!.id);
    await eventually('ready at the backend', async () => ((await backendOrder(test, orders[0]!.id)).status === 'ready' ? true : undefined));
    expect((await agent.api.recentlyCompleted()).map((order) => order.id)).toEqual([orders[1]!.id]);
    // Only a served order comes back.
    await expect(agent.api.recallOrder({ orderId: orders[0]!.id })).rejects.toMatchObject({ code: ERROR_CODES.ORDER_TRANSITION_INVALID });
  });
});
