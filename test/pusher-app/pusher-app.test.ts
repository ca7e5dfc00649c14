/**
 * The `pusher-app` connector against the relay and a Laravel-style app (docs/connectors.md,
 * "pusher-app"): private channel auth with a bearer header, one ticket per station, printed once
 * per order id, cancellation slips, and a refused header shown on its field.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_API, type ApiResult, type BoardSnapshot } from '../../common/kitchen-api.js';
import type { RedactedSettings } from '../../common/settings.js';
import { Resources, eventually, printerSettings, startTestPrinter } from '../integration/kitchen-harness.js';
import { SANCTUM_TOKEN, startLaravelStandIn } from './laravel-stand-in.js';
import { CHANNEL, ORDER_EVENT, STATUS_EVENT, laravelOrder, printedWith, pusherAppSettings, startPusherAppAgent, startRelayFor } from './pusher-app-harness.js';
import { WAIT_BUDGET_MS } from '../wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/** Relay, Laravel app, a kitchen and a bar printer, and the agent listening live on the app's private channel. */
async function kitchenWithTwoStations(section: Record<string, unknown> = {}) {
  const relay = await startRelayFor(resources);
  const app = await startLaravelStandIn(resources, relay);
  const kitchen = await startTestPrinter(resources);
  const bar = await startTestPrinter(resources);
  const agent = await startPusherAppAgent(resources, {
    section: pusherAppSettings(relay, app, section),
    printers: [
      { ...printerSettings(kitchen, ['kitchen']), id: 'kitchen-printer', name: 'Kitchen' },
      { ...printerSettings(bar, ['bar']), id: 'bar-printer', name: 'Bar' },
    ],
  });
  return { relay, app, kitchen, bar, agent };
}

const live = (agent: { connector: { connection: { mode: string } } }) => eventually('the agent live on the channel', () => (agent.connector.connection.mode === 'live' ? true : undefined));

describe('the pusher-app connector', () => {
  it('subscribes to a private channel through the auth endpoint with its bearer header, and prints one ticket per station', async () => {
    const { app, kitchen, bar, agent } = await kitchenWithTwoStations();
    await live(agent);
    expect(app.authRequests).toEqual([{ authorization: `Bearer ${SANCTUM_TOKEN}`, socketId: expect.stringMatching(/^\d+\.\d+$/), channel: CHANNEL }]);

    await app.broadcast(
      CHANNEL,
      ORDER_EVENT,
      laravelOrder(41, [
        { name: 'Burger', quantity: 2, station: 'kitchen', notes: 'no onion', modifiers: [{ name: 'extra cheese' }] },
        { name: 'Mojito', quantity: '1', station: 'bar' },
      ]),
    );
    const [kitchenTicket] = await kitchen.waitForJobs(1, WAIT_BUDGET_MS);
    const [barTicket] = await bar.waitForJobs(1, WAIT_BUDGET_MS);
    const kitchenText = kitchenTicket!.decoded.lines.map((line) => line.text).join('\n');
    expect(kitchenText).toMatch(/KITCHEN/);
    expect(kitchenText).toMatch(/#V-41/);
    expect(kitchenText).toMatch(/2 x Burger/);
    expect(kitchenText).toMatch(/\+ extra cheese/);
    expect(kitchenText).toMatch(/! no onion/);
    expect(kitchenText).not.toMatch(/Mojito/);
    expect(barTicket!.decoded.lines.map((line) => line.text).join('\n')).toMatch(/1 x Mojito/);

    const card = (await agent.api.getSnapshot()).orders.find((order) => order.source?.sourceOrderId === '41');
    expect(card).toMatchObject({ id: 'pusher-app:41', number: 'V-41', table: '7', status: 'submitted', source: { kind: 'pusher-app', label: 'Pusher app', from: CHANNEL } });
    expect(card?.items.map((item) => [item.qty, item.name, item.station])).toEqual([
      [2, 'Burger', 'kitchen'],
      [1, 'Mojito', 'bar'],
    ]);
    await eventually('both tickets done in the print log', async () => ((await agent.api.printLog({ limit: 10 })).filter((job) => job.status === 'done').length === 2 ? true : undefined));
  });

  it('prints an order id once, however often the app broadcasts it', async () => {
    const { app, kitchen, agent } = await kitchenWithTwoStations();
    await live(agent);
    const order = laravelOrder(42, [{ name: 'Soup of the day', quantity: 1 }]);
    // Twice at once (a queue retrying), and again once it printed (the app broadcasting it again).
    await app.broadcast(CHANNEL, ORDER_EVENT, order);
    await app.broadcast(CHANNEL, ORDER_EVENT, order);
    await eventually('the ticket printed', async () => ((await agent.api.printLog({ limit: 10 })).some((job) => job.status === 'done') ? true : undefined));
    await app.broadcast(CHANNEL, ORDER_EVENT, order);
    // Events are handled in the order they came: once the next order printed, every copy of 42 was handled.
    await app.broadcast(CHANNEL, ORDER_EVENT, laravelOrder(43, [{ name: 'Bread', quantity: 1 }]));
    await eventually('the next order printed', () => (printedWith(kitchen, 'Bread').length === 1 ? true : undefined));
    await agent.pipeline.idle();
    // No station given: every item goes to kitchen.
    expect(printedWith(kitchen, 'Soup of the day')).toHaveLength(1);
    expect((await agent.api.getSnapshot()).orders.filter((card) => card.source?.sourceOrderId === '42')).toHaveLength(1);
  });

  it('takes a cancellation off the rail and prints a cancellation slip where the tickets went, once', async () => {
    const { app, kitchen, bar, agent } = await kitchenWithTwoStations();
    await live(agent);
    await app.broadcast(CHANNEL, ORDER_EVENT, laravelOrder(44, [{ name: 'Steak', quantity: 1, station: 'kitchen' }, { name: 'Beer', quantity: 2, station: 'bar' }]));
    await kitchen.waitForJobs(1, WAIT_BUDGET_MS);
    await bar.waitForJobs(1, WAIT_BUDGET_MS);
    await eventually('both tickets printed', async () => ((await agent.api.printLog({ limit: 10 })).filter((job) => job.status === 'done').length === 2 ? true : undefined));

    const cancellation = { order: { id: 44, status: 'declined' } };
    await app.broadcast(CHANNEL, STATUS_EVENT, cancellation);
    await app.broadcast(CHANNEL, STATUS_EVENT, cancellation);
    const [kitchenSlip] = (await kitchen.waitForJobs(2, WAIT_BUDGET_MS)).slice(1);
    const [barSlip] = (await bar.waitForJobs(2, WAIT_BUDGET_MS)).slice(1);
    for (const slip of [kitchenSlip!, barSlip!]) expect(slip.decoded.lines.map((line) => line.text).join('\n')).toMatch(/CANCELLED[\s\S]*#V-44/);
    expect(printedWith(kitchen, 'Steak')).toHaveLength(2);
    await eventually('the card off the rail', async () => ((await agent.api.getSnapshot()).orders.some((card) => card.id === 'pusher-app:44') ? undefined : true));
    // The same cancellation again prints nothing more: one slip per ticket.
    await app.broadcast(CHANNEL, ORDER_EVENT, laravelOrder(45, [{ name: 'Espresso', quantity: 1, station: 'bar' }]));
    await eventually('the next order printed', () => (printedWith(bar, 'Espresso').length === 1 ? true : undefined));
    expect(printedWith(kitchen, 'CANCELLED')).toHaveLength(1);
    expect(printedWith(bar, 'CANCELLED')).toHaveLength(1);
  });

  it('never prints a ticket the app cancelled before it went out, and prints no slip for it', async () => {
    const { app, kitchen, agent } = await kitchenWithTwoStations();
    await live(agent);
    await kitchen.setMode('refusing');
    await app.broadcast(CHANNEL, ORDER_EVENT, laravelOrder(46, [{ name: 'Risotto', quantity: 1 }]));
    await eventually('the ticket waiting for its printer', () => (agent.cache.getJob('pusher-app:46#0')?.localError ? true : undefined));
    await app.broadcast(CHANNEL, STATUS_EVENT, { order: { id: 46, status: 'cancelled' } });
    await eventually('the card cancelled', () => (agent.cache.getOrder('pusher-app:46')?.order.status === 'cancelled' ? true : undefined));
    await kitchen.setMode('ok');
    await app.broadcast(CHANNEL, ORDER_EVENT, laravelOrder(47, [{ name: 'Tiramisu', quantity: 1 }]));
    await eventually('the next order printed', () => (printedWith(kitchen, 'Tiramisu').length === 1 ? true : undefined));
    await agent.pipeline.idle();
    expect(printedWith(kitchen, 'Risotto')).toEqual([]);
    expect(printedWith(kitchen, 'CANCELLED')).toEqual([]);
    expect(agent.cache.getJob('pusher-app:46#0')?.localState).toBe('lost');
  });

  it('shows a refused auth header on that field, and says so on the connection banner', async () => {
    const { agent } = await kitchenWithTwoStations({ authHeaders: { Authorization: 'Bearer 1|a-token-of-someone-else' } });
    await eventually('the refusal on the banner', () => (/auth endpoint refused .*403/.test(agent.connector.connection.detail ?? '') ? true : undefined));
    expect(agent.connector.connection.mode).toBe('offline');
    const result = await agent.api.testConnection();
    expect(result.ok).toBe(false);
    expect(result.error?.details).toEqual({ issues: [{ path: ['pusherApp', 'authHeaders', 'Authorization'], message: expect.stringMatching(/refused .*403/) }] });
    expect(JSON.stringify(result)).not.toContain('someone-else');
  });

  it('answers getSnapshot and getSettings on its local API: the cards, and runningConnector pusher-app with the header redacted', async () => {
    const { app, kitchen, agent } = await kitchenWithTwoStations();
    await live(agent);
    await app.broadcast(CHANNEL, ORDER_EVENT, laravelOrder(48, [{ name: 'Pho', quantity: 1 }]));
    await kitchen.waitForJobs(1, WAIT_BUDGET_MS);
    const call = async <T>(method: string): Promise<T> => {
      const response = await fetch(`${agent.localApiUrl}${LOCAL_API.prefix}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const result = (await response.json()) as ApiResult<T>;
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    expect((await call<BoardSnapshot>('getSnapshot')).orders.map((order) => order.id)).toContain('pusher-app:48');
    const settings = await call<RedactedSettings>('getSettings');
    expect(settings).toMatchObject({ connector: 'pusher-app', runningConnector: 'pusher-app', pusherApp: { channel: CHANNEL, authHeadersSet: ['Authorization'] } });
    expect(JSON.stringify(settings)).not.toContain(SANCTUM_TOKEN);
    expect(settings.connectors.find((entry) => entry.name === 'pusher-app')?.form?.key).toBe('pusherApp');
  });
});
