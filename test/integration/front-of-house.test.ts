import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import type { BoardUpdate, RailOrder } from '../../common/kitchen-api.js';
import { png, pngBytes, requestPayment, uploadReceipt } from '../../backend/test/front-of-house.js';
import { Resources, TEST_TOKENS, eventually, startTestAgent, startTestBackend } from './kitchen-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

type Agent = Awaited<ReturnType<typeof startTestAgent>>;

async function cardOf(agent: Agent, orderId: string): Promise<RailOrder | undefined> {
  return (await agent.api.getSnapshot()).orders.find((order) => order.id === orderId);
}

describe('the agent keeps payments and the courier of each order, and the board acts on them', () => {
  it('shows the payment state and courier on the card, sounds a receipt once, proxies it, verifies and rejects through the backend', async () => {
    const test = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: test.backend.url, printers: [] });
    const updates: BoardUpdate[] = [];
    agent.api.subscribe((update) => updates.push(update));
    const order = await test.api.createOrder();
    const payment = await requestPayment(test, order.id, { amount: 1850 });

    const requested = await eventually('the payment on the card', async () => (await cardOf(agent, order.id))?.payments?.[0]);
    expect(requested).toMatchObject({ id: payment.id, type: 'food', amount: 1850, currency: 'EUR', status: 'requested', version: 1 });

    const image = pngBytes('the-diner-photo');
    await uploadReceipt(test, payment.id, order.customerToken, png(image));
    await eventually('receipt uploaded on the card', async () => ((await cardOf(agent, order.id))?.payments?.[0]?.status === 'receipt_uploaded' ? true : undefined));
    const receiptAlerts = () => updates.filter((update) => update.type === 'alert' && update.alert === 'payment.receipt_uploaded');
    expect(receiptAlerts()).toEqual([{ type: 'alert', alert: 'payment.receipt_uploaded', orderId: order.id }]);

    // The receipt comes through the agent (its token), as a data: URL of the very bytes.
    const receipt = await agent.api.viewReceipt({ paymentId: payment.id });
    expect(receipt.contentType).toBe('image/png');
    expect(new Uint8Array(Buffer.from(receipt.dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'))).toEqual(image);

    const rejected = await agent.api.rejectPayment({ paymentId: payment.id, reason: 'wrong amount' });
    expect(rejected.payments?.[0]).toMatchObject({ status: 'rejected', rejectReason: 'wrong amount' });
    await uploadReceipt(test, payment.id, order.customerToken, png());
    await eventually('second receipt on the card', async () => ((await cardOf(agent, order.id))?.payments?.[0]?.status === 'receipt_uploaded' ? true : undefined));
    const verified = await agent.api.verifyPayment({ paymentId: payment.id });
    expect(verified.payments?.[0]).toMatchObject({ status: 'verified' });
    expect(verified.payments?.[0]).not.toHaveProperty('rejectReason');
    expect((await test.api.get<{ status: string }>(`/api/payments/${payment.id}`, TEST_TOKENS.admin)).body.status).toBe('verified');
    // Once per event type per order: the second receipt sent another alert, the board's dedup plays it once.
    await eventually('the second receipt alert', () => (receiptAlerts().length === 2 ? true : undefined));

    // A doubled verify is the backend's 409, passed to the board with its code.
    await expect(agent.api.verifyPayment({ paymentId: payment.id })).rejects.toMatchObject({ status: 409, body: { code: ERROR_CODES.PAYMENT_TRANSITION_INVALID, details: { from: 'verified', allowed: [] } } });
    await expect(agent.api.verifyPayment({ paymentId: 'pay_unknown' })).rejects.toMatchObject({ code: ERROR_CODES.PAYMENT_NOT_FOUND });

    await test.api.request('PUT', `/api/orders/${order.id}/courier`, { token: TEST_TOKENS.agent, json: { vendor: 'Glovo', trackingUrl: 'https://glovo.example/t/1', etaMinutes: 12 } });
    const courier = await eventually('the courier on the card', async () => (await cardOf(agent, order.id))?.courier);
    expect(courier).toMatchObject({ vendor: 'Glovo', trackingUrl: 'https://glovo.example/t/1', etaMinutes: 12 });
  });

  it('still shows them after a restart, from its cache, with the backend gone', async () => {
    const test = await startTestBackend(resources);
    const first = await startTestAgent(resources, { backendUrl: test.backend.url, printers: [] });
    const order = await test.api.createOrder();
    const payment = await requestPayment(test, order.id);
    await uploadReceipt(test, payment.id, order.customerToken, png());
    await test.api.request('PUT', `/api/orders/${order.id}/courier`, { token: TEST_TOKENS.agent, json: { vendor: 'Uber Eats', trackingUrl: 'https://ubereats.example/o/7' } });
    await eventually('both on the card', async () => {
      const card = await cardOf(first, order.id);
      return card?.courier && card.payments?.[0]?.status === 'receipt_uploaded' ? true : undefined;
    });
    await first.close();
    await test.backend.close();

    const again = await startTestAgent(resources, { backendUrl: test.backend.url, printers: [], dataDir: first.dataDir });
    const card = await cardOf(again, order.id);
    expect(card?.payments).toEqual([expect.objectContaining({ id: payment.id, status: 'receipt_uploaded', amount: 3200 })]);
    expect(card?.courier).toMatchObject({ vendor: 'Uber Eats', trackingUrl: 'https://ubereats.example/o/7' });
    // Offline, the board's verify cannot be carried out and says so.
    await expect(again.api.verifyPayment({ paymentId: payment.id })).rejects.toMatchObject({ code: ERROR_CODES.BACKEND_UNREACHABLE });
  });
});
