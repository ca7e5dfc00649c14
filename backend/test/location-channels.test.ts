import { afterEach, describe, expect, it } from 'vitest';
import { AgentRealtimeConfigSchema } from '../../common/agent-config.js';
import { ORDERS_CHANNEL, POS_CHANNEL, PRINT_JOBS_CHANNEL, orderChannel } from '../../common/channels.js';
import { ERROR_CODES } from '../../common/errors.js';
import type { TicketEvent } from '../../common/events.js';
import type { OrderCreated } from '../../common/order.js';
import type { Payment } from '../../common/payment.js';
import { PosFeedConfigSchema } from '../../common/pos-feed.js';
import { makeLocation, type LocationTokens } from './chain.js';
import { pngBytes, uploadReceipt } from './front-of-house.js';
import { Resources, TEST_TOKENS, collectEvents, eventually, pusherClient, sampleInput, startTestBackend, subscribe, type TestBackend } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const NORTH = { orders: 'private-loc-north-orders', printJobs: 'private-loc-north-print-jobs', pos: 'private-loc-north-pos' };

function channelAuth(test: TestBackend, token: string, channel: string) {
  return test.api.request<{ code?: string }>('POST', '/api/pusher/auth', {
    token,
    raw: new URLSearchParams({ socket_id: '1234.5678', channel_name: channel }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

async function withNorth(env?: Record<string, string>): Promise<{ test: TestBackend; north: LocationTokens; south: LocationTokens }> {
  const test = await startTestBackend(resources, env ? { env } : {});
  return { test, north: await makeLocation(test.dataDir, 'north'), south: await makeLocation(test.dataDir, 'south') };
}

describe('locations: channels', () => {
  it('names the token\'s location\'s channels in /api/agent/config and /api/pos/config; default keeps today\'s names', async () => {
    const { test, north } = await withNorth();
    const agentConfig = AgentRealtimeConfigSchema.parse((await test.api.get('/api/agent/config', north.agent)).body);
    expect(agentConfig.channels).toEqual({ orders: NORTH.orders, printJobs: NORTH.printJobs });
    const posConfig = PosFeedConfigSchema.parse((await test.api.get('/api/pos/config', north.pos)).body);
    expect(posConfig.channel).toBe(NORTH.pos);
    expect(posConfig.eventsEndpoint).toBe(`${test.backend.url}/api/events?channel=pos`);
    expect(AgentRealtimeConfigSchema.parse((await test.api.get('/api/agent/config', TEST_TOKENS.agent)).body).channels).toEqual({
      orders: ORDERS_CHANNEL,
      printJobs: PRINT_JOBS_CHANNEL,
    });
    expect(PosFeedConfigSchema.parse((await test.api.get('/api/pos/config', TEST_TOKENS.pos)).body).channel).toBe(POS_CHANNEL);
    // A chain-wide admin names the location, and its catch-up URL keeps it.
    const adminPos = PosFeedConfigSchema.parse((await test.api.get('/api/pos/config?location=north', TEST_TOKENS.admin)).body);
    expect(adminPos).toMatchObject({ channel: NORTH.pos, eventsEndpoint: `${test.backend.url}/api/events?channel=pos&location=north` });
  });

  it('signs a location\'s channels for its own tokens only, and any existing location\'s for a chain-wide admin', async () => {
    const { test, north, south } = await withNorth();
    const inNorth = await test.api.post<OrderCreated>('/api/orders', north.pos, sampleInput());
    const allowed: [string, string][] = [
      [north.agent, NORTH.orders],
      [north.agent, NORTH.printJobs],
      [north.pos, NORTH.pos],
      [north.admin, NORTH.pos],
      [north.admin, orderChannel(inNorth.body.id)],
      [TEST_TOKENS.admin, NORTH.orders],
      [TEST_TOKENS.admin, orderChannel(inNorth.body.id)],
      [inNorth.body.customerToken, orderChannel(inNorth.body.id)],
    ];
    for (const [token, channel] of allowed) expect({ channel, status: (await channelAuth(test, token, channel)).status }).toEqual({ channel, status: 200 });
    const refused: [string, string][] = [
      [south.agent, NORTH.orders],
      [south.pos, NORTH.pos],
      [south.admin, NORTH.printJobs],
      [south.admin, orderChannel(inNorth.body.id)],
      [north.agent, ORDERS_CHANNEL],
      [north.pos, POS_CHANNEL],
      [TEST_TOKENS.agent, NORTH.orders],
      [north.agent, NORTH.pos],
      [north.pos, NORTH.orders],
      [TEST_TOKENS.admin, 'private-loc-nowhere-orders'],
      [north.agent, 'private-loc-north-orders2'],
      [north.agent, 'private-loc-NORTH-orders'],
    ];
    for (const [token, channel] of refused) {
      const answer = await channelAuth(test, token, channel);
      expect({ channel, status: answer.status, code: answer.body.code }).toEqual({ channel, status: 403, code: ERROR_CODES.CHANNEL_FORBIDDEN });
    }
  });

  it('publishes a location\'s events on its own channels only; a real pusher-js client of another location hears none', async () => {
    const { test, north } = await withNorth();
    const northClient = await pusherClient(resources, test, north.agent);
    const defaultClient = await pusherClient(resources, test, TEST_TOKENS.agent);
    const northOrders = collectEvents(await subscribe(northClient, NORTH.orders));
    const northJobs = collectEvents(await subscribe(northClient, NORTH.printJobs));
    const defaultOrders = collectEvents(await subscribe(defaultClient, ORDERS_CHANNEL));

    const inNorth = await test.api.post<OrderCreated>('/api/orders', north.pos, sampleInput());
    const inDefault = await test.api.createOrder();
    await eventually('both orders heard', () => (northOrders.length === 1 && defaultOrders.length === 1 && northJobs.length === 2 ? true : undefined));
    // The default order came after the north one on the same relay: had north's gone to
    // private-orders it would have arrived first.
    expect(defaultOrders.map((event: TicketEvent) => [event.orderId, event.seq])).toEqual([[inDefault.id, 1]]);
    expect(northOrders.map((event: TicketEvent) => [event.orderId, event.seq])).toEqual([[inNorth.body.id, 1]]);
    expect(northJobs.map((event: TicketEvent) => event.seq)).toEqual([2, 3]);
  });
});

describe('locations: front of house', () => {
  it('keeps payments, receipts, couriers and the diner inside the order\'s location', async () => {
    const { test, north, south } = await withNorth();
    const inSouth = (await test.api.post<OrderCreated>('/api/orders', south.pos, sampleInput())).body;
    const inNorth = (await test.api.post<OrderCreated>('/api/orders', north.pos, sampleInput())).body;
    const request = await test.api.post<{ code: string }>(`/api/orders/${inSouth.id}/payments`, north.pos, { type: 'food', amount: 100, currency: 'EUR' });
    expect([request.status, request.body.code]).toEqual([404, ERROR_CODES.ORDER_NOT_FOUND]);
    const payment = (await test.api.post<Payment>(`/api/orders/${inSouth.id}/payments`, south.pos, { type: 'food', amount: 100, currency: 'EUR' })).body;
    for (const [method, path] of [
      ['GET', `/api/payments/${payment.id}`],
      ['GET', `/api/payments/${payment.id}/receipt`],
      ['POST', `/api/payments/${payment.id}/verify`],
    ] as const) {
      const answer = await test.api.request<{ code: string }>(method, path, { token: north.agent });
      expect({ path, status: answer.status, code: answer.body.code }).toEqual({ path, status: 404, code: ERROR_CODES.PAYMENT_NOT_FOUND });
    }
    const reject = await test.api.post<{ code: string }>(`/api/payments/${payment.id}/reject`, north.agent, { reason: 'no' });
    expect(reject.body.code).toBe(ERROR_CODES.PAYMENT_NOT_FOUND);
    const courier = await test.api.request<{ code: string }>('PUT', `/api/orders/${inSouth.id}/courier`, {
      token: north.agent,
      json: { vendor: 'Bolt', trackingUrl: 'https://bolt.example/t/1' },
    });
    expect([courier.status, courier.body.code]).toEqual([404, ERROR_CODES.ORDER_NOT_FOUND]);

    // A diner of north: their own order only, whatever id they try.
    expect((await test.api.get(`/api/orders/${inNorth.id}`, inNorth.customerToken)).status).toBe(200);
    expect((await test.api.get(`/api/orders/${inSouth.id}`, inNorth.customerToken)).status).toBe(403);
    expect((await test.api.get(`/api/payments/${payment.id}`, inNorth.customerToken)).status).toBe(404);
    const upload = await uploadReceipt(test, payment.id, inNorth.customerToken, [{ bytes: pngBytes(), filename: 'r.png', contentType: 'image/png' }]);
    expect(upload.status).toBe(404);
    expect((await test.api.get(`/api/events?order=${inSouth.id}`, inNorth.customerToken)).status).toBe(403);
    // South's diner pays at south.
    const own = await uploadReceipt(test, payment.id, inSouth.customerToken, [{ bytes: pngBytes(), filename: 'r.png', contentType: 'image/png' }]);
    expect(own.status).toBe(200);
  });
});

describe('locations: gift cards and loyalty', () => {
  it('are the chain\'s by default: a card sold in north redeems in south, points added in north are spent in south', async () => {
    const { test, north, south } = await withNorth();
    const card = (await test.api.post<{ cardNumber: string }>('/api/gift-cards', north.pos, { amount: 5000, currency: 'EUR' })).body;
    const redeemed = await test.api.post<{ balance: number }>(`/api/gift-cards/${card.cardNumber}/redeem`, south.pos, { amount: 1200 });
    expect([redeemed.status, redeemed.body.balance]).toEqual([200, 3800]);
    // Each change is logged where it happened.
    const southFeed = (await test.api.get<{ events: TicketEvent[] }>('/api/events?channel=pos', south.pos)).body.events;
    expect(southFeed.map((event) => event.type)).toEqual(['gift_card.redeemed']);
    expect((await test.api.post('/api/loyalty/%2B48600123456/add', north.pos, { points: 50, reason: 'visit' })).status).toBe(200);
    const spent = await test.api.post<{ balance: number }>('/api/loyalty/%2B48600123456/redeem', south.pos, { points: 30, reason: 'coffee' });
    expect([spent.status, spent.body.balance]).toEqual([200, 20]);
  });

  it('stay in their location with GIFT_CARDS_SCOPE=location', async () => {
    const { test, north, south } = await withNorth({ GIFT_CARDS_SCOPE: 'location' });
    const card = (await test.api.post<{ cardNumber: string }>('/api/gift-cards', north.pos, { amount: 5000, currency: 'EUR' })).body;
    const elsewhere = await test.api.post<{ code: string }>(`/api/gift-cards/${card.cardNumber}/redeem`, south.pos, { amount: 1200 });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([404, ERROR_CODES.GIFT_CARD_NOT_FOUND]);
    expect((await test.api.get(`/api/gift-cards/${card.cardNumber}`, south.pos)).status).toBe(404);
    expect((await test.api.post(`/api/gift-cards/${card.cardNumber}/redeem`, north.pos, { amount: 1200 })).status).toBe(200);

    expect((await test.api.post('/api/loyalty/%2B48600123456/add', north.pos, { points: 50, reason: 'visit' })).status).toBe(200);
    const southAccount = await test.api.post<{ code: string }>('/api/loyalty/%2B48600123456/redeem', south.pos, { points: 30, reason: 'coffee' });
    expect([southAccount.status, southAccount.body.code]).toEqual([409, ERROR_CODES.LOYALTY_INSUFFICIENT_POINTS]);
    expect((await test.api.get('/api/loyalty/%2B48600123456', south.pos)).status).toBe(404);
    expect((await test.api.post('/api/loyalty/%2B48600123456/add', south.pos, { points: 5, reason: 'visit' })).status).toBe(200);
    const northHistory = await test.api.get<{ balance: number }>('/api/loyalty/%2B48600123456', north.pos);
    expect(northHistory.body.balance).toBe(50);
  });
});
