import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema, type TicketEvent } from '../../common/events.js';
import type { OrderCreated } from '../../common/order.js';
import type { PrintJob } from '../../common/print-job.js';
import { startRelay, type RunningRelay } from '../relay/index.js';
import { startBackendProcess, type BackendProcess } from './backend-process.js';
import { locationToken, makeLocation } from './chain.js';
import { testDatabaseEnv } from './database.js';
import { Api, Resources, TEST_TOKENS, sampleInput, tempDir } from './helpers.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../../test/wait-budget.js';

/*
 * Two backend processes (the real CLI, each in its own OS process) on one PostgreSQL database,
 * publishing to one standalone Pusher-protocol relay, as a chain runs behind a reverse proxy.
 */

const resources = new Resources();
let relay: RunningRelay;
let processes: [BackendProcess, BackendProcess];
let apis: [Api, Api];
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDir(resources);
  const app = { id: '424242', key: randomBytes(10).toString('hex'), secret: randomBytes(20).toString('hex') };
  relay = await startRelay({ host: '127.0.0.1', port: 0, apps: [app] });
  resources.add(() => relay.close());
  const env = {
    ...(await testDatabaseEnv(dataDir)),
    PUSHER_APP_ID: app.id,
    PUSHER_KEY: app.key,
    PUSHER_SECRET: app.secret,
    PUSHER_HOST: '127.0.0.1',
    PUSHER_PORT: String(relay.port),
    // Every process of a chain shares the secret customer tokens come from.
    CUSTOMER_TOKEN_SECRET: randomBytes(32).toString('hex'),
    ADMIN_TOKEN: TEST_TOKENS.admin,
    AGENT_TOKEN: TEST_TOKENS.agent,
    POS_TOKEN: TEST_TOKENS.pos,
  };
  // The first migrates the new schema; the second finds it done.
  const first = await startBackendProcess({ env: { ...env, DATA_DIR: tempDir(resources) } });
  resources.add(() => first.stop());
  const second = await startBackendProcess({ env: { ...env, DATA_DIR: tempDir(resources) } });
  resources.add(() => second.stop());
  processes = [first, second];
  apis = [new Api(first.url), new Api(second.url)];
}, PROCESS_TEST_TIMEOUT_MS);

afterAll(() => resources.closeAll());

/** A location's log read from `api`, checking every page starts right after the cursor and has no hole. */
async function readOn(api: Api, token: string, after: number, limit: number): Promise<{ events: TicketEvent[]; lastSeq: number }> {
  const answer = await api.get(`/api/events?after=${after}&limit=${limit}`, token);
  if (answer.status !== 200) throw new Error(`GET /api/events answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return EventsPageSchema.parse(answer.body);
}

describe('several backend processes on one PostgreSQL database', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('keeps each location\'s log gap-free in commit order: a reader catching up while both post never skips an event', async () => {
    const north = await makeLocation(dataDir, 'north');
    const locations = [
      { name: 'default', pos: TEST_TOKENS.pos, agent: TEST_TOKENS.agent },
      { name: 'north', pos: north.pos, agent: north.agent },
    ];
    const POSTERS_PER_PROCESS = 3;
    const ORDERS_PER_POSTER = 12;
    const posted = new Map<string, Set<string>>(locations.map((location) => [location.name, new Set()]));
    let posting = true;

    // Orders (whose day counter also orders their transactions) and raw print jobs (nothing but
    // the seq row orders those), from every poster at once.
    const posters = locations.flatMap((location) =>
      apis.flatMap((api) =>
        Array.from({ length: POSTERS_PER_PROCESS }, async () => {
          for (let i = 0; i < ORDERS_PER_POSTER; i += 1) {
            const [created, job] = await Promise.all([
              api.post<OrderCreated>('/api/orders', location.pos, sampleInput({ table: String(i) })),
              api.post<PrintJob>('/api/print-jobs', location.agent, { kind: 'raw', station: 'bar', payload: 'G0A=' }),
            ]);
            if (created.status !== 201 || job.status !== 201) throw new Error(`POST answered ${created.status} and ${job.status}`);
            posted.get(location.name)?.add(created.body.id);
          }
        }),
      ),
    );

    // The third client: catches up in a loop from both processes in turn, small pages, and checks
    // every page against its cursor. A seq handed out before an earlier one committed would show
    // here as a page starting past cursor + 1 (or a hole inside one) and be skipped for ever.
    const readers = locations.map(async (location) => {
      const seen: TicketEvent[] = [];
      let cursor = 0;
      for (let turn = 0; ; turn += 1) {
        const stillPosting = posting;
        const page = await readOn(apis[turn % 2] as Api, location.agent, cursor, 7);
        page.events.forEach((event, i) => {
          if (event.seq !== cursor + 1 + i) throw new Error(`${location.name}: after seq ${cursor} the log showed seq ${event.seq} at position ${i}`);
        });
        seen.push(...page.events);
        cursor = page.events.at(-1)?.seq ?? cursor;
        if (!stillPosting && page.events.length === 0 && page.lastSeq === cursor) return seen;
      }
    });

    await Promise.all(posters);
    posting = false;
    const logs = await Promise.all(readers);

    locations.forEach((location, i) => {
      const seen = logs[i] as TicketEvent[];
      const orders = POSTERS_PER_PROCESS * ORDERS_PER_POSTER * apis.length;
      // Each order: order.submitted and one ticket per station (kitchen, bar); each raw job its print-job.created.
      expect(seen.map((event) => event.seq)).toEqual(Array.from({ length: orders * 4 }, (_, n) => n + 1));
      const submitted = seen.filter((event) => event.type === 'order.submitted').map((event) => event.orderId);
      expect(new Set(submitted)).toEqual(posted.get(location.name));
      expect(submitted).toHaveLength(orders);
    });
  }, 180_000);

  it('lets exactly one agent win each claim, whichever process each asks', async () => {
    const [a, b] = apis;
    const tokenA = await locationToken(dataDir, 'agent', 'default', 'racer a');
    const tokenB = await locationToken(dataDir, 'agent', 'default', 'racer b');
    const jobs: PrintJob[] = [];
    for (let i = 0; i < 20; i += 1) {
      const created = await a.post<PrintJob>('/api/print-jobs', TEST_TOKENS.agent, { kind: 'raw', station: 'race', payload: 'G0A=' });
      expect(created.status).toBe(201);
      jobs.push(created.body);
    }
    const outcomes = await Promise.all(
      jobs.map(async (job) => {
        const [first, second] = await Promise.all([
          a.post<{ code?: string }>(`/api/print-jobs/${job.id}/claim`, tokenA, { agentId: 'racer-a' }),
          b.post<{ code?: string }>(`/api/print-jobs/${job.id}/claim`, tokenB, { agentId: 'racer-b' }),
        ]);
        return [first.status, second.status].sort();
      }),
    );
    expect(outcomes).toEqual(jobs.map(() => [200, 409]));
    const log = (await readOn(a, TEST_TOKENS.agent, 0, 1000)).events;
    for (const job of jobs) {
      expect(log.filter((event) => event.jobId === job.id && event.to === 'printing')).toHaveLength(1);
    }
  });

  it('binds an agent id to one token when two tokens claim as it through both processes at once', async () => {
    const [a, b] = apis;
    const first = await locationToken(dataDir, 'agent', 'default', 'twin 1');
    const second = await locationToken(dataDir, 'agent', 'default', 'twin 2');
    const make = () => a.post<PrintJob>('/api/print-jobs', TEST_TOKENS.agent, { kind: 'raw', station: 'twins', payload: 'G0A=' });
    const [jobOne, jobTwo] = [(await make()).body, (await make()).body];
    const answers = await Promise.all([
      a.post<{ code?: string }>(`/api/print-jobs/${jobOne.id}/claim`, first, { agentId: 'twin-pc' }),
      b.post<{ code?: string }>(`/api/print-jobs/${jobTwo.id}/claim`, second, { agentId: 'twin-pc' }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 403]);
    expect(answers.find((answer) => answer.status === 403)?.body.code).toBe(ERROR_CODES.AGENT_ID_TAKEN);
  });

  it('answers one Idempotency-Key sent to both processes at once with one order', async () => {
    const [a, b] = apis;
    const key = { 'idempotency-key': `both-${randomBytes(4).toString('hex')}` };
    const body = sampleInput({ table: '77' });
    const [first, second] = await Promise.all([a.post<OrderCreated>('/api/orders', TEST_TOKENS.pos, body, key), b.post<OrderCreated>('/api/orders', TEST_TOKENS.pos, body, key)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.id).toBe(second.body.id);
    expect(first.body.customerToken).toBe(second.body.customerToken);
    expect([first.headers.get('idempotent-replayed'), second.headers.get('idempotent-replayed')].sort()).toEqual(['true', null].sort());
    // The diner's token works on either process: the secret is shared, the token's hash is in the database.
    expect((await b.get(`/api/orders/${first.body.id}`, first.body.customerToken)).status).toBe(200);
  });

  it('never overdraws a gift card redeemed through both processes at once', async () => {
    const [a, b] = apis;
    const card = await a.post<{ cardNumber: string }>('/api/gift-cards', TEST_TOKENS.pos, { amount: 1000, currency: 'EUR' });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).post(`/api/gift-cards/${card.body.cardNumber}/redeem`, TEST_TOKENS.pos, { amount: 300 })),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(3);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(7);
    const after = await b.get<{ balance: number }>(`/api/gift-cards/${card.body.cardNumber}`, TEST_TOKENS.pos);
    expect(after.body.balance).toBe(100);
  });

  it('serves a receipt uploaded through one process from the other', async () => {
    const [a, b] = apis;
    const order = await a.post<OrderCreated>('/api/orders', TEST_TOKENS.pos, sampleInput());
    const payment = await a.post<{ id: string }>(`/api/orders/${order.body.id}/payments`, TEST_TOKENS.pos, { type: 'food', amount: 3200, currency: 'EUR' });
    const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Buffer.from('shared-receipt')]);
    const form = new FormData();
    form.append('file', new Blob([image], { type: 'image/png' }), 'receipt.png');
    const upload = await fetch(`${a.baseUrl}/api/payments/${payment.body.id}/receipt`, { method: 'POST', body: form, headers: { authorization: `Bearer ${order.body.customerToken}` } });
    expect(upload.status).toBe(200);
    const download = await fetch(`${b.baseUrl}/api/payments/${payment.body.id}/receipt`, { headers: { authorization: `Bearer ${TEST_TOKENS.agent}` } });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(image);
    expect(processes[1].output()).not.toMatch(/"level":[56]0/);
  });
});
