import { afterEach, describe, expect, it } from 'vitest';
import type { DinerOrderView } from '../../common/diner.js';
import { startLocalApi } from '../../agent/local-api/local-api-server.js';
import { ERROR_CODES } from '../../common/errors.js';
import { LOCAL_API } from '../../common/kitchen-api-methods.js';
import type { Payment } from '../../common/payment.js';
import { BACKEND_REQUEST_TIMEOUT_MS } from '../../agent/connectors/ticketrail/backend-client.js';
import { startHoldingProxy } from './holding-proxy.js';
import { Resources, TEST_TOKENS, eventually, freePort, sampleInput, startTestAgent, startTestBackend, tempDir } from './kitchen-harness.js';

/*
 * Issue 24: a card asks for a payment and sets the courier through the agent (the board holds no
 * backend token); both queue in the outbox like the card's moves, so they wait out a backend that
 * is down and reach it when it is back.
 */

const resources = new Resources();
afterEach(() => resources.closeAll());

const paymentsOf = async (api: { get: <T>(path: string, token: string) => Promise<{ body: T }> }, orderId: string, customerToken: string) =>
  (await api.get<DinerOrderView>(`/api/orders/${orderId}`, customerToken)).body;

describe('front of house from the board', () => {
  it('agent tokens may request payments now (pos and admin as before); a customer token may not', async () => {
    const { api } = await startTestBackend(resources);
    const order = await api.createOrder();
    const body = { type: 'food', amount: 1250, currency: 'EUR' };
    for (const token of [TEST_TOKENS.agent, TEST_TOKENS.pos, TEST_TOKENS.admin]) {
      expect((await api.post<Payment>(`/api/orders/${order.id}/payments`, token, body)).status).toBe(201);
    }
    expect((await api.post(`/api/orders/${order.id}/payments`, order.customerToken, body)).status).toBe(403);
  });

  it('request payment and courier from a card reach the diner; a plain-http link is refused at the agent', async () => {
    const { backend, api } = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [] });
    const order = await api.createOrder(sampleInput({ type: 'delivery', total: { amount: 3200, currency: 'EUR' } }));
    await eventually('card on the board', async () => ((await agent.api.getSnapshot()).orders.some((card) => card.id === order.id) ? true : undefined));

    await agent.api.requestPayment({ orderId: order.id, amount: 3200, currency: 'EUR', qrPayload: 'upi://pay?pa=bistro@bank&am=32.00', expiresInMinutes: 10 });
    const seen = await eventually('payment on the diner page', async () => {
      const view = await paymentsOf(api, order.id, order.customerToken);
      return view.payments.length === 1 ? view.payments[0] : undefined;
    });
    expect(seen).toMatchObject({ type: 'food', amount: 3200, currency: 'EUR', status: 'requested', qrPayload: 'upi://pay?pa=bistro@bank&am=32.00' });
    expect(Date.parse(seen?.qrExpiresAt ?? '') - Date.now()).toBeGreaterThan(8 * 60_000);
    // The card shows its state once the event is back.
    await eventually('payment on the card', async () => ((await agent.api.getSnapshot()).orders.find((card) => card.id === order.id)?.payments?.[0]?.status === 'requested' ? true : undefined));

    await agent.api.setCourier({ orderId: order.id, trackingUrl: 'https://track.example.com/d/42', vendor: 'Marta (bike)' });
    const courier = await eventually('courier on the diner page', async () => (await paymentsOf(api, order.id, order.customerToken)).courier);
    expect(courier).toMatchObject({ vendor: 'Marta (bike)', trackingUrl: 'https://track.example.com/d/42' });
    await agent.api.setCourier({ orderId: order.id, trackingUrl: 'https://wolt.example/t/9' });
    await eventually('courier replaced, named by its site', async () => ((await paymentsOf(api, order.id, order.customerToken)).courier?.vendor === 'wolt.example' ? true : undefined));

    // Through the board's own door (the local HTTP API checks every input against the contract).
    const local = await startLocalApi(agent.api, { host: '127.0.0.1', port: 0 });
    resources.add(() => local.close());
    const refused = await fetch(`${local.url}${LOCAL_API.prefix}/setCourier`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderId: order.id, trackingUrl: 'http://track.example.com/d/42' }),
    });
    expect(JSON.stringify(await refused.json())).toContain(ERROR_CODES.VALIDATION_FAILED);
    await expect(agent.api.requestPayment({ orderId: 'ord_nope', amount: 1, currency: 'EUR' })).rejects.toMatchObject({ code: ERROR_CODES.ORDER_NOT_FOUND });
  });

  it('queues while the backend is down and delivers when it is back; a closed order comes back as the card\'s conflict', async () => {
    const dataDir = tempDir(resources);
    const port = await freePort();
    const env = { PORT: String(port) };
    const first = await startTestBackend(resources, { dataDir, env });
    const agent = await startTestAgent(resources, { backendUrl: first.backend.url, printers: [], pollIntervalMs: 1000 });
    const order = await first.api.createOrder(sampleInput({ type: 'delivery' }));
    const closing = await first.api.createOrder(sampleInput({ type: 'delivery' }));
    await eventually('cards on the board', async () => ((await agent.api.getSnapshot()).orders.filter((card) => card.id === order.id || card.id === closing.id).length === 2 ? true : undefined));
    await first.backend.close();

    const card = await agent.api.requestPayment({ orderId: order.id, amount: 900, currency: 'EUR', qrPayload: 'pay-me' });
    expect(card.pendingActions).toBe(1);
    // The Idempotency-Key its deliveries send is stored with the row (SQLite), so a restart keeps it.
    expect(agent.outbox.rows().find((row) => row.targetId === order.id)).toMatchObject({ kind: 'order.payment-request', body: { idempotencyKey: expect.stringMatching(/^board-pay-/) } });
    await agent.api.setCourier({ orderId: closing.id, trackingUrl: 'https://track.example.com/d/7' });

    const second = await startTestBackend(resources, { dataDir, env });
    // Closed while the agent could not reach it: the courier row is refused (ORDER_CLOSED).
    expect((await second.api.post(`/api/orders/${closing.id}/transitions`, TEST_TOKENS.admin, { to: 'cancelled', reason: 'guest left' })).status).toBe(200);
    await eventually('payment delivered', async () => ((await paymentsOf(second.api, order.id, order.customerToken)).payments.length === 1 ? true : undefined), 20_000);
    // Every row left the outbox: the payment delivered, the courier refused (not retried for ever).
    const settled = await eventually('outbox empty', async () => (agent.outbox.rows().length === 0 ? agent.api.getSnapshot() : undefined), 20_000);
    expect((await paymentsOf(second.api, closing.id, closing.customerToken)).courier).toBeUndefined();
    expect(agent.cache.getOrder(closing.id)?.conflict).toMatch(/ORDER_CLOSED/);
    expect(settled.orders.find((held) => held.id === order.id)?.pendingActions).toBe(0);
  });

  it('a payment request the backend took but answered after the agent gave up is retried with the same Idempotency-Key: one payment', async () => {
    const { backend, api } = await startTestBackend(resources);
    // Only the first POST is held, past the agent's request timeout: the backend makes the payment,
    // the agent never hears of it and its outbox sends the row again.
    let posts = 0;
    const proxy = await startHoldingProxy(resources, backend.url, {
      match: (req) => req.method === 'POST' && /\/payments$/.test(req.url ?? '') && (posts += 1) === 1,
      holdMs: BACKEND_REQUEST_TIMEOUT_MS + 1_000,
    });
    const agent = await startTestAgent(resources, { backendUrl: proxy.url, printers: [] });
    const order = await api.createOrder(sampleInput({ total: { amount: 3200, currency: 'EUR' } }));
    await eventually('card on the board', async () => ((await agent.api.getSnapshot()).orders.some((card) => card.id === order.id) ? true : undefined));

    await agent.api.requestPayment({ orderId: order.id, amount: 3200, currency: 'EUR', qrPayload: 'pay-once' });
    // Both POSTs answered by the backend (the held one after the agent stopped waiting), the row delivered.
    const paymentPosts = () => proxy.backendAnswered.filter((req) => req.method === 'POST' && req.url.endsWith('/payments'));
    await eventually('both requests answered', async () => (paymentPosts().length === 2 && agent.outbox.rows().length === 0 ? true : undefined), 3 * BACKEND_REQUEST_TIMEOUT_MS);
    expect(proxy.held).toBe(1);
    expect(posts).toBe(2);
    // Both deliveries carried the one key fixed when the row was queued.
    const [firstKey, retryKey] = paymentPosts().map((req) => req.idempotencyKey);
    expect(firstKey).toMatch(/^board-pay-/);
    expect(retryKey).toBe(firstKey);
    const view = await paymentsOf(api, order.id, order.customerToken);
    expect(view.payments).toHaveLength(1);
    expect(view.payments[0]).toMatchObject({ amount: 3200, qrPayload: 'pay-once', status: 'requested' });
  });
});
