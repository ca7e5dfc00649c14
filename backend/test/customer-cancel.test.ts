import { afterEach, describe, expect, it } from 'vitest';
import type { DinerOrderView } from '../../common/diner.js';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema } from '../../common/events.js';
import type { Order } from '../../common/order.js';
import { Resources, TEST_TOKENS, startTestBackend, type TestBackend } from './helpers.js';

/*
 * Issue 24: a diner cancels their own order with its customer token, while the kitchen has not
 * started it (`submitted`); anything else a customer token tries on transitions is refused.
 */

const resources = new Resources();
afterEach(() => resources.closeAll());

function transition(test: TestBackend, orderId: string, token: string, body: Record<string, unknown>) {
  return test.api.request<DinerOrderView & Order & { code?: string }>('POST', `/api/orders/${orderId}/transitions`, { token, json: body });
}

async function events(test: TestBackend) {
  return EventsPageSchema.parse((await test.api.get('/api/events?limit=1000', TEST_TOKENS.agent)).body).events;
}

describe('the diner cancels their order', () => {
  it('while submitted: 200, cancelled by the customer with the default reason, order.status.changed then order.closed', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const answer = await transition(test, order.id, order.customerToken, { to: 'cancelled' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: order.id, status: 'cancelled', cancelledBy: 'customer' });
    // The diner is answered with the diner's view: no staff-only fields.
    expect(answer.body).not.toHaveProperty('stations');
    expect(answer.body).not.toHaveProperty('customer');

    const staffView = (await test.api.get<Order>(`/api/orders/${order.id}`, TEST_TOKENS.agent)).body;
    expect(staffView).toMatchObject({ status: 'cancelled', cancelledBy: 'customer', cancelReason: 'cancelled by the customer' });

    const log = (await events(test)).filter((event) => event.orderId === order.id);
    const changed = log.find((event) => event.type === 'order.status.changed');
    expect(changed).toMatchObject({ from: 'submitted', to: 'cancelled', reason: 'cancelled by the customer', actor: { type: 'customer', id: order.id } });
    expect(log.at(-1)).toMatchObject({ type: 'order.closed', finalStatus: 'cancelled', seq: (changed?.seq ?? 0) + 1 });
  });

  it('keeps a reason of up to 200 characters; a longer one is 400 ORDER_CANCEL_REASON_TOO_LONG and changes nothing', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const tooLong = await transition(test, order.id, order.customerToken, { to: 'cancelled', reason: 'x'.repeat(201) });
    expect(tooLong).toMatchObject({ status: 400, body: { code: ERROR_CODES.ORDER_CANCEL_REASON_TOO_LONG } });
    expect((await test.api.get<Order>(`/api/orders/${order.id}`, TEST_TOKENS.agent)).body.status).toBe('submitted');

    const reason = `${'y'.repeat(190)} too late`;
    expect((await transition(test, order.id, order.customerToken, { to: 'cancelled', reason })).status).toBe(200);
    expect((await test.api.get<Order>(`/api/orders/${order.id}`, TEST_TOKENS.agent)).body).toMatchObject({ cancelReason: reason, cancelledBy: 'customer' });
  });

  it('once accepted (or any other status): 409 ORDER_TRANSITION_INVALID and no event', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    await transition(test, order.id, TEST_TOKENS.agent, { to: 'accepted' });
    const before = (await events(test)).length;
    const refused = await transition(test, order.id, order.customerToken, { to: 'cancelled', reason: 'changed my mind' });
    expect(refused).toMatchObject({ status: 409, body: { code: ERROR_CODES.ORDER_TRANSITION_INVALID } });
    expect(await events(test)).toHaveLength(before);

    const cancelledTwice = await test.api.createOrder();
    expect((await transition(test, cancelledTwice.id, cancelledTwice.customerToken, { to: 'cancelled' })).status).toBe(200);
    expect((await transition(test, cancelledTwice.id, cancelledTwice.customerToken, { to: 'cancelled' })).body.code).toBe(ERROR_CODES.ORDER_TRANSITION_INVALID);
  });

  it('any other move by a customer token, or another order, is 403 FORBIDDEN', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const other = await test.api.createOrder();
    for (const to of ['accepted', 'ready', 'completed', 'submitted']) {
      const refused = await transition(test, order.id, order.customerToken, { to });
      expect({ to, status: refused.status, code: refused.body.code }).toEqual({ to, status: 403, code: ERROR_CODES.FORBIDDEN });
    }
    expect((await transition(test, other.id, order.customerToken, { to: 'cancelled' })).body.code).toBe(ERROR_CODES.FORBIDDEN);
    expect((await test.api.get<Order>(`/api/orders/${other.id}`, TEST_TOKENS.agent)).body.status).toBe('submitted');
    expect((await test.api.get<Order>(`/api/orders/${order.id}`, TEST_TOKENS.agent)).body.status).toBe('submitted');
  });

  it('a staff cancel says cancelledBy staff', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    await transition(test, order.id, TEST_TOKENS.agent, { to: 'accepted' });
    const answer = await transition(test, order.id, TEST_TOKENS.agent, { to: 'cancelled', reason: 'out of stock' });
    expect(answer.body).toMatchObject({ status: 'cancelled', cancelledBy: 'staff', cancelReason: 'out of stock' });
  });
});
