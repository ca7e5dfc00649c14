import { afterEach, describe, expect, it } from 'vitest';
import { ORDERS_CHANNEL, POS_CHANNEL, PRINT_JOBS_CHANNEL, orderChannel } from '../../common/channels.js';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema, POS_CHANNEL_EVENT_TYPES, type EventsPage, type TicketEvent } from '../../common/events.js';
import { GiftCardSchema } from '../../common/gift-card.js';
import { BackendHealthSchema } from '../../common/health.js';
import { PosFeedConfigSchema } from '../../common/pos-feed.js';
import { channelsFor } from '../realtime/channels.js';
import { listenToPosFeed } from './pos-feed-client.js';
import { Resources, TEST_TOKENS, collectEvents, eventually, freePort, pusherClient, startTestBackend, subscribe, type TestBackend } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const POS_TYPES: readonly string[] = POS_CHANNEL_EVENT_TYPES;

function channelAuth(test: TestBackend, token: string, channel: string) {
  return test.api.request('POST', '/api/pusher/auth', {
    token,
    raw: new URLSearchParams({ socket_id: '1234.5678', channel_name: channel }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

async function posPage(test: TestBackend, after: number, token: string = TEST_TOKENS.pos, limit = 1000): Promise<EventsPage> {
  const answer = await test.api.get(`/api/events?channel=pos&after=${after}&limit=${limit}`, token);
  expect(answer.status).toBe(200);
  return EventsPageSchema.parse(answer.body);
}

async function fullLog(test: TestBackend): Promise<TicketEvent[]> {
  return EventsPageSchema.parse((await test.api.get('/api/events?after=0&limit=1000', TEST_TOKENS.agent)).body).events;
}

/** One of every kind of change a POS terminal hears of, plus print jobs it must not hear of. */
async function everyKindOfChange(test: TestBackend): Promise<void> {
  const order = await test.api.createOrder();
  expect((await test.api.post(`/api/orders/${order.id}/transitions`, TEST_TOKENS.agent, { to: 'accepted' })).status).toBe(200);
  const card = GiftCardSchema.parse((await test.api.post('/api/gift-cards', TEST_TOKENS.pos, { amount: 4000, currency: 'EUR' })).body);
  expect((await test.api.post(`/api/gift-cards/${card.cardNumber}/redeem`, TEST_TOKENS.pos, { amount: 1500, orderId: order.id })).status).toBe(200);
  expect((await test.api.post(`/api/gift-cards/${card.cardNumber}/void`, TEST_TOKENS.admin)).status).toBe(200);
  expect((await test.api.post('/api/loyalty/%2B48600123456/add', TEST_TOKENS.pos, { points: 40, reason: 'receipt 7' })).status).toBe(200);
}

describe('the POS feed: private-pos and GET /api/events?channel=pos', () => {
  it('signs private-pos for pos and admin tokens, and nothing else for a pos token', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    for (const token of [TEST_TOKENS.pos, TEST_TOKENS.admin]) {
      const answer = await channelAuth(test, token, POS_CHANNEL);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ auth: expect.stringMatching(/^[0-9a-f]+:[0-9a-f]{64}$/) });
    }
    const refused: [string, string][] = [
      [TEST_TOKENS.pos, ORDERS_CHANNEL],
      [TEST_TOKENS.pos, PRINT_JOBS_CHANNEL],
      [TEST_TOKENS.pos, orderChannel(order.id)],
      [TEST_TOKENS.agent, POS_CHANNEL],
      [order.customerToken, POS_CHANNEL],
      // Forged names: near misses of private-pos, other prefixes, several names in one.
      [TEST_TOKENS.pos, 'private-pos2'],
      [TEST_TOKENS.pos, 'private-pos-'],
      [TEST_TOKENS.pos, 'private-POS'],
      [TEST_TOKENS.pos, 'presence-pos'],
      [TEST_TOKENS.pos, 'private-encrypted-pos'],
      [TEST_TOKENS.pos, 'pos'],
      [TEST_TOKENS.pos, 'private-pos,private-orders'],
      [TEST_TOKENS.pos, 'private-pos;private-orders'],
      [TEST_TOKENS.admin, 'private-pos.'],
    ];
    for (const [token, channel] of refused) {
      const answer = await channelAuth(test, token, channel);
      expect({ channel, status: answer.status, body: answer.body }).toMatchObject({ status: 403, body: { code: ERROR_CODES.CHANNEL_FORBIDDEN } });
    }
    // Characters Pusher does not allow in a name never reach the signer.
    expect((await channelAuth(test, TEST_TOKENS.pos, 'private-pos\u0000')).status).toBe(400);
    expect((await channelAuth(test, TEST_TOKENS.pos, 'private-pos private-orders')).status).toBe(400);
  });

  it('lets a real pusher-js POS client subscribe to private-pos and refuses it private-orders', async () => {
    const test = await startTestBackend(resources);
    const client = await pusherClient(resources, test, TEST_TOKENS.pos);
    await expect(subscribe(client, POS_CHANNEL)).resolves.toBeDefined();
    await expect(subscribe(client, ORDERS_CHANNEL)).rejects.toMatchObject({ status: 403 });
    await expect(subscribe(client, PRINT_JOBS_CHANNEL)).rejects.toMatchObject({ status: 403 });
  });

  it('gives each pos event to a pusher-js subscriber once, in seq order, as the log has it; print jobs never', async () => {
    const test = await startTestBackend(resources);
    const client = await pusherClient(resources, test, TEST_TOKENS.pos);
    const received = collectEvents(await subscribe(client, POS_CHANNEL));

    await everyKindOfChange(test);
    const expected = (await fullLog(test)).filter((event) => POS_TYPES.includes(event.type));
    expect(expected.map((event) => event.type)).toEqual([
      'order.submitted',
      'order.status.changed',
      'gift_card.purchased',
      'gift_card.redeemed',
      'gift_card.voided',
      'loyalty.updated',
    ]);
    // The last one is the loyalty event: once it is in, everything before it is (one connection, seq order).
    await eventually('the loyalty event on private-pos', () => (received.some((event) => event.type === 'loyalty.updated') ? true : undefined));
    expect(received).toEqual(expected);
    expect((await posPage(test, 0)).events).toEqual(expected);
  });

  it('catches a pusher-js POS client up after a disconnect from /api/events?channel=pos, each event once', async () => {
    const test = await startTestBackend(resources);
    const seen = new Map<number, TicketEvent>();
    const deliveries: number[] = [];
    const take = (event: TicketEvent) => {
      deliveries.push(event.seq);
      seen.set(event.seq, event);
    };

    const first = await pusherClient(resources, test, TEST_TOKENS.pos);
    const live = collectEvents(await subscribe(first, POS_CHANNEL));
    const order = await test.api.createOrder();
    await eventually('the order push', () => (live.length === 1 ? true : undefined));
    live.forEach(take);
    const cursor = Math.max(...seen.keys());

    first.disconnect();
    // Missed while away: a status change, a gift card sale with its voucher job, loyalty points.
    expect((await test.api.post(`/api/orders/${order.id}/transitions`, TEST_TOKENS.agent, { to: 'accepted' })).status).toBe(200);
    expect((await test.api.post('/api/gift-cards', TEST_TOKENS.pos, { amount: 1000, currency: 'EUR' })).status).toBe(201);
    expect((await test.api.post('/api/loyalty/%2B48600123456/add', TEST_TOKENS.pos, { points: 5, reason: 'visit' })).status).toBe(200);

    // Back: subscribe first, then catch up, as docs/pos-feed.md tells a vendor to.
    const second = await pusherClient(resources, test, TEST_TOKENS.pos);
    const afterReconnect = collectEvents(await subscribe(second, POS_CHANNEL));
    // Two small pages, to page the way a client must.
    let after = cursor;
    for (;;) {
      const page = await posPage(test, after, TEST_TOKENS.pos, 2);
      for (const event of page.events) if (!seen.has(event.seq)) take(event);
      if (page.events.length < 2) break;
      after = page.events.at(-1)?.seq as number;
    }
    expect([...seen.values()].map((event) => event.type)).toEqual([
      'order.submitted',
      'order.status.changed',
      'gift_card.purchased',
      'loyalty.updated',
    ]);

    // Live again: the next event arrives on the new subscription and is taken once.
    expect((await test.api.post('/api/loyalty/%2B48600123456/add', TEST_TOKENS.pos, { points: 7, reason: 'visit' })).status).toBe(200);
    await eventually('the next live event', () => (afterReconnect.length === 1 ? true : undefined));
    afterReconnect.forEach((event) => (seen.has(event.seq) ? undefined : take(event)));
    expect(deliveries).toEqual([...new Set(deliveries)]);
    expect([...seen.values()]).toEqual((await posPage(test, 0)).events);
  });

  it('gives a POS terminal its settings at /api/pos/config, and the client of docs/pos-feed.md gets every event once across a disconnect', async () => {
    const test = await startTestBackend(resources);
    const config = await test.api.get('/api/pos/config', TEST_TOKENS.pos);
    expect(config.status).toBe(200);
    expect(PosFeedConfigSchema.parse(config.body)).toMatchObject({ channel: POS_CHANNEL, useTLS: false, host: '127.0.0.1', authEndpoint: `${test.backend.url}/api/pusher/auth`, eventsEndpoint: `${test.backend.url}/api/events?channel=pos` });
    expect((await test.api.get('/api/pos/config', TEST_TOKENS.agent)).status).toBe(403);
    expect((await test.api.get('/api/pos/config', TEST_TOKENS.admin)).status).toBe(200);

    const errors: unknown[] = [];
    const pos = await listenToPosFeed(test.backend.url, TEST_TOKENS.pos, (error) => errors.push(error));
    resources.add(() => pos.stop());
    await eventually('connected', () => (pos.pusher.connection.state === 'connected' ? true : undefined));
    const order = await test.api.createOrder();
    await eventually('the order push applied', () => (pos.applied.length === 1 ? true : undefined));

    pos.pusher.disconnect();
    await eventually('disconnected', () => (pos.pusher.connection.state === 'disconnected' ? true : undefined));
    expect((await test.api.post(`/api/orders/${order.id}/transitions`, TEST_TOKENS.agent, { to: 'accepted' })).status).toBe(200);
    expect((await test.api.post('/api/gift-cards', TEST_TOKENS.pos, { amount: 1000, currency: 'EUR' })).status).toBe(201);
    expect((await test.api.post('/api/loyalty/%2B48600123456/add', TEST_TOKENS.pos, { points: 5, reason: 'visit' })).status).toBe(200);

    // Back: pusher-js subscribes again, and the resubscription's catch-up fetches what was missed.
    pos.pusher.connect();
    await eventually('caught up after the reconnect', () => (pos.applied.length === 4 ? true : undefined));
    expect((await test.api.post('/api/loyalty/%2B48600123456/redeem', TEST_TOKENS.pos, { points: 5, reason: 'coffee' })).status).toBe(200);
    await eventually('the next live event', () => (pos.applied.length === 5 ? true : undefined));
    await pos.catchUp();

    const log = (await posPage(test, 0)).events;
    expect(pos.applied).toEqual(log);
    expect(pos.applied.map((event) => event.type)).toEqual(['order.submitted', 'order.status.changed', 'gift_card.purchased', 'loyalty.updated', 'loyalty.updated']);
    expect(errors).toEqual([]);
  });

  it('reads the POS feed from /api/events?channel=pos only, for pos tokens; agents and admins get the same page', async () => {
    const test = await startTestBackend(resources);
    await everyKindOfChange(test);
    const page = await posPage(test, 0);
    expect(page.events.every((event) => POS_TYPES.includes(event.type))).toBe(true);
    expect(page.events).toHaveLength(6);
    // lastSeq is the whole log's: a client may move its cursor past events that are not for it.
    expect(page.lastSeq).toBe((await fullLog(test)).at(-1)?.seq);
    expect(await posPage(test, 0, TEST_TOKENS.agent)).toEqual(page);
    expect(await posPage(test, 0, TEST_TOKENS.admin)).toEqual(page);
    expect((await posPage(test, page.events[2]?.seq as number)).events).toEqual(page.events.slice(3));

    const unfiltered = await test.api.get('/api/events?after=0', TEST_TOKENS.pos);
    expect(unfiltered.status).toBe(403);
    expect(unfiltered.body).toMatchObject({ code: ERROR_CODES.CHANNEL_FORBIDDEN });
    expect((await test.api.get('/api/events?channel=orders', TEST_TOKENS.pos)).status).toBe(400);
    expect((await test.api.get('/api/events?channel=pos&order=ord_1', TEST_TOKENS.agent)).status).toBe(400);
    expect((await test.api.get('/api/events?channel=pos')).status).toBe(401);
  });

  it('keeps loyalty and gift card events off an order\'s own channel', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const customer = await pusherClient(resources, test, order.customerToken);
    const seen = collectEvents(await subscribe(customer, orderChannel(order.id)));

    expect((await test.api.post('/api/loyalty/%2B48600123456/add', TEST_TOKENS.pos, { points: 10, reason: `order ${order.number}` })).status).toBe(200);
    const card = GiftCardSchema.parse((await test.api.post('/api/gift-cards', TEST_TOKENS.pos, { amount: 1000, currency: 'EUR' })).body);
    expect((await test.api.post(`/api/gift-cards/${card.cardNumber}/redeem`, TEST_TOKENS.pos, { amount: 100, orderId: order.id })).status).toBe(200);
    // Published after them, in seq order: when this arrives, anything sent before it has arrived.
    expect((await test.api.post(`/api/orders/${order.id}/transitions`, TEST_TOKENS.agent, { to: 'accepted' })).status).toBe(200);
    await eventually('the status change on the order channel', () => (seen.some((event) => event.type === 'order.status.changed') ? true : undefined));
    expect(seen.map((event) => event.type)).toEqual(['order.status.changed']);
  });

  it('publishes gift card and loyalty events on private-pos alone, order pushes on private-pos as well', () => {
    const base = { seq: 1, actor: { type: 'pos', id: 'tok_1' }, at: '2026-01-01T00:00:00.000Z', version: 1 } as const;
    const card = { ...base, giftCardId: 'gc_1', cardNumber: 'GC-2222222222', amount: 100, balance: 900, currency: 'EUR' } as const;
    const events: TicketEvent[] = [
      { ...card, type: 'gift_card.purchased', to: 'active' },
      { ...card, type: 'gift_card.redeemed', to: 'active', orderId: 'ord_1' },
      { ...card, type: 'gift_card.voided', from: 'active', to: 'void' },
      { ...base, type: 'loyalty.updated', to: 'active', customerId: 'cus_1', pointsChange: 5, newBalance: 5, transactionType: 'add', reason: 'visit' },
    ];
    for (const event of events) expect(channelsFor(event), event.type).toEqual([POS_CHANNEL]);
    expect(channelsFor({ ...base, type: 'order.submitted', orderId: 'ord_1', to: 'submitted' })).toContain(POS_CHANNEL);
    expect(channelsFor({ ...base, type: 'order.status.changed', orderId: 'ord_1', from: 'submitted', to: 'accepted' })).toContain(POS_CHANNEL);
    expect(channelsFor({ ...base, type: 'print-job.created', jobId: 'job_1', station: 'counter', to: 'pending' })).not.toContain(POS_CHANNEL);
  });

  it('records a gift card sale even when publishing fails', async () => {
    const deadPort = await freePort();
    const test = await startTestBackend(resources, {
      env: { PUSHER_APP_ID: '1', PUSHER_KEY: 'key', PUSHER_SECRET: 'secret', PUSHER_HOST: '127.0.0.1', PUSHER_PORT: String(deadPort) },
    });

    const sale = await test.api.post('/api/gift-cards', TEST_TOKENS.pos, { amount: 1000, currency: 'EUR' });
    expect(sale.status).toBe(201);
    const points = await test.api.post('/api/loyalty/%2B48600123456/add', TEST_TOKENS.pos, { points: 5, reason: 'visit' });
    expect(points.status).toBe(200);
    await eventually('failed publishes counted', async () => {
      const report = BackendHealthSchema.parse((await test.api.get('/api/health')).body);
      return report.realtime.failed >= 3 ? report : undefined;
    });
    expect((await posPage(test, 0)).events.map((event) => event.type)).toEqual(['gift_card.purchased', 'loyalty.updated']);
  });
});
