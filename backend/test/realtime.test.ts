import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentRealtimeConfigSchema } from '../../common/agent-config.js';
import { ORDERS_CHANNEL, PRINT_JOBS_CHANNEL, orderChannel } from '../../common/channels.js';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema, type TicketEvent } from '../../common/events.js';
import { BackendHealthSchema } from '../../common/health.js';
import {
  Resources,
  TEST_TOKENS,
  collectEvents,
  eventually,
  freePort,
  pusherClient,
  sampleInput,
  startTestBackend,
  subscribe,
  type TestBackend,
} from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

async function allEvents(test: TestBackend, after = 0): Promise<TicketEvent[]> {
  const page = EventsPageSchema.parse((await test.api.get(`/api/events?after=${after}&limit=1000`, TEST_TOKENS.agent)).body);
  return page.events;
}

function channelAuth(test: TestBackend, token: string | undefined, channel: string, socketId = '1234.5678') {
  return test.api.request('POST', '/api/pusher/auth', {
    ...(token !== undefined ? { token } : {}),
    raw: new URLSearchParams({ socket_id: socketId, channel_name: channel }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

describe('realtime: events reach a real pusher-js subscriber through the embedded relay', () => {
  it('delivers every event of both kitchen channels in seq order, identical to the log', async () => {
    const test = await startTestBackend(resources);
    const client = await pusherClient(resources, test, TEST_TOKENS.agent);
    const received: TicketEvent[] = [];
    // One connection, two channels: the arrival order across both must follow seq.
    for (const name of [ORDERS_CHANNEL, PRINT_JOBS_CHANNEL]) {
      const channel = await subscribe(client, name);
      channel.bind_global((event: string, data: TicketEvent) => {
        if (!event.startsWith('pusher:')) received.push(data);
      });
    }

    // Concurrent requests: events pile up behind the one publish in flight and leave in batches.
    const orders = await Promise.all(Array.from({ length: 15 }, () => test.api.createOrder()));
    const accepted = await Promise.all(
      orders.slice(0, 5).map((order) => test.api.post(`/api/orders/${order.id}/transitions`, TEST_TOKENS.agent, { to: 'accepted' })),
    );
    expect(accepted.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    const log = await allEvents(test);
    // 15 submissions + 30 ticket jobs (kitchen and bar) + 5 status changes.
    expect(log).toHaveLength(15 + 30 + 5);
    await eventually('all events delivered', () => (received.length >= log.length ? true : undefined));

    expect(received.map((e) => e.seq)).toEqual(log.map((e) => e.seq));
    expect(received).toEqual(log);
    expect(test.backend.publisherStats()).toMatchObject({ published: log.length, failed: 0 });
  });

  it('lets a client that missed events catch up from /api/events, in pages', async () => {
    const test = await startTestBackend(resources);
    const client = await pusherClient(resources, test, TEST_TOKENS.agent);
    const channel = await subscribe(client, ORDERS_CHANNEL);
    const seen = collectEvents(channel);
    await test.api.createOrder();
    await eventually('first event', () => (seen.length === 1 ? true : undefined));
    const lastSeen = seen[0]?.seq ?? 0;

    client.disconnect();
    for (let i = 0; i < 4; i += 1) await test.api.createOrder();

    const firstPage = EventsPageSchema.parse((await test.api.get(`/api/events?after=${lastSeen}&limit=5`, TEST_TOKENS.agent)).body);
    expect(firstPage.events).toHaveLength(5);
    expect(firstPage.lastSeq).toBe(lastSeen + 2 + 4 * 3);
    const rest = await allEvents(test, firstPage.events.at(-1)?.seq);
    const caughtUp = [...firstPage.events, ...rest];
    expect(caughtUp.map((e) => e.seq)).toEqual(Array.from({ length: 14 }, (_, i) => lastSeen + 1 + i));
    expect(caughtUp.filter((e) => e.type === 'order.submitted')).toHaveLength(4);
    expect(seen).toHaveLength(1);
  });

  it('gives a customer its own order channel and nothing else', async () => {
    const test = await startTestBackend(resources);
    const mine = await test.api.createOrder();
    const other = await test.api.createOrder();
    const customer = await pusherClient(resources, test, mine.customerToken);
    const channel = await subscribe(customer, orderChannel(mine.id));
    const seen = collectEvents(channel);

    await test.api.post(`/api/orders/${other.id}/transitions`, TEST_TOKENS.agent, { to: 'accepted' });
    await test.api.post(`/api/orders/${mine.id}/transitions`, TEST_TOKENS.agent, { to: 'accepted' });
    await eventually('status change on the customer channel', () => (seen.length > 0 ? true : undefined));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ type: 'order.status.changed', orderId: mine.id, from: 'submitted', to: 'accepted' });

    await expect(subscribe(customer, orderChannel(other.id))).rejects.toMatchObject({ status: 403 });
    await expect(subscribe(customer, ORDERS_CHANNEL)).rejects.toMatchObject({ status: 403 });
  });

  it('refuses channel subscriptions by role, token and channel', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const otherOrder = await test.api.createOrder();

    const refusals: [string | undefined, string, number, string][] = [
      [TEST_TOKENS.pos, ORDERS_CHANNEL, 403, ERROR_CODES.CHANNEL_FORBIDDEN],
      [TEST_TOKENS.pos, PRINT_JOBS_CHANNEL, 403, ERROR_CODES.CHANNEL_FORBIDDEN],
      [order.customerToken, orderChannel(otherOrder.id), 403, ERROR_CODES.CHANNEL_FORBIDDEN],
      [order.customerToken, PRINT_JOBS_CHANNEL, 403, ERROR_CODES.CHANNEL_FORBIDDEN],
      [TEST_TOKENS.agent, orderChannel(order.id), 403, ERROR_CODES.CHANNEL_FORBIDDEN],
      [TEST_TOKENS.agent, 'presence-kitchen', 403, ERROR_CODES.CHANNEL_FORBIDDEN],
      [TEST_TOKENS.agent, 'orders', 403, ERROR_CODES.CHANNEL_FORBIDDEN],
      [undefined, ORDERS_CHANNEL, 401, ERROR_CODES.UNAUTHORIZED],
      ['not-a-real-token-at-all', ORDERS_CHANNEL, 401, ERROR_CODES.UNAUTHORIZED],
      ['ct_forged', orderChannel(order.id), 401, ERROR_CODES.UNAUTHORIZED],
    ];
    for (const [token, channel, status, code] of refusals) {
      const answer = await channelAuth(test, token, channel);
      expect({ token, channel, status: answer.status, body: answer.body }).toMatchObject({ status, body: { code } });
    }

    const badSocket = await channelAuth(test, TEST_TOKENS.agent, ORDERS_CHANNEL, 'abc');
    expect(badSocket.status).toBe(400);
    expect(badSocket.body).toMatchObject({ code: ERROR_CODES.VALIDATION_FAILED });

    for (const [token, channel] of [
      [TEST_TOKENS.agent, ORDERS_CHANNEL],
      [TEST_TOKENS.agent, PRINT_JOBS_CHANNEL],
      [TEST_TOKENS.admin, orderChannel(order.id)],
      [order.customerToken, orderChannel(order.id)],
    ] as const) {
      const answer = await channelAuth(test, token, channel);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ auth: expect.stringMatching(/^[0-9a-f]+:[0-9a-f]{64}$/) });
    }
    // JSON bodies are accepted too (the agent's own client sends JSON).
    const json = await test.api.post('/api/pusher/auth', TEST_TOKENS.agent, { socket_id: '1.2', channel_name: ORDERS_CHANNEL });
    expect(json.status).toBe(200);

    // And the real client sees the refusal as a 403 subscription error.
    const pos = await pusherClient(resources, test, TEST_TOKENS.pos);
    await expect(subscribe(pos, ORDERS_CHANNEL)).rejects.toMatchObject({ status: 403 });
  });

  it('describes the embedded relay in /api/agent/config, for agents and admins only', async () => {
    const test = await startTestBackend(resources);
    const answer = await test.api.get('/api/agent/config', TEST_TOKENS.agent);
    expect(answer.status).toBe(200);
    const config = AgentRealtimeConfigSchema.parse(answer.body);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: test.backend.relay?.port,
      useTLS: false,
      embedded: true,
      channels: { orders: ORDERS_CHANNEL, printJobs: PRINT_JOBS_CHANNEL },
      authEndpoint: `${test.backend.url}/api/pusher/auth`,
    });
    expect((await test.api.get('/api/agent/config', TEST_TOKENS.admin)).status).toBe(200);
    expect((await test.api.get('/api/agent/config', TEST_TOKENS.pos)).status).toBe(403);
    expect((await test.api.get('/api/agent/config')).status).toBe(401);
  });

  it('points agents on other machines at the relay through the address they used, when listening on all interfaces', async () => {
    const test = await startTestBackend(resources, { env: { HOST: '0.0.0.0' } });
    // As an agent on the LAN would ask: through the kitchen PC's name, not 127.0.0.1.
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: test.backend.port, path: '/api/agent/config', headers: { host: 'kitchen-pc.lan:4800', authorization: `Bearer ${TEST_TOKENS.agent}` } },
        (res) => {
          let data = '';
          res.on('data', (chunk: Buffer) => (data += chunk.toString()));
          res.on('end', () => resolve(data));
        },
      );
      req.on('error', reject);
      req.end();
    });
    const config = AgentRealtimeConfigSchema.parse(JSON.parse(body));
    expect(config).toMatchObject({ host: 'kitchen-pc.lan', port: test.backend.relay?.port, authEndpoint: 'http://kitchen-pc.lan:4800/api/pusher/auth' });
    // The backend itself still publishes over loopback.
    const client = await pusherClient(resources, test, TEST_TOKENS.agent);
    const channel = await subscribe(client, ORDERS_CHANNEL);
    const seen = collectEvents(channel);
    await test.api.createOrder();
    await eventually('event through a relay on 0.0.0.0', () => (seen.length === 1 ? true : undefined));
  });

  it('keeps accepting orders when publishing fails, and counts the failures', async () => {
    // An external "Pusher" on a port where nothing listens: every publish is refused.
    const deadPort = await freePort();

    const test = await startTestBackend(resources, {
      env: { PUSHER_APP_ID: '1', PUSHER_KEY: 'key', PUSHER_SECRET: 'secret', PUSHER_HOST: '127.0.0.1', PUSHER_PORT: String(deadPort) },
    });
    const order = await test.api.createOrder(sampleInput({ items: [{ name: 'Soup', qty: 1, station: 'kitchen' }] }));
    expect(order.status).toBe('submitted');
    const health = await eventually('failed publishes counted', async () => {
      const report = BackendHealthSchema.parse((await test.api.get('/api/health')).body);
      return report.realtime.failed >= 2 ? report : undefined;
    });
    expect(health).toMatchObject({ ok: true, realtime: { mode: 'external', published: 0, failed: 2 } });
    expect(await allEvents(test)).toHaveLength(2);

    const config = AgentRealtimeConfigSchema.parse((await test.api.get('/api/agent/config', TEST_TOKENS.agent)).body);
    expect(config).toMatchObject({ key: 'key', host: '127.0.0.1', port: deadPort, useTLS: false, embedded: false });
  });
});
