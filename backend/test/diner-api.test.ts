import { afterEach, describe, expect, it } from 'vitest';
import { ORDERS_CHANNEL, orderChannel } from '../../common/channels.js';
import type { DinerEventsPage, DinerOrderView, DinerSession } from '../../common/diner.js';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema, type TicketEvent } from '../../common/events.js';
import { png, requestPayment, uploadReceipt, verify } from './front-of-house.js';
import { Resources, TEST_TOKENS, collectEvents, eventually, pusherClient, sampleInput, startTestBackend, subscribe, type TestBackend } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const COURIER = { vendor: 'Bolt Food', trackingUrl: 'https://track.example.com/d/123', etaMinutes: 25 };

async function events(test: TestBackend) {
  return EventsPageSchema.parse((await test.api.get('/api/events?limit=1000', TEST_TOKENS.agent)).body).events;
}

function putCourier(test: TestBackend, orderId: string, body: unknown, token: string = TEST_TOKENS.agent) {
  return test.api.request<{ code?: string }>('PUT', `/api/orders/${orderId}/courier`, { token, json: body });
}

function transition(test: TestBackend, orderId: string, to: string, reason?: string) {
  return test.api.post(`/api/orders/${orderId}/transitions`, TEST_TOKENS.agent, { to, ...(reason ? { reason } : {}) });
}

describe('courier', () => {
  it('sets and replaces the courier with courier.tracking.updated; https links only', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const set = await putCourier(test, order.id, COURIER);
    expect(set).toMatchObject({ status: 200, body: { orderId: order.id, ...COURIER, version: 1 } });
    expect((await events(test)).at(-1)).toMatchObject({ type: 'courier.tracking.updated', orderId: order.id, to: 'booked', ...COURIER, version: 1 });
    const replaced = await putCourier(test, order.id, { vendor: 'Wolt', trackingUrl: 'https://wolt.example/t/9' }, TEST_TOKENS.admin);
    expect(replaced.body).toMatchObject({ vendor: 'Wolt', version: 2 });
    expect(replaced.body).not.toHaveProperty('etaMinutes');

    const before = (await events(test)).length;
    for (const trackingUrl of ['http://track.example.com/d/123', 'javascript:alert(1)', 'ftp://track.example.com', 'https://', 'not a url']) {
      const refused = await putCourier(test, order.id, { ...COURIER, trackingUrl });
      expect({ trackingUrl, status: refused.status, code: refused.body.code }).toEqual({ trackingUrl, status: 400, code: ERROR_CODES.VALIDATION_FAILED });
    }
    expect((await putCourier(test, order.id, { ...COURIER, etaMinutes: -1 })).status).toBe(400);
    expect((await putCourier(test, order.id, COURIER, TEST_TOKENS.pos)).status).toBe(403);
    expect((await putCourier(test, order.id, COURIER, order.customerToken)).status).toBe(403);
    expect((await putCourier(test, 'ord_nope', COURIER)).body).toMatchObject({ code: ERROR_CODES.ORDER_NOT_FOUND });
    expect(await events(test)).toHaveLength(before);

    await transition(test, order.id, 'cancelled', 'no driver');
    expect((await putCourier(test, order.id, COURIER)).body).toMatchObject({ code: ERROR_CODES.ORDER_CLOSED });
  });

  it('keeps the courier\'s optional name and phone (issue 24), shows them to the diner, and still takes a vendor alone', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const contact = { ...COURIER, name: 'Marta', phone: '+44 20 7946 0958' };
    expect(await putCourier(test, order.id, contact)).toMatchObject({ status: 200, body: { orderId: order.id, ...contact, version: 1 } });
    expect((await events(test)).at(-1)).toMatchObject({ type: 'courier.tracking.updated', ...contact });
    const view = (await test.api.get<DinerOrderView>(`/api/orders/${order.id}`, order.customerToken)).body;
    expect(view.courier).toMatchObject({ vendor: COURIER.vendor, name: 'Marta', phone: '+44 20 7946 0958' });
    const dinerEvents = (await test.api.get<DinerEventsPage>(`/api/events?order=${order.id}&after=0`, order.customerToken)).body.events;
    expect(dinerEvents.at(-1)).toMatchObject({ type: 'courier.tracking.updated', name: 'Marta', phone: '+44 20 7946 0958' });

    // Not a phone number, or an empty name: 400, nothing changed.
    for (const bad of [{ phone: 'call me' }, { phone: '12' }, { phone: 'x'.repeat(40) }, { name: ' ' }]) {
      const refused = await putCourier(test, order.id, { ...COURIER, ...bad });
      expect({ bad, status: refused.status, code: refused.body.code }).toEqual({ bad, status: 400, code: ERROR_CODES.VALIDATION_FAILED });
    }
    // An API client that knows only `vendor` works as before; a replaced courier drops the old contact.
    const plain = await putCourier(test, order.id, { vendor: 'Wolt', trackingUrl: 'https://wolt.example/t/9' });
    expect(plain.body).toMatchObject({ vendor: 'Wolt', version: 2 });
    expect(plain.body).not.toHaveProperty('name');
    expect(plain.body).not.toHaveProperty('phone');
    const replaced = (await test.api.get<DinerOrderView>(`/api/orders/${order.id}`, order.customerToken)).body.courier;
    expect(replaced).toMatchObject({ vendor: 'Wolt' });
    expect(replaced).not.toHaveProperty('phone');
  });
});

describe('order.closed', () => {
  it('follows the status change that ends an order, in the same transaction with the next seq', async () => {
    const test = await startTestBackend(resources);
    const done = await test.api.createOrder();
    const cancelled = await test.api.createOrder();
    for (const to of ['accepted', 'ready', 'completed']) await transition(test, done.id, to);
    await transition(test, cancelled.id, 'cancelled', 'guest left');
    const log = await events(test);
    for (const [order, finalStatus] of [
      [done, 'completed'],
      [cancelled, 'cancelled'],
    ] as const) {
      const closing = log.findIndex((event) => event.type === 'order.status.changed' && event.orderId === order.id && event.to === finalStatus);
      const change = log[closing] as TicketEvent;
      expect(log[closing + 1]).toEqual({ seq: change.seq + 1, type: 'order.closed', orderId: order.id, to: finalStatus, finalStatus, actor: change.actor, at: change.at, version: change.version });
    }
    expect(log.filter((event) => event.type === 'order.closed')).toHaveLength(2);
  });
});

describe('the diner: a customer token reads its own order', () => {
  it('answers a diner view: number, status, items, payments, courier; no notes, customer, phone or stations', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder(sampleInput({ customer: { name: 'Ana', phone: '+351 912 345 678' }, notes: 'VIP, ex-partner of the chef' }));
    const payment = await requestPayment(test, order.id);
    await putCourier(test, order.id, COURIER);

    const answer = await test.api.get<DinerOrderView>(`/api/orders/${order.id}`, order.customerToken);
    expect(answer.status).toBe(200);
    const view = answer.body;
    expect(view).toMatchObject({
      id: order.id,
      number: order.number,
      status: 'submitted',
      items: [
        { name: 'Cheeseburger', qty: 2, modifiers: ['no onion'] },
        { name: 'IPA draft', qty: 1, modifiers: [] },
      ],
      total: { amount: 3200, currency: 'EUR' },
      payments: [{ id: payment.id, type: 'food', amount: 3200, currency: 'EUR', status: 'requested', qrPayload: payment.qrPayload, receiptUploaded: false }],
      courier: { vendor: COURIER.vendor, trackingUrl: COURIER.trackingUrl, etaMinutes: 25 },
    });
    const text = JSON.stringify(view);
    for (const secret of ['912 345 678', 'Ana', 'ex-partner', 'station', 'kitchen', 'ALLERGY', 'customerToken', 'env-']) expect(text).not.toContain(secret);
    const log = await events(test);
    expect(view.lastSeq).toBe(log.filter((event) => event.orderId === order.id && !event.type.startsWith('print-job')).at(-1)?.seq);

    // Staff still read the whole order.
    expect((await test.api.get(`/api/orders/${order.id}`, TEST_TOKENS.agent)).body).toMatchObject({ notes: 'VIP, ex-partner of the chef', customer: { phone: '+351 912 345 678' } });
    const other = await test.api.createOrder();
    expect((await test.api.get(`/api/orders/${other.id}`, order.customerToken)).status).toBe(403);
    expect((await test.api.get(`/api/payments/${payment.id}`, other.customerToken)).status).toBe(403);
  });

  it('catches up from /api/events?order=&after= with its own order\'s diner events only', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const other = await test.api.createOrder();
    const payment = await requestPayment(test, order.id);
    await requestPayment(test, other.id);
    await transition(test, order.id, 'accepted');
    await uploadReceipt(test, payment.id, order.customerToken, png());
    await verify(test, payment.id);

    const all = await test.api.get<DinerEventsPage>(`/api/events?order=${order.id}&after=0`, order.customerToken);
    expect(all.status).toBe(200);
    expect(all.body.events.map((event) => event.type)).toEqual(['order.submitted', 'payment.requested', 'order.status.changed', 'payment.receipt_uploaded', 'payment.verified']);
    for (const event of all.body.events) {
      expect(event.orderId).toBe(order.id);
      expect(event).not.toHaveProperty('actor');
    }
    expect(all.body.lastSeq).toBe(all.body.events.at(-1)?.seq);
    const after = all.body.events[2]?.seq ?? 0;
    const rest = await test.api.get<DinerEventsPage>(`/api/events?order=${order.id}&after=${after}&limit=1`, order.customerToken);
    expect(rest.body.events.map((event) => event.type)).toEqual(['payment.receipt_uploaded']);

    expect((await test.api.get(`/api/events?order=${other.id}&after=0`, order.customerToken)).status).toBe(403);
    expect((await test.api.get('/api/events?after=0', order.customerToken)).status).toBe(403);
    expect((await test.api.get(`/api/events?order=${order.id}`, 'ct_forged')).status).toBe(401);
    // Staff may filter by order too, and then get every event of it, print jobs included.
    const staff = EventsPageSchema.parse((await test.api.get(`/api/events?order=${order.id}`, TEST_TOKENS.agent)).body);
    expect(staff.events.filter((event) => event.type === 'print-job.created')).toHaveLength(2);
    expect(staff.events.every((event) => event.orderId === order.id)).toBe(true);
  });

  it('tells the diner page where its channel is: GET /api/diner/session', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const session = await test.api.get<DinerSession>('/api/diner/session', order.customerToken);
    expect(session.body).toMatchObject({
      orderId: order.id,
      channel: orderChannel(order.id),
      realtime: { host: '127.0.0.1', port: test.backend.relay?.port, useTLS: false, authEndpoint: `${test.backend.url}/api/pusher/auth` },
    });
    expect((await test.api.get('/api/diner/session', TEST_TOKENS.admin)).status).toBe(403);
    expect((await test.api.get('/api/diner/session', TEST_TOKENS.agent)).status).toBe(403);
    expect((await test.api.get('/api/diner/session')).status).toBe(401);
  });
});

describe('the diner page: GET /o/:customerToken', () => {
  it('serves the built page for a genuine token only, with a strict CSP that lets it reach the relay and nothing else', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const page = await fetch(`${test.backend.url}/o/${encodeURIComponent(order.customerToken)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${test.backend.relay?.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    // No inline script: everything the page runs is a file of its own, served under /o/assets/.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const script = /<script[^>]*src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${test.backend.url}/o/${script ?? ''}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    // Read it whole: a response left unread keeps its socket busy, and the backend's close waits for it.
    expect((await asset.text()).length).toBeGreaterThan(0);

    for (const token of ['ct_forged', TEST_TOKENS.admin, `${order.customerToken}x`]) {
      const refused = await fetch(`${test.backend.url}/o/${encodeURIComponent(token)}`);
      await refused.body?.cancel();
      expect({ token, status: refused.status }).toEqual({ token, status: 404 });
    }
  });
});

describe('channels: staff on private-orders, the diner on private-order-{id}', () => {
  it('sends the diner flat, small events of their order only, and staff the full events', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder(sampleInput({ customer: { name: 'Ana', phone: '+351 912 345 678' } }));
    const other = await test.api.createOrder();
    const staff = collectEvents(await subscribe(await pusherClient(resources, test, TEST_TOKENS.agent), ORDERS_CHANNEL));
    const dinerClient = await pusherClient(resources, test, order.customerToken);
    const diner = collectEvents(await subscribe(dinerClient, orderChannel(order.id)));

    const payment = await requestPayment(test, order.id);
    await requestPayment(test, other.id);
    await transition(test, order.id, 'accepted');
    await uploadReceipt(test, payment.id, order.customerToken, png());
    await test.api.post(`/api/payments/${payment.id}/reject`, TEST_TOKENS.agent, { reason: 'blurry' });
    await putCourier(test, order.id, COURIER);
    await transition(test, order.id, 'ready');
    await transition(test, order.id, 'completed');

    const expected = ['payment.requested', 'order.status.changed', 'payment.receipt_uploaded', 'payment.rejected', 'courier.tracking.updated', 'order.status.changed', 'order.status.changed', 'order.closed'];
    await eventually('the diner events', () => (diner.length >= expected.length ? true : undefined));
    expect(diner.map((event) => event.type)).toEqual(expected);
    const log = await events(test);
    for (const event of diner) {
      const logged = log.find((candidate) => candidate.seq === event.seq);
      expect(logged).toMatchObject({ type: event.type, orderId: order.id });
      expect(Object.keys(event)).not.toContain('actor');
    }
    expect(diner.find((event) => event.type === 'payment.rejected')).toMatchObject({ reason: 'blurry', amount: 3200, currency: 'EUR', paymentId: payment.id });
    expect(diner.find((event) => event.type === 'order.closed')).toMatchObject({ finalStatus: 'completed' });
    const wire = JSON.stringify(diner);
    for (const secret of ['912 345 678', 'Cheeseburger', 'items', 'env-agent']) expect(wire).not.toContain(secret);

    // Staff receive the same events as the log, actor and all, for both orders.
    await eventually('the staff events', () => (staff.filter((event) => event.type === 'order.closed').length === 1 ? true : undefined));
    const staffPayments = staff.filter((event) => event.type.startsWith('payment.'));
    expect(staffPayments).toHaveLength(4);
    for (const event of staff) expect(event).toEqual(log.find((candidate) => candidate.seq === event.seq));
  });
});
