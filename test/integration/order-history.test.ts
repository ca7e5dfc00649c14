import { afterEach, describe, expect, it } from 'vitest';
import { CacheDb } from '../../agent/cache/cache-db.js';
import { TICKETRAIL_CACHE_FILE } from '../../agent/connectors/ticketrail/ticketrail-module.js';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema } from '../../common/events.js';
import type { PrintJob } from '../../common/print-job.js';
import { Resources, TEST_TOKENS, eventually, printerSettings, sampleInput, startTestPrinter, startTestAgent, startTestBackend, tempDir } from './kitchen-harness.js';

/*
 * Issue 24: the board's History through the agent — the backend's search when it answers, the
 * agent's cache (last 7 days, same matching rules, `source: 'cache'`) when it does not.
 */

const resources = new Resources();
afterEach(() => resources.closeAll());

const DAY_MS = 86_400_000;

describe('order history through the agent', () => {
  it('searches through the backend, then from the cache while the backend is unreachable; older than 7 days it says it cannot', async () => {
    const { backend, api } = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [] });
    const maria = await api.createOrder(sampleInput({ customer: { name: 'María Gómez', phone: '+44 20 7946 0958' } }));
    const other = await api.createOrder(sampleInput({ type: 'dine_in', table: 'Terrace 12' }));
    await eventually('both in the cache', async () => (agent.cache.getOrder(maria.id) && agent.cache.getOrder(other.id) ? true : undefined));

    const now = Date.now();
    const today = { from: new Date(now - DAY_MS).toISOString(), to: new Date(now + DAY_MS).toISOString() };
    const online = await agent.api.orderHistory({ q: 'maria', ...today });
    expect(online).toMatchObject({ source: 'backend', orders: [{ id: maria.id }] });
    expect((await agent.api.orderHistory(today)).orders.map((order) => order.id)).toEqual([other.id, maria.id]);

    await backend.close();
    const cached = await agent.api.orderHistory({ q: '02079460958', ...today });
    expect(cached.source).toBe('cache');
    expect(cached.orders.map((order) => order.id)).toEqual([maria.id]);
    expect((await agent.api.orderHistory({ q: 'MARIA', ...today })).orders.map((order) => order.id)).toEqual([maria.id]);
    expect((await agent.api.orderHistory({ q: 'terrace', ...today })).orders.map((order) => order.id)).toEqual([other.id]);
    expect((await agent.api.orderHistory({ q: maria.number, ...today })).orders.map((order) => order.id)).toEqual([maria.id]);
    expect((await agent.api.orderHistory({ q: 'nobody', ...today })).orders).toEqual([]);
    // Outside the range: nothing, even though the cache holds them.
    expect((await agent.api.orderHistory({ from: new Date(now + DAY_MS).toISOString(), to: new Date(now + 2 * DAY_MS).toISOString() })).orders).toEqual([]);

    const older = { from: new Date(now - 9 * DAY_MS).toISOString(), to: new Date(now - 8 * DAY_MS).toISOString() };
    await expect(agent.api.orderHistory(older)).rejects.toMatchObject({ code: ERROR_CODES.BACKEND_UNREACHABLE });
  });

  it('each row carries its latest payment state and its print jobs (originals only), from the backend and from the cache', async () => {
    const { backend, api } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [printerSettings(printer)] });
    const maria = await api.createOrder(sampleInput({ customer: { name: 'María Gómez', phone: '+44 20 7946 0958' } }));
    const other = await api.createOrder(sampleInput({ type: 'dine_in', table: 'Terrace 12' }));
    await eventually('both cards on the board', async () => ((await agent.api.getSnapshot()).orders.filter((card) => card.id === maria.id || card.id === other.id).length === 2 ? true : undefined));
    await agent.api.requestPayment({ orderId: maria.id, amount: 3200, currency: 'EUR', qrPayload: 'pay-me', expiresInMinutes: 10 });
    const now = Date.now();
    const today = { from: new Date(now - DAY_MS).toISOString(), to: new Date(now + DAY_MS).toISOString() };
    const jobsOf = async (orderId: string) => (await api.get<{ jobs: PrintJob[] }>(`/api/print-jobs?orderId=${orderId}`, TEST_TOKENS.agent)).body.jobs.filter((job) => job.reprintOf === undefined).map((job) => job.id).sort();
    const mariaJobs = await jobsOf(maria.id);
    expect(mariaJobs.length).toBeGreaterThan(0);
    await eventually('the tickets printed', async () => ((await api.get<{ jobs: PrintJob[] }>(`/api/print-jobs?orderId=${maria.id}`, TEST_TOKENS.agent)).body.jobs.every((job) => job.status === 'done') ? true : undefined));
    // A reprint of one of them is not a ticket of the order's own: History's Reprint repeats each original once.
    await agent.api.reprint({ jobId: mariaJobs[0]! });
    const online = await eventually('the payment known to the agent', async () => {
      const answer = await agent.api.orderHistory(today);
      return answer.orders.find((row) => row.id === maria.id)?.paymentStatus === 'requested' ? answer : undefined;
    });
    expect(online.source).toBe('backend');
    const onlineRows = new Map(online.orders.map((row) => [row.id, row]));
    expect([...(onlineRows.get(maria.id)?.printJobIds ?? [])].sort()).toEqual(mariaJobs);
    expect(onlineRows.get(other.id)?.paymentStatus).toBeUndefined();
    expect([...(onlineRows.get(other.id)?.printJobIds ?? [])].sort()).toEqual(await jobsOf(other.id));

    await eventually('the jobs in the cache', async () => (mariaJobs.every((id) => agent.cache.getJob(id)) ? true : undefined));
    await backend.close();
    const offline = await agent.api.orderHistory({ q: 'maria', ...today });
    expect(offline.source).toBe('cache');
    expect(offline.orders).toHaveLength(1);
    expect(offline.orders[0]).toMatchObject({ id: maria.id, paymentStatus: 'requested' });
    expect([...(offline.orders[0]?.printJobIds ?? [])].sort()).toEqual(mariaJobs);
  });

  it('shows the payment state of an order paid before the agent existed, from the backend', async () => {
    const { backend, api } = await startTestBackend(resources);
    const maria = await api.createOrder(sampleInput({ customer: { name: 'María Gómez' } }));
    const other = await api.createOrder(sampleInput({ customer: { name: 'Mario' } }));
    const payment = await api.post<{ id: string }>(`/api/orders/${maria.id}/payments`, TEST_TOKENS.pos, { type: 'food', amount: 3200, currency: 'EUR', qrPayload: 'pay-me' });
    expect(payment.status).toBe(201);
    // A fresh agent whose cache starts at the log's head: it never saw the payment's event (as for
    // an order older than its cache), so only the backend's answer can know the order was asked to pay.
    const lastSeq = EventsPageSchema.parse((await api.get('/api/events?after=0&limit=1000', TEST_TOKENS.agent)).body).lastSeq;
    const dataDir = tempDir(resources);
    const fresh = new CacheDb(dataDir, TICKETRAIL_CACHE_FILE);
    fresh.setLastSeq(lastSeq);
    fresh.close();
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [], dataDir });
    expect(agent.cache.getOrder(maria.id)).toBeUndefined();
    const now = Date.now();
    const online = await agent.api.orderHistory({ from: new Date(now - DAY_MS).toISOString(), to: new Date(now + DAY_MS).toISOString() });
    expect(online.source).toBe('backend');
    const rows = new Map(online.orders.map((row) => [row.id, row]));
    expect(rows.get(maria.id)?.paymentStatus).toBe('requested');
    expect(rows.get(other.id)).toBeDefined();
    expect(rows.get(other.id)).not.toHaveProperty('paymentStatus');
  });

  it('refuses a range that ends before it starts, with the backend and without it', async () => {
    const { backend } = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [] });
    const now = Date.now();
    const upsideDown = { from: new Date(now).toISOString(), to: new Date(now - DAY_MS).toISOString() };
    await expect(agent.api.orderHistory(upsideDown)).rejects.toMatchObject({ code: ERROR_CODES.ORDER_SEARCH_RANGE_INVALID });
    await backend.close();
    await expect(agent.api.orderHistory(upsideDown)).rejects.toMatchObject({ code: ERROR_CODES.ORDER_SEARCH_RANGE_INVALID });
    await expect(agent.api.orderHistory({ from: 'yesterday', to: upsideDown.from } as never)).rejects.toMatchObject({ code: ERROR_CODES.VALIDATION_FAILED });
  });
});
