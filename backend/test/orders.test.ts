import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema } from '../../common/events.js';
import { OrderCreatedSchema, OrderSchema, OrdersPageSchema, type Order } from '../../common/order.js';
import { PrintJobsPageSchema } from '../../common/print-job.js';
import { Resources, TEST_TOKENS, sampleInput, startTestBackend, type TestBackend } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

function transition(test: TestBackend, id: string, body: Record<string, unknown>, token: string = TEST_TOKENS.agent) {
  return test.api.post<Order & { code?: string; details?: unknown }>(`/api/orders/${id}/transitions`, token, body);
}

async function events(test: TestBackend) {
  return EventsPageSchema.parse((await test.api.get('/api/events?limit=1000', TEST_TOKENS.agent)).body).events;
}

async function jobs(test: TestBackend, query = '') {
  return PrintJobsPageSchema.parse((await test.api.get(`/api/print-jobs?${query}`, TEST_TOKENS.agent)).body).jobs;
}

describe('orders', () => {
  it('runs the full lifecycle, recording one event per change with rising versions', async () => {
    const test = await startTestBackend(resources);
    const created = OrderCreatedSchema.parse(await test.api.createOrder());
    expect(created).toMatchObject({
      number: 'A-001',
      type: 'dine_in',
      table: '12',
      customer: { name: 'Łukasz' },
      status: 'submitted',
      version: 1,
      total: { amount: 3200, currency: 'EUR' },
      items: [
        { name: 'Cheeseburger', qty: 2, station: 'kitchen', modifiers: ['no onion'], notes: 'ALLERGY: sesame' },
        { name: 'IPA draft', qty: 1, station: 'bar', modifiers: [] },
      ],
    });
    expect(created.id).toMatch(/^ord_[0-9a-z]{26}$/);
    expect(created.customerToken).toMatch(/^ct_/);

    const fetched = await test.api.get(`/api/orders/${created.id}`, TEST_TOKENS.pos);
    expect(fetched.status).toBe(200);
    const { customerToken: _secret, ...order } = created;
    expect(OrderSchema.parse(fetched.body)).toEqual(order);
    expect(fetched.body).not.toHaveProperty('customerToken');

    let version = 1;
    for (const to of ['accepted', 'ready', 'accepted', 'ready', 'completed'] as const) {
      const answer = await transition(test, created.id, { to, expectedVersion: version });
      expect(answer.status).toBe(200);
      version += 1;
      expect(answer.body).toMatchObject({ status: to, version });
    }

    const log = await events(test);
    expect(log.map((e) => [e.type, e.from, e.to, e.version])).toEqual([
      ['order.submitted', undefined, 'submitted', 1],
      ['print-job.created', undefined, 'pending', 1],
      ['print-job.created', undefined, 'pending', 1],
      ['order.status.changed', 'submitted', 'accepted', 2],
      ['order.status.changed', 'accepted', 'ready', 3],
      ['order.status.changed', 'ready', 'accepted', 4],
      ['order.status.changed', 'accepted', 'ready', 5],
      ['order.status.changed', 'ready', 'completed', 6],
      // The order's end, next to its last status change (issue 12).
      ['order.closed', undefined, 'completed', 6],
    ]);
    expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(log.at(-1)).toMatchObject({ type: 'order.closed', orderId: created.id, finalStatus: 'completed' });
    expect(log[0]?.actor).toEqual({ type: 'pos', id: 'env-pos' });
    expect(log[3]?.actor).toEqual({ type: 'agent', id: 'env-agent' });

    // Recalls did not print the ticket again: still one job per station.
    expect((await jobs(test)).map((job) => [job.kind, job.station, job.orderId])).toEqual([
      ['ticket', 'kitchen', created.id],
      ['ticket', 'bar', created.id],
    ]);
  });

  it('refuses illegal moves, same-status moves and stale versions with 409 and nothing written', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const before = (await events(test)).length;

    const skip = await transition(test, order.id, { to: 'completed' });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({
      code: ERROR_CODES.ORDER_TRANSITION_INVALID,
      details: { from: 'submitted', to: 'completed', allowed: ['accepted', 'cancelled'] },
    });
    const same = await transition(test, order.id, { to: 'submitted' });
    expect(same.status).toBe(409);
    expect(same.body).toMatchObject({ code: ERROR_CODES.ORDER_TRANSITION_INVALID });

    expect((await transition(test, order.id, { to: 'accepted' })).status).toBe(200);
    // The second identical action (e.g. a second screen) is not silently accepted.
    const again = await transition(test, order.id, { to: 'accepted' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: ERROR_CODES.ORDER_TRANSITION_INVALID, details: { from: 'accepted', to: 'accepted' } });

    const stale = await transition(test, order.id, { to: 'ready', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: ERROR_CODES.ORDER_VERSION_CONFLICT,
      details: { expectedVersion: 1, currentVersion: 2, order: { id: order.id, status: 'accepted', version: 2 } },
    });

    expect((await events(test)).length).toBe(before + 1);
    expect((await test.api.get<Order>(`/api/orders/${order.id}`, TEST_TOKENS.agent)).body).toMatchObject({ status: 'accepted', version: 2 });
  });

  it('needs a reason to cancel and records it', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const noReason = await transition(test, order.id, { to: 'cancelled' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ code: ERROR_CODES.ORDER_CANCEL_REASON_REQUIRED });
    const blank = await transition(test, order.id, { to: 'cancelled', reason: '   ' });
    expect(blank.status).toBe(400);

    const cancelled = await transition(test, order.id, { to: 'cancelled', reason: 'guest left' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'guest left', version: 2 });
    const log = await events(test);
    expect(log.at(-2)).toMatchObject({ type: 'order.status.changed', to: 'cancelled', reason: 'guest left' });
    expect(log.at(-1)).toMatchObject({ type: 'order.closed', orderId: order.id, to: 'cancelled', finalStatus: 'cancelled', seq: (log.at(-2)?.seq ?? 0) + 1 });
    expect((await transition(test, order.id, { to: 'accepted' })).status).toBe(409);
  });

  it('numbers orders A-001, A-002 … and lists them by status with a cursor', async () => {
    const test = await startTestBackend(resources);
    const created = [];
    for (let i = 0; i < 7; i += 1) created.push(await test.api.createOrder());
    expect(created.map((o) => o.number)).toEqual(['A-001', 'A-002', 'A-003', 'A-004', 'A-005', 'A-006', 'A-007']);
    await transition(test, created[1]?.id ?? '', { to: 'cancelled', reason: 'test' });
    await transition(test, created[2]?.id ?? '', { to: 'accepted' });
    await transition(test, created[2]?.id ?? '', { to: 'ready' });
    await transition(test, created[2]?.id ?? '', { to: 'completed' });

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/orders?status=active&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = OrdersPageSchema.parse((await test.api.get(query, TEST_TOKENS.pos)).body);
      pages.push(page.orders.map((o) => o.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.flat()).toEqual(['A-001', 'A-004', 'A-005', 'A-006', 'A-007']);
    expect(pages[0]).toHaveLength(2);

    const all = OrdersPageSchema.parse((await test.api.get('/api/orders?status=all&limit=200', TEST_TOKENS.agent)).body);
    expect(all.orders).toHaveLength(7);
    expect(all.nextCursor).toBeNull();
    const cancelled = OrdersPageSchema.parse((await test.api.get('/api/orders?status=cancelled', TEST_TOKENS.agent)).body);
    expect(cancelled.orders.map((o) => o.number)).toEqual(['A-002']);

    const badCursor = await test.api.get('/api/orders?cursor=nonsense', TEST_TOKENS.agent);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body).toMatchObject({ code: ERROR_CODES.VALIDATION_FAILED });
  });

  it('answers a repeated Idempotency-Key with the same 201 and refuses it with a different body', async () => {
    const test = await startTestBackend(resources);
    const key = { 'idempotency-key': 'pos-7-ticket-1001' };
    const first = await test.api.post('/api/orders', TEST_TOKENS.pos, sampleInput(), key);
    // Same content, keys in another order: still the same request.
    const reordered = JSON.parse(JSON.stringify(sampleInput())) as Record<string, unknown>;
    const shuffled = Object.fromEntries(Object.entries(reordered).reverse());
    const second = await test.api.post('/api/orders', TEST_TOKENS.pos, shuffled, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');

    const different = await test.api.post('/api/orders', TEST_TOKENS.pos, sampleInput({ table: '99' }), key);
    expect(different.status).toBe(409);
    expect(different.body).toMatchObject({ code: ERROR_CODES.IDEMPOTENCY_KEY_REUSED });

    // Keys belong to the token that sent them: another token's identical key is a new order.
    const admin = await test.api.post('/api/orders', TEST_TOKENS.admin, sampleInput(), key);
    expect(admin.status).toBe(201);
    expect((admin.body as Order).id).not.toBe((first.body as Order).id);

    const all = OrdersPageSchema.parse((await test.api.get('/api/orders?status=all', TEST_TOKENS.agent)).body);
    expect(all.orders).toHaveLength(2);
    expect((await events(test)).filter((e) => e.type === 'order.submitted')).toHaveLength(2);

    const badKey = await test.api.post('/api/orders', TEST_TOKENS.pos, sampleInput(), { 'idempotency-key': 'x'.repeat(200) });
    expect(badKey.status).toBe(400);
  });

  it('prints on acceptance when PRINT_ON=accepted, once, and not again on recall', async () => {
    const test = await startTestBackend(resources, { env: { PRINT_ON: 'accepted' } });
    const order = await test.api.createOrder(
      sampleInput({
        items: [
          { name: 'Soup', qty: 1, station: 'kitchen' },
          { name: 'Wine', qty: 2, station: 'bar' },
          { name: 'Cake', qty: 1, station: 'expo' },
          { name: 'Bread', qty: 1, station: 'kitchen' },
        ],
      }),
    );
    expect(await jobs(test)).toEqual([]);
    await transition(test, order.id, { to: 'accepted' });
    const created = await jobs(test);
    expect(created.map((job) => job.station)).toEqual(['kitchen', 'bar', 'expo']);
    await transition(test, order.id, { to: 'ready' });
    await transition(test, order.id, { to: 'accepted' });
    expect(await jobs(test)).toHaveLength(3);
    const log = await events(test);
    expect(log.map((e) => e.type)).toEqual([
      'order.submitted',
      'order.status.changed',
      'print-job.created',
      'print-job.created',
      'print-job.created',
      'order.status.changed',
      'order.status.changed',
    ]);
    // A cancelled order is never accepted, so it never prints.
    const other = await test.api.createOrder();
    await transition(test, other.id, { to: 'cancelled', reason: 'duplicate' });
    expect(await jobs(test, `orderId=${other.id}`)).toEqual([]);
  });

  it('with PRINT_ON=accepted, still prints the station tickets when a manual ticket job came first', async () => {
    const test = await startTestBackend(resources, { env: { PRINT_ON: 'accepted' } });
    const order = await test.api.createOrder();
    // A POS asks for an extra expo slip before the kitchen has accepted the order.
    const manual = await test.api.post<{ id: string }>('/api/print-jobs', TEST_TOKENS.pos, { kind: 'ticket', orderId: order.id, station: 'expo' });
    expect(manual.status).toBe(201);

    expect((await transition(test, order.id, { to: 'accepted' })).status).toBe(200);
    const afterAccept = await jobs(test, `orderId=${order.id}`);
    expect(afterAccept.map((job) => [job.station, job.id === manual.body.id])).toEqual([
      ['expo', true],
      ['kitchen', false],
      ['bar', false],
    ]);

    // A recall is not a first acceptance: nothing prints again.
    expect((await transition(test, order.id, { to: 'ready' })).status).toBe(200);
    expect((await transition(test, order.id, { to: 'accepted' })).status).toBe(200);
    expect(await jobs(test, `orderId=${order.id}`)).toHaveLength(3);
  });

  it('enforces roles on order routes', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    expect((await test.api.post('/api/orders', TEST_TOKENS.agent, sampleInput())).status).toBe(403);
    expect((await test.api.post(`/api/orders/${order.id}/transitions`, TEST_TOKENS.pos, { to: 'accepted' })).status).toBe(403);
    expect((await test.api.post(`/api/orders/${order.id}/transitions`, TEST_TOKENS.admin, { to: 'accepted' })).status).toBe(200);
    expect((await test.api.get('/api/events', TEST_TOKENS.pos)).status).toBe(403);
    // A customer token reads its own order (the diner's view, issue 12) and no other.
    expect((await test.api.get(`/api/orders/${order.id}`, order.customerToken)).status).toBe(200);
    const other = await test.api.createOrder();
    expect((await test.api.get(`/api/orders/${other.id}`, order.customerToken)).status).toBe(403);
    expect((await test.api.get('/api/orders')).status).toBe(401);
  });
});
