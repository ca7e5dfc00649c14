import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import type { OrdersPage } from '../../common/order.js';
import { png, requestPayment, uploadReceipt, verify } from './front-of-house.js';
import { Resources, TEST_TOKENS, sampleInput, startTestBackend, type TestBackend } from './helpers.js';

/*
 * Issue 24: `GET /api/orders?q=&from=&to=` finds a location's orders by number, customer name
 * (case- and accent-insensitive), phone (digits compared, national or international) and table,
 * newest first, paged. Runs on SQLite and PostgreSQL (the `postgres` project).
 */

const resources = new Resources();
afterEach(() => resources.closeAll());

async function search(test: TestBackend, params: Record<string, string>, token: string = TEST_TOKENS.pos) {
  return test.api.get<OrdersPage & { code?: string }>(`/api/orders?${new URLSearchParams(params).toString()}`, token);
}

async function numbersFound(test: TestBackend, params: Record<string, string>): Promise<string[]> {
  const answer = await search(test, params);
  expect(answer.status).toBe(200);
  return answer.body.orders.map((order) => order.number);
}

async function seed(test: TestBackend) {
  const maria = await test.api.createOrder(sampleInput({ customer: { name: 'María Gómez', phone: '+44 20 7946 0958' } }));
  const table = await test.api.createOrder(sampleInput({ type: 'dine_in', table: 'Terrace 12' }));
  const national = await test.api.createOrder(sampleInput({ customer: { name: 'JOSÉ 100% real_name', phone: '020 7946 0111' } }));
  const mario = await test.api.createOrder(sampleInput({ customer: { name: 'Mario' } }));
  return { maria, table, national, mario };
}

describe('order search', () => {
  it('finds by name case- and accent-insensitively, by phone in any formatting, by number and by table, newest first', async () => {
    const test = await startTestBackend(resources);
    const { maria, table, national, mario } = await seed(test);

    expect(await numbersFound(test, { q: 'maria' })).toEqual([maria.number]);
    expect(await numbersFound(test, { q: 'MARI' })).toEqual([mario.number, maria.number]);
    expect(await numbersFound(test, { q: 'gomez' })).toEqual([maria.number]);
    // The national form of a stored international number, and other formattings of it.
    expect(await numbersFound(test, { q: '02079460958' })).toEqual([maria.number]);
    expect(await numbersFound(test, { q: '+44 20 7946 0958' })).toEqual([maria.number]);
    expect(await numbersFound(test, { q: '0044 (20) 7946-0958' })).toEqual([maria.number]);
    // An international query finds a number stored in its national form.
    expect(await numbersFound(test, { q: '+442079460111' })).toEqual([national.number]);
    // The last digits alone are a suffix too; another number is not.
    expect(await numbersFound(test, { q: '7946 0958' })).toEqual([maria.number]);
    expect(await numbersFound(test, { q: '020 7946 0959' })).toEqual([]);
    expect(await numbersFound(test, { q: maria.number })).toEqual([maria.number]);
    expect(await numbersFound(test, { q: `#${table.number.toLowerCase()}` })).toEqual([table.number]);
    expect(await numbersFound(test, { q: 'terrace 12' })).toEqual([table.number]);
    // LIKE's own characters are plain text in a query.
    expect(await numbersFound(test, { q: '100%' })).toEqual([national.number]);
    expect(await numbersFound(test, { q: '_' })).toEqual([national.number]);
    expect(await numbersFound(test, { q: 'nobody' })).toEqual([]);
  });

  it('pages newest first with the list cursor; agent and admin tokens search too; a customer token may not', async () => {
    const test = await startTestBackend(resources);
    const made = [];
    for (let i = 0; i < 5; i += 1) made.push(await test.api.createOrder(sampleInput({ customer: { name: `Ana ${i}` } })));
    const first = await search(test, { q: 'ana', limit: '2' }, TEST_TOKENS.agent);
    expect(first.body.orders.map((order) => order.customer?.name)).toEqual(['Ana 4', 'Ana 3']);
    const second = await search(test, { q: 'ana', limit: '2', cursor: first.body.nextCursor ?? '' }, TEST_TOKENS.admin);
    expect(second.body.orders.map((order) => order.customer?.name)).toEqual(['Ana 2', 'Ana 1']);
    const third = await search(test, { q: 'ana', limit: '2', cursor: second.body.nextCursor ?? '' });
    expect(third.body).toMatchObject({ orders: [{ customer: { name: 'Ana 0' } }], nextCursor: null });
    expect((await search(test, { q: 'ana' }, made[0]?.customerToken ?? '')).status).toBe(403);
  });

  it('searches every status by default, and a status filter still applies', async () => {
    const test = await startTestBackend(resources);
    const { maria } = await seed(test);
    await test.api.post(`/api/orders/${maria.id}/transitions`, TEST_TOKENS.agent, { to: 'cancelled', reason: 'test' });
    expect(await numbersFound(test, { q: 'maria' })).toEqual([maria.number]);
    expect(await numbersFound(test, { q: 'maria', status: 'active' })).toEqual([]);
  });

  it('keeps to a time range of creation; bad dates are 400 ORDER_SEARCH_DATE_INVALID', async () => {
    const test = await startTestBackend(resources);
    const { maria } = await seed(test);
    const created = Date.parse(maria.createdAt);
    const day = maria.createdAt.slice(0, 10);
    expect(await numbersFound(test, { q: 'maria', from: day, to: day })).toEqual([maria.number]);
    expect(await numbersFound(test, { q: 'maria', from: new Date(created + 60_000).toISOString() })).toEqual([]);
    expect(await numbersFound(test, { q: 'maria', to: new Date(created - 60_000).toISOString() })).toEqual([]);
    expect(await numbersFound(test, { q: 'maria', from: new Date(created - 3_600_000).toISOString().replace('Z', '+00:00'), to: maria.createdAt })).toEqual([maria.number]);
    // A date alone (no q) lists that day's orders.
    expect(await numbersFound(test, { from: day, to: day })).toHaveLength(4);
    for (const bad of ['yesterday', '2026-02-31', '2026-13-01', '12/07/2026', '2026-12-07T25:00:00Z']) {
      const refused = await search(test, { q: 'maria', from: bad });
      expect({ bad, status: refused.status, code: refused.body.code }).toEqual({ bad, status: 400, code: ERROR_CODES.ORDER_SEARCH_DATE_INVALID });
    }
    const backwards = await search(test, { from: '2026-12-08', to: '2026-12-07' });
    expect(backwards).toMatchObject({ status: 400, body: { code: ERROR_CODES.ORDER_SEARCH_RANGE_INVALID } });
  });

  it("carries each found order's latest payment status, and none on an order without a payment", async () => {
    const test = await startTestBackend(resources);
    const { maria, national, mario } = await seed(test);
    await requestPayment(test, maria.id);
    const paid = await requestPayment(test, national.id);
    expect((await uploadReceipt(test, paid.id, national.customerToken, png())).status).toBe(200);
    expect((await verify(test, paid.id)).status).toBe(200);
    const day = maria.createdAt.slice(0, 10);
    const found = await search(test, { from: day, to: day }, TEST_TOKENS.agent);
    expect(found.status).toBe(200);
    const statusOf = new Map(found.body.orders.map((order) => [order.id, order.paymentStatus]));
    expect(statusOf.get(maria.id)).toBe('requested');
    // The payment's current status, after a change.
    expect(statusOf.get(national.id)).toBe('verified');
    expect(statusOf.get(mario.id)).toBeUndefined();
    expect(found.body.orders.find((order) => order.id === mario.id)).not.toHaveProperty('paymentStatus');
    // A name search carries it too.
    expect((await search(test, { q: 'maria' })).body.orders).toMatchObject([{ id: maria.id, paymentStatus: 'requested' }]);
  });
});
