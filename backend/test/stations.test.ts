import { afterEach, describe, expect, it } from 'vitest';
import { orderChannel } from '../../common/channels.js';
import type { DinerOrderView } from '../../common/diner.js';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema, type TicketEvent } from '../../common/events.js';
import { OrderAnswerSchema, OrderSchema, OrdersPageSchema, type Order } from '../../common/order.js';
import { orderAfterEvent } from '../../common/order-after-event.js';
import { PrintJobsPageSchema } from '../../common/print-job.js';
import { ManualClock } from '../../test/integration/manual-clock.js';
import { ORDERS_CHANNEL } from '../../common/channels.js';
import { Resources, TEST_TOKENS, collectEvents, eventually, pusherClient, sampleInput, startTestBackend, subscribe, type TestBackend } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

type Answer = { order?: Order; code?: string; message?: string; details?: Record<string, unknown> };

function station(test: TestBackend, orderId: string, name: string, action: 'ready' | 'recall', token: string = TEST_TOKENS.agent) {
  return test.api.post<Answer>(`/api/orders/${orderId}/stations/${name}/${action}`, token);
}

function transition(test: TestBackend, orderId: string, body: Record<string, unknown>) {
  return test.api.post<Order & Answer>(`/api/orders/${orderId}/transitions`, TEST_TOKENS.agent, body);
}

async function order(test: TestBackend, id: string): Promise<Order> {
  return OrderSchema.parse((await test.api.get(`/api/orders/${id}`, TEST_TOKENS.agent)).body);
}

async function events(test: TestBackend, after = 0): Promise<TicketEvent[]> {
  return EventsPageSchema.parse((await test.api.get(`/api/events?after=${after}&limit=1000`, TEST_TOKENS.agent)).body).events;
}

async function lastSeq(test: TestBackend): Promise<number> {
  return EventsPageSchema.parse((await test.api.get('/api/events?after=0&limit=1', TEST_TOKENS.agent)).body).lastSeq;
}

const orderEventsOf = (log: readonly TicketEvent[], orderId: string) => log.filter((event) => 'orderId' in event && event.orderId === orderId && !event.type.startsWith('print-job'));

/** A two-station order (kitchen: a burger, bar: a beer), as the POS sends it. */
const TWO_STATIONS = sampleInput();

describe('stations: each station bumps its own part of an order', () => {
  it('keeps a two-station order accepted when the bar bumps, and makes it ready with exactly one status change when the kitchen does', async () => {
    const test = await startTestBackend(resources);
    const created = await test.api.createOrder(TWO_STATIONS);
    expect(created.stations).toEqual([
      { station: 'kitchen', status: 'pending' },
      { station: 'bar', status: 'pending' },
    ]);
    const client = await pusherClient(resources, test, TEST_TOKENS.agent);
    const heard = collectEvents(await subscribe(client, ORDERS_CHANNEL));
    const diner = await pusherClient(resources, test, created.customerToken);
    const dinerHeard = collectEvents(await subscribe(diner, orderChannel(created.id)));
    const before = await lastSeq(test);

    // The bar bumps a submitted order: it is accepted first, then the bar's part is ready.
    const bar = await station(test, created.id, 'bar', 'ready');
    expect(bar.status).toBe(200);
    const afterBar = OrderAnswerSchema.parse(bar.body).order;
    expect(afterBar).toMatchObject({ status: 'accepted', version: 3 });
    expect(afterBar.stations).toEqual([
      { station: 'kitchen', status: 'pending' },
      { station: 'bar', status: 'ready', readyAt: afterBar.updatedAt, readyBy: 'env-agent' },
    ]);
    expect(await order(test, created.id)).toEqual(afterBar);
    const barEvents = await events(test, before);
    expect(barEvents.map((e) => [e.type, e.from, e.to, e.station, e.version])).toEqual([
      ['order.status.changed', 'submitted', 'accepted', 'bar', 2],
      ['order.station.ready', undefined, 'ready', 'bar', 3],
    ]);
    expect(barEvents[1]).toMatchObject({ orderId: created.id, station: 'bar', seq: before + 2, actor: { type: 'agent', id: 'env-agent' } });
    // The diner's view is not ready.
    expect((await test.api.get<DinerOrderView>(`/api/orders/${created.id}`, created.customerToken)).body.status).toBe('accepted');

    // The kitchen's bump is the last: the order is ready, told once.
    const kitchen = await station(test, created.id, 'kitchen', 'ready');
    expect(kitchen.status).toBe(200);
    const ready = OrderAnswerSchema.parse(kitchen.body).order;
    expect(ready).toMatchObject({ status: 'ready', version: 5 });
    expect(ready.stations?.map((entry) => [entry.station, entry.status])).toEqual([
      ['kitchen', 'ready'],
      ['bar', 'ready'],
    ]);
    const log = await events(test, before);
    expect(log.map((e) => [e.type, e.to, e.station])).toEqual([
      ['order.status.changed', 'accepted', 'bar'],
      ['order.station.ready', 'ready', 'bar'],
      ['order.station.ready', 'ready', 'kitchen'],
      ['order.status.changed', 'ready', 'kitchen'],
    ]);
    expect(log.filter((e) => e.type === 'order.status.changed' && e.to === 'ready')).toHaveLength(1);
    expect((await test.api.get<DinerOrderView>(`/api/orders/${created.id}`, created.customerToken)).body.status).toBe('ready');

    // A pusher-js subscriber of the kitchen's channel hears every one with its seq; the diner's
    // channel carries the status changes only, never a station.
    await eventually('the kitchen heard all four', () => (heard.length >= 4 ? true : undefined));
    expect(heard).toEqual(log);
    await eventually('the diner heard both status changes', () => (dinerHeard.length >= 2 ? true : undefined));
    expect(dinerHeard.map((e) => [e.type, e.to])).toEqual([
      ['order.status.changed', 'accepted'],
      ['order.status.changed', 'ready'],
    ]);
  });

  it('answers a station already ready with the order unchanged and records nothing, on an open and on a ready order', async () => {
    const test = await startTestBackend(resources);
    const created = await test.api.createOrder(TWO_STATIONS);
    const first = OrderAnswerSchema.parse((await station(test, created.id, 'bar', 'ready')).body).order;
    const seq = await lastSeq(test);
    const again = await station(test, created.id, 'bar', 'ready');
    expect(again.status).toBe(200);
    expect(OrderAnswerSchema.parse(again.body).order).toEqual(first);
    expect(await lastSeq(test)).toBe(seq);

    const ready = OrderAnswerSchema.parse((await station(test, created.id, 'kitchen', 'ready')).body).order;
    const readySeq = await lastSeq(test);
    for (const name of ['kitchen', 'bar']) {
      const repeat = await station(test, created.id, name, 'ready');
      expect(repeat.status).toBe(200);
      expect(OrderAnswerSchema.parse(repeat.body).order).toEqual(ready);
    }
    expect(await lastSeq(test)).toBe(readySeq);
  });

  it('refuses a station the order has no items for (404) and a completed or cancelled order (409 with the allowed moves)', async () => {
    const test = await startTestBackend(resources);
    const created = await test.api.createOrder(TWO_STATIONS);
    const missing = await station(test, created.id, 'grill', 'ready');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: ERROR_CODES.ORDER_STATION_NOT_FOUND, details: { orderId: created.id, station: 'grill', stations: ['kitchen', 'bar'] } });
    expect((await station(test, created.id, 'grill', 'recall')).body).toMatchObject({ code: ERROR_CODES.ORDER_STATION_NOT_FOUND });
    expect((await station(test, 'ord_nope', 'bar', 'ready')).body).toMatchObject({ code: ERROR_CODES.ORDER_NOT_FOUND });
    expect((await station(test, created.id, 'Bar!', 'ready')).status).toBe(400);

    const cancelled = await test.api.createOrder(TWO_STATIONS);
    expect((await transition(test, cancelled.id, { to: 'cancelled', reason: 'guest left' })).status).toBe(200);
    const seq = await lastSeq(test);
    const onCancelled = await station(test, cancelled.id, 'bar', 'ready');
    expect(onCancelled.status).toBe(409);
    expect(onCancelled.body).toMatchObject({ code: ERROR_CODES.ORDER_TRANSITION_INVALID, details: { from: 'cancelled', station: 'bar', allowed: [] } });
    expect((await station(test, cancelled.id, 'bar', 'recall')).body).toMatchObject({ code: ERROR_CODES.ORDER_TRANSITION_INVALID });
    expect(await lastSeq(test)).toBe(seq);

    await station(test, created.id, 'bar', 'ready');
    await station(test, created.id, 'kitchen', 'ready');
    expect((await transition(test, created.id, { to: 'completed' })).status).toBe(200);
    const onCompleted = await station(test, created.id, 'kitchen', 'recall');
    expect(onCompleted.status).toBe(409);
    expect(onCompleted.body).toMatchObject({ code: ERROR_CODES.ORDER_TRANSITION_INVALID, details: { from: 'completed', allowed: ['ready'] } });

    // A POS may not bump; an admin may.
    const other = await test.api.createOrder(TWO_STATIONS);
    expect((await station(test, other.id, 'bar', 'ready', TEST_TOKENS.pos)).status).toBe(403);
    expect((await station(test, other.id, 'bar', 'ready', TEST_TOKENS.admin)).status).toBe(200);
  });

  it('recalls a station: back to pending, and a ready order back to accepted with it', async () => {
    const test = await startTestBackend(resources);
    const created = await test.api.createOrder(TWO_STATIONS);
    await station(test, created.id, 'bar', 'ready');
    let seq = await lastSeq(test);

    const barBack = await station(test, created.id, 'bar', 'recall');
    expect(barBack.status).toBe(200);
    expect(OrderAnswerSchema.parse(barBack.body).order).toMatchObject({
      status: 'accepted',
      stations: [
        { station: 'kitchen', status: 'pending' },
        { station: 'bar', status: 'pending' },
      ],
    });
    expect((await events(test, seq)).map((e) => [e.type, e.to, e.station])).toEqual([['order.station.recalled', 'pending', 'bar']]);
    // Pending already: unchanged, nothing recorded.
    seq = await lastSeq(test);
    expect((await station(test, created.id, 'bar', 'recall')).status).toBe(200);
    expect(await lastSeq(test)).toBe(seq);

    await station(test, created.id, 'bar', 'ready');
    await station(test, created.id, 'kitchen', 'ready');
    seq = await lastSeq(test);
    const kitchenBack = OrderAnswerSchema.parse((await station(test, created.id, 'kitchen', 'recall')).body).order;
    expect(kitchenBack.status).toBe('accepted');
    expect(kitchenBack.stations?.map((entry) => [entry.station, entry.status])).toEqual([
      ['kitchen', 'pending'],
      ['bar', 'ready'],
    ]);
    expect((await events(test, seq)).map((e) => [e.type, e.from, e.to, e.station])).toEqual([
      ['order.station.recalled', undefined, 'pending', 'kitchen'],
      ['order.status.changed', 'ready', 'accepted', 'kitchen'],
    ]);
  });

  it('keeps the whole-order transitions: ready marks every station ready in the same step, a recall puts them all back', async () => {
    const test = await startTestBackend(resources);
    const created = await test.api.createOrder(TWO_STATIONS);
    await transition(test, created.id, { to: 'accepted' });
    await station(test, created.id, 'bar', 'ready');
    const barReadyAt = (await order(test, created.id)).stations?.find((entry) => entry.station === 'bar')?.readyAt;
    const seq = await lastSeq(test);

    const ready = await transition(test, created.id, { to: 'ready', expectedVersion: 3 });
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', version: 4 });
    expect(ready.body.stations).toEqual([
      { station: 'kitchen', status: 'ready', readyAt: ready.body.updatedAt, readyBy: 'env-agent' },
      { station: 'bar', status: 'ready', readyAt: barReadyAt, readyBy: 'env-agent' },
    ]);
    // One event, as before stations existed.
    expect((await events(test, seq)).map((e) => [e.type, e.from, e.to, e.station])).toEqual([['order.status.changed', 'accepted', 'ready', undefined]]);

    const back = await transition(test, created.id, { to: 'accepted' });
    expect(back.body.stations?.map((entry) => entry.status)).toEqual(['pending', 'pending']);
  });

  it('applies every event of the log to the order the way an agent does, reaching the backend\'s order', async () => {
    const test = await startTestBackend(resources);
    const created = await test.api.createOrder(TWO_STATIONS);
    const { customerToken: _token, ...start } = created;
    await station(test, created.id, 'bar', 'ready');
    await station(test, created.id, 'bar', 'recall');
    await station(test, created.id, 'kitchen', 'ready');
    await station(test, created.id, 'bar', 'ready');
    await station(test, created.id, 'bar', 'recall');
    await transition(test, created.id, { to: 'ready' });
    await transition(test, created.id, { to: 'accepted' });
    await station(test, created.id, 'kitchen', 'ready');
    await station(test, created.id, 'bar', 'ready');
    await transition(test, created.id, { to: 'completed' });
    await transition(test, created.id, { to: 'ready' });

    let applied: Order = start;
    for (const event of orderEventsOf(await events(test), created.id)) {
      if (event.type === 'order.status.changed' || event.type === 'order.station.ready' || event.type === 'order.station.recalled') {
        applied = orderAfterEvent(applied, event) ?? applied;
      }
    }
    expect(applied).toEqual(await order(test, created.id));
  });

  it('accepts a submitted order on its first station bump and prints its tickets then, with PRINT_ON=accepted', async () => {
    const test = await startTestBackend(resources, { env: { PRINT_ON: 'accepted' } });
    const created = await test.api.createOrder(TWO_STATIONS);
    const jobs = async () => PrintJobsPageSchema.parse((await test.api.get('/api/print-jobs', TEST_TOKENS.agent)).body).jobs;
    expect(await jobs()).toEqual([]);
    await station(test, created.id, 'bar', 'ready');
    expect((await jobs()).map((job) => job.station)).toEqual(['kitchen', 'bar']);
    await station(test, created.id, 'kitchen', 'ready');
    await station(test, created.id, 'kitchen', 'recall');
    await station(test, created.id, 'kitchen', 'ready');
    expect(await jobs()).toHaveLength(2);
  });
});

describe('recall of a completed order', () => {
  async function completedOrder(test: TestBackend): Promise<Order> {
    const created = await test.api.createOrder(TWO_STATIONS);
    await transition(test, created.id, { to: 'accepted' });
    await transition(test, created.id, { to: 'ready' });
    const completed = await transition(test, created.id, { to: 'completed' });
    expect(completed.status).toBe(200);
    return OrderSchema.parse(completed.body);
  }

  it('brings a completed order back to ready inside RECALL_WINDOW_MINUTES (default 60), and refuses it after', async () => {
    const clock = new ManualClock(Date.parse('2026-12-10T12:00:00.000Z'));
    const test = await startTestBackend(resources, { clock });
    const served = await completedOrder(test);
    expect(served.completedAt).toBe('2026-12-10T12:00:00.000Z');

    clock.advance(60 * 60_000);
    const back = await transition(test, served.id, { to: 'ready' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'ready', version: served.version + 1 });
    expect(back.body.completedAt).toBeUndefined();
    expect(back.body.stations?.every((entry) => entry.status === 'ready')).toBe(true);
    expect((await events(test)).at(-1)).toMatchObject({ type: 'order.status.changed', from: 'completed', to: 'ready' });

    // Served again: the window counts from this completion.
    expect((await transition(test, served.id, { to: 'completed' })).body.completedAt).toBe('2026-12-10T13:00:00.000Z');
    clock.advance(60 * 60_000 + 1);
    const seq = await lastSeq(test);
    const late = await transition(test, served.id, { to: 'ready' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      code: ERROR_CODES.ORDER_RECALL_WINDOW_PASSED,
      details: { completedAt: '2026-12-10T13:00:00.000Z', windowMinutes: 60, closedAt: '2026-12-10T14:00:00.000Z' },
    });
    expect(await lastSeq(test)).toBe(seq);
    // After the window nothing leaves `completed`, and the refusal says so.
    expect((await transition(test, served.id, { to: 'accepted' })).body).toMatchObject({ code: ERROR_CODES.ORDER_TRANSITION_INVALID, details: { allowed: [] } });
  });

  it('takes its window from RECALL_WINDOW_MINUTES', async () => {
    const clock = new ManualClock();
    const test = await startTestBackend(resources, { clock, env: { RECALL_WINDOW_MINUTES: '5' } });
    const first = await completedOrder(test);
    const second = await completedOrder(test);
    clock.advance(5 * 60_000);
    expect((await transition(test, first.id, { to: 'ready' })).status).toBe(200);
    clock.advance(1);
    expect((await transition(test, second.id, { to: 'ready' })).body).toMatchObject({ code: ERROR_CODES.ORDER_RECALL_WINDOW_PASSED });
  });

  it('lists completed orders the most recent completion first, in pages', async () => {
    const clock = new ManualClock();
    const test = await startTestBackend(resources, { clock });
    const created: Order[] = [];
    for (let i = 0; i < 5; i += 1) {
      const order = await test.api.createOrder(TWO_STATIONS);
      await transition(test, order.id, { to: 'accepted' });
      await transition(test, order.id, { to: 'ready' });
      created.push(order);
    }
    // Served in another order than they came in: 3, 0, 4, 1 (2 stays ready).
    for (const i of [3, 0, 4, 1]) {
      clock.advance(1000);
      await transition(test, created[i]?.id as string, { to: 'completed' });
    }
    const page = OrdersPageSchema.parse((await test.api.get('/api/orders?status=completed&limit=20', TEST_TOKENS.agent)).body);
    expect(page.orders.map((o) => o.id)).toEqual([1, 4, 0, 3].map((i) => created[i]?.id));
    expect(page.nextCursor).toBeNull();

    const first = OrdersPageSchema.parse((await test.api.get('/api/orders?status=completed&limit=3', TEST_TOKENS.agent)).body);
    expect(first.orders.map((o) => o.id)).toEqual([1, 4, 0].map((i) => created[i]?.id));
    const rest = OrdersPageSchema.parse((await test.api.get(`/api/orders?status=completed&limit=3&cursor=${first.nextCursor ?? ''}`, TEST_TOKENS.agent)).body);
    expect(rest.orders.map((o) => o.id)).toEqual([created[3]?.id]);
    // A cursor of another listing is refused, not misread.
    const active = OrdersPageSchema.parse((await test.api.get('/api/orders?status=all&limit=1', TEST_TOKENS.agent)).body);
    expect((await test.api.get(`/api/orders?status=completed&cursor=${active.nextCursor ?? ''}`, TEST_TOKENS.agent)).body).toMatchObject({ code: ERROR_CODES.VALIDATION_FAILED });
  });
});
