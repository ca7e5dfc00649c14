import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema } from '../../common/events.js';
import { PaymentSchema } from '../../common/payment.js';
import { FOOD_PAYMENT } from './front-of-house.js';
import { Resources, TEST_TOKENS, startTestBackend, type TestBackend } from './helpers.js';

/**
 * Issue 24: the board's outbox resends a payment request whose answer was lost (a timeout). The
 * same Idempotency-Key with the same request answers the first payment again, never a second one;
 * with another body or another order it is 409 IDEMPOTENCY_KEY_REUSED.
 */
const resources = new Resources();
afterEach(() => resources.closeAll());

function request(test: TestBackend, orderId: string, body: unknown, key: string, token: string = TEST_TOKENS.agent) {
  return test.api.post(`/api/orders/${orderId}/payments`, token, body, { 'idempotency-key': key });
}

async function paymentsRequested(test: TestBackend, orderId: string): Promise<number> {
  const page = EventsPageSchema.parse((await test.api.get('/api/events?after=0&limit=1000', TEST_TOKENS.agent)).body);
  return page.events.filter((event) => event.type === 'payment.requested' && event.orderId === orderId).length;
}

describe('Idempotency-Key on POST /api/orders/:id/payments', () => {
  it('creates one payment for a replayed key: the first answer again, marked Idempotent-Replayed', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();

    const first = await request(test, order.id, FOOD_PAYMENT, 'pay-req-1');
    const again = await request(test, order.id, { ...FOOD_PAYMENT }, 'pay-req-1');
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await paymentsRequested(test, order.id)).toBe(1);

    // A new key is a new payment.
    const second = await request(test, order.id, FOOD_PAYMENT, 'pay-req-2');
    expect(PaymentSchema.parse(second.body).id).not.toBe(PaymentSchema.parse(first.body).id);
    expect(await paymentsRequested(test, order.id)).toBe(2);
  });

  it('refuses the key with another amount or another order: 409 IDEMPOTENCY_KEY_REUSED naming the payment, nothing created', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const other = await test.api.createOrder();
    const first = PaymentSchema.parse((await request(test, order.id, FOOD_PAYMENT, 'pay-req-1')).body);

    const otherAmount = await request(test, order.id, { ...FOOD_PAYMENT, amount: 3300 }, 'pay-req-1');
    expect(otherAmount.status).toBe(409);
    expect(otherAmount.body).toMatchObject({ code: ERROR_CODES.IDEMPOTENCY_KEY_REUSED, details: { paymentId: first.id } });
    const otherOrder = await request(test, other.id, FOOD_PAYMENT, 'pay-req-1');
    expect(otherOrder.status).toBe(409);
    expect(otherOrder.body).toMatchObject({ code: ERROR_CODES.IDEMPOTENCY_KEY_REUSED });

    expect(await paymentsRequested(test, order.id)).toBe(1);
    expect(await paymentsRequested(test, other.id)).toBe(0);
    // Keys are per token: the POS's same key is its own request.
    expect((await request(test, order.id, FOOD_PAYMENT, 'pay-req-1', TEST_TOKENS.pos)).headers.get('idempotent-replayed')).toBeNull();
    expect(await paymentsRequested(test, order.id)).toBe(2);
  });
});
