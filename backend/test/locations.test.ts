import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema, type EventsPage } from '../../common/events.js';
import type { OrderCreated, OrdersPage } from '../../common/order.js';
import type { PrintJob, PrintJobsPage } from '../../common/print-job.js';
import { locationToken, locationsCli, makeLocation, tokensCli, type LocationTokens } from './chain.js';
import { Resources, TEST_TOKENS, sampleInput, startTestBackend, type TestBackend } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

interface Chain {
  test: TestBackend;
  north: LocationTokens;
  south: LocationTokens;
}

/** A backend with locations north and south beside `default` (the test tokens' location; the test admin is chain-wide). */
async function startChain(env?: Record<string, string>): Promise<Chain> {
  const test = await startTestBackend(resources, env ? { env } : {});
  return { test, north: await makeLocation(test.dataDir, 'north', 'North Street'), south: await makeLocation(test.dataDir, 'south', 'South Pier') };
}

async function order(test: TestBackend, posToken: string): Promise<OrderCreated> {
  const created = await test.api.post<OrderCreated>('/api/orders', posToken, sampleInput());
  expect(created.status).toBe(201);
  return created.body;
}

async function log(test: TestBackend, token: string, query = ''): Promise<EventsPage> {
  const answer = await test.api.get(`/api/events?after=0&limit=1000${query}`, token);
  expect(answer.status).toBe(200);
  return EventsPageSchema.parse(answer.body);
}

describe('locations: ticketrail locations and tokens --location', () => {
  it('creates and lists locations, refusing malformed ids, duplicates and tokens of unknown locations', async () => {
    const test = await startTestBackend(resources);
    const dir = test.dataDir;
    expect(await locationsCli(dir, ['create', '--id', 'north', '--name', 'North Street'])).toContain('location north "North Street" created');
    for (const bad of ['North', '-north', 'nörth', 'a'.repeat(33), '']) {
      await expect(locationsCli(dir, ['create', '--id', bad, '--name', 'x'])).rejects.toThrow(/location id|--id/);
    }
    await expect(locationsCli(dir, ['create', '--id', 'north', '--name', 'again'])).rejects.toThrow(/exists already/);
    await expect(locationsCli(dir, ['create', '--id', 'east'])).rejects.toThrow(/--id and --name/);
    expect(await locationsCli(dir, ['create', '--id', 'a'.repeat(32), '--name', 'Longest'])).toHaveLength(3);
    const listed = await locationsCli(dir, ['list']);
    expect(listed.map((line) => line.split(/\s+/)[0])).toEqual(['a'.repeat(32), 'default', 'north']);
    expect(listed.find((line) => line.startsWith('north'))).toMatch(/North Street$/);

    await expect(tokensCli(dir, ['create', '--role', 'agent', '--location', 'nowhere'])).rejects.toThrow(/no location nowhere/);
    await locationToken(dir, 'agent', 'north', 'north pass');
    await locationToken(dir, 'admin', undefined, 'chain admin');
    const tokens = await tokensCli(dir, ['list']);
    expect(tokens.find((line) => line.includes('north pass'))).toMatch(/\sagent\s+north\s/);
    expect(tokens.find((line) => line.includes('chain admin'))).toMatch(/\sadmin\s+\(chain\)\s/);
  });
});

describe('locations: every row belongs to one, and a location token acts in its own only', () => {
  it('keeps orders apart: lists, look-ups by id and by ids, transitions; numbers and seqs count per location', async () => {
    const { test, north, south } = await startChain();
    const inNorth = await order(test, north.pos);
    const inSouth = await order(test, south.pos);
    const inDefault = await test.api.createOrder();
    // Each location numbers its own day and counts its own log from 1.
    expect([inNorth.number, inSouth.number, inDefault.number]).toEqual(['A-001', 'A-001', 'A-001']);
    for (const [token, id] of [
      [north.agent, inNorth.id],
      [south.agent, inSouth.id],
      [TEST_TOKENS.agent, inDefault.id],
    ] as const) {
      const page = await log(test, token);
      expect(page.events.map((event) => event.seq)).toEqual([1, 2, 3]);
      expect(new Set(page.events.map((event) => event.orderId))).toEqual(new Set([id]));
    }

    const northList = await test.api.get<OrdersPage>('/api/orders?status=all', north.pos);
    expect(northList.body.orders.map((o) => o.id)).toEqual([inNorth.id]);
    const byIds = await test.api.get<OrdersPage>(`/api/orders?ids=${inSouth.id},${inNorth.id},${inDefault.id}`, north.agent);
    expect(byIds.body.orders.map((o) => o.id)).toEqual([inNorth.id]);
    // A guessed id of another location is not found, whatever the role.
    for (const token of [north.pos, north.agent, north.admin]) {
      expect((await test.api.get<{ code: string }>(`/api/orders/${inSouth.id}`, token)).body.code).toBe(ERROR_CODES.ORDER_NOT_FOUND);
    }
    const move = await test.api.post<{ code: string }>(`/api/orders/${inSouth.id}/transitions`, north.agent, { to: 'accepted' });
    expect([move.status, move.body.code]).toEqual([404, ERROR_CODES.ORDER_NOT_FOUND]);
    const history = await test.api.get<{ code: string }>(`/api/events?order=${inSouth.id}`, north.agent);
    expect([history.status, history.body.code]).toEqual([404, ERROR_CODES.ORDER_NOT_FOUND]);
    // Nothing of south changed.
    expect((await test.api.get<OrderCreated>(`/api/orders/${inSouth.id}`, south.agent)).body.status).toBe('submitted');
    expect((await log(test, south.agent)).lastSeq).toBe(3);
  });

  it('keeps print jobs apart: list, get, claim, report and reprint; an agent id binds per location', async () => {
    const { test, north, south } = await startChain();
    const inSouth = await order(test, south.pos);
    const southJobs = (await test.api.get<PrintJobsPage>(`/api/print-jobs?orderId=${inSouth.id}`, south.agent)).body.jobs;
    const job = southJobs[0] as PrintJob;
    expect((await test.api.get<PrintJobsPage>('/api/print-jobs', north.agent)).body.jobs).toEqual([]);
    expect((await test.api.get<PrintJobsPage>(`/api/print-jobs?ids=${job.id}`, north.agent)).body.jobs).toEqual([]);
    expect((await test.api.get(`/api/print-jobs/${job.id}`, north.agent)).status).toBe(404);
    const claim = await test.api.post<{ code: string }>(`/api/print-jobs/${job.id}/claim`, north.agent, { agentId: 'pass-pc' });
    expect([claim.status, claim.body.code]).toEqual([404, ERROR_CODES.PRINT_JOB_NOT_FOUND]);
    // The same agent id is free in south: bindings are per location.
    expect((await test.api.post(`/api/print-jobs/${job.id}/claim`, south.agent, { agentId: 'pass-pc' })).status).toBe(200);
    const report = await test.api.post(`/api/print-jobs/${job.id}/status`, north.agent, { agentId: 'pass-pc', status: 'done' });
    expect(report.status).toBe(404);
    expect((await test.api.post(`/api/print-jobs/${job.id}/status`, south.agent, { agentId: 'pass-pc', status: 'done' })).status).toBe(200);
    expect((await test.api.post(`/api/print-jobs/${job.id}/reprint`, north.agent)).status).toBe(404);
    // A ticket job for another location's order is refused as an unknown order.
    const ticket = await test.api.post<{ code: string }>('/api/print-jobs', north.pos, { kind: 'ticket', orderId: inSouth.id, station: 'expo' });
    expect([ticket.status, ticket.body.code]).toEqual([404, ERROR_CODES.ORDER_NOT_FOUND]);
  });

  it('refuses a location token naming another location, in the query or the body', async () => {
    const { test, north } = await startChain();
    const viaQuery = await test.api.get<{ code: string }>('/api/orders?location=south', north.pos);
    expect([viaQuery.status, viaQuery.body.code]).toEqual([403, ERROR_CODES.LOCATION_FORBIDDEN]);
    const viaBody = await test.api.post<{ code: string }>('/api/orders', north.pos, { ...sampleInput(), location: 'south' });
    expect([viaBody.status, viaBody.body.code]).toEqual([403, ERROR_CODES.LOCATION_FORBIDDEN]);
    // Naming its own location is fine; the field never reaches the order's schema.
    expect((await test.api.post('/api/orders', north.pos, { ...sampleInput(), location: 'north' })).status).toBe(201);
    const pos = await test.api.get<{ code: string }>('/api/events?channel=pos&location=default', north.pos);
    expect(pos.body.code).toBe(ERROR_CODES.LOCATION_FORBIDDEN);
  });

  it('lets a chain-wide admin pick the location with ?location= or a body location, default without', async () => {
    const { test, north } = await startChain();
    const admin = TEST_TOKENS.admin;
    const created = await test.api.post<OrderCreated>('/api/orders?location=north', admin, sampleInput());
    expect(created.status).toBe(201);
    const viaBody = await test.api.post<OrderCreated>('/api/orders', admin, { ...sampleInput(), location: 'north' });
    expect(viaBody.body.number).toBe('A-002');
    expect((await test.api.get<OrdersPage>('/api/orders', north.pos)).body.orders.map((o) => o.id)).toEqual([created.body.id, viaBody.body.id]);
    // Without a location: default, as on a one-restaurant install.
    expect((await test.api.get<OrdersPage>('/api/orders', admin)).body.orders).toEqual([]);
    expect((await test.api.get(`/api/orders/${created.body.id}`, admin)).status).toBe(404);
    expect((await test.api.get(`/api/orders/${created.body.id}?location=north`, admin)).status).toBe(200);
    const unknown = await test.api.get<{ code: string }>('/api/orders?location=nowhere', admin);
    expect([unknown.status, unknown.body.code]).toEqual([404, ERROR_CODES.LOCATION_NOT_FOUND]);
    const malformed = await test.api.get<{ code: string }>('/api/orders?location=North!', admin);
    expect([malformed.status, malformed.body.code]).toEqual([400, ERROR_CODES.LOCATION_ID_INVALID]);
    const disagree = await test.api.post<{ code: string }>('/api/orders?location=north', admin, { ...sampleInput(), location: 'south' });
    expect([disagree.status, disagree.body.code]).toEqual([400, ERROR_CODES.LOCATION_ID_INVALID]);
    // A location's own admin is held to it like its other tokens.
    expect((await test.api.get('/api/orders?location=south', north.admin)).status).toBe(403);
  });

  it('reads the POS feed and the log of its own location only', async () => {
    const { test, north, south } = await startChain();
    await order(test, north.pos);
    const card = await test.api.post<{ cardNumber: string }>('/api/gift-cards', south.pos, { amount: 2000, currency: 'EUR' });
    expect(card.status).toBe(201);
    const northFeed = await log(test, north.pos, '&channel=pos');
    expect(northFeed.events.map((event) => event.type)).toEqual(['order.submitted']);
    const southFeed = await log(test, south.pos, '&channel=pos');
    expect(southFeed.events.map((event) => event.type)).toEqual(['gift_card.purchased']);
    // The sale's voucher prints at south's counter, not anywhere else.
    const southJobs = (await test.api.get<PrintJobsPage>('/api/print-jobs?station=counter', south.agent)).body.jobs;
    expect(southJobs.map((job) => job.kind)).toEqual(['voucher']);
    expect((await test.api.get<PrintJobsPage>('/api/print-jobs?station=counter', north.agent)).body.jobs).toEqual([]);
  });
});
