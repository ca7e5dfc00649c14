import { afterEach, describe, expect, it } from 'vitest';
import { BACKEND_REQUEST_TIMEOUT_MS, BackendClient } from '../../agent/backend-client.js';
import { CacheDb } from '../../agent/cache/cache-db.js';
import { Outbox } from '../../agent/outbox/outbox.js';
import { createEscPosDriver } from '../../agent/pipeline/escpos-driver.js';
import { PRINT_RETRY, PrintPipeline, type PrintRetryPolicy } from '../../agent/pipeline/print-pipeline.js';
import type { VirtualPrinter } from '../../agent/printing/virtual-printer.js';
import { EventApplier } from '../../agent/sync/event-applier.js';
import { EventsPageSchema } from '../../common/events.js';
import { PrintJobSchema, type PrintJob } from '../../common/print-job.js';
import {
  Resources,
  TEST_TOKENS,
  agentTokenFor,
  eventually,
  freePort,
  printedJobIds,
  printerSettings,
  quietLogger,
  startTestBackend,
  startTestPrinter,
  tempDir,
  type Api,
} from './kitchen-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Short printer limits, so the lease below can be short and still outlast the longest attempt. */
const DRIVER = { connectTimeoutMs: 400, answerTimeoutMs: 400 } as const;
/** attemptMs 400 + 3 × 400 = 1.6 s < leaseMs 2.5 s, as PRINT_RETRY keeps 33 s < 60 s. */
const POLICY: PrintRetryPolicy = {
  firstDelayMs: 200,
  maxDelayMs: 400,
  windowMs: 6_000,
  leaseMs: 2_500,
  attemptMs: DRIVER.connectTimeoutMs + 3 * DRIVER.answerTimeoutMs,
};

interface TestPipeline {
  pipeline: PrintPipeline;
  cache: CacheDb;
  outbox: Outbox;
  /** Points this agent at another backend address (a dead port makes the backend unreachable). */
  setBackendUrl(url: string): void;
}

/** A real pipeline (cache file, backend client, outbox, ESC/POS driver) as one agent with its own token, without sync. */
async function startPipeline(test: { backend: { url: string }; dataDir: string }, printer: VirtualPrinter, agentId: string): Promise<TestPipeline> {
  let baseUrl = test.backend.url;
  const token = await agentTokenFor(test.dataDir, agentId);
  const cache = new CacheDb(tempDir(resources));
  const backend = new BackendClient(() => ({ baseUrl, token, timeoutMs: 1_000 }));
  const outbox = new Outbox(cache, backend, new EventApplier(cache, backend), quietLogger, () => true);
  const printers = [printerSettings(printer, ['kitchen'])];
  const pipeline = new PrintPipeline(cache, backend, outbox, createEscPosDriver(DRIVER), quietLogger, () => agentId, () => printers, POLICY);
  resources.add(async () => {
    pipeline.stop();
    await outbox.stop();
    await pipeline.idle();
    cache.close();
  });
  return { pipeline, cache, outbox, setBackendUrl: (url) => (baseUrl = url) };
}

async function ticketJob(api: Api): Promise<PrintJob> {
  const order = await api.createOrder({ type: 'takeaway', items: [{ name: 'Pho', qty: 1, station: 'kitchen' }] });
  const page = (await api.get<{ jobs: unknown[] }>(`/api/print-jobs?orderId=${order.id}`, TEST_TOKENS.agent)).body;
  expect(page.jobs).toHaveLength(1);
  return PrintJobSchema.parse(page.jobs[0]);
}

async function getJob(api: Api, id: string): Promise<PrintJob> {
  return PrintJobSchema.parse((await api.get(`/api/print-jobs/${id}`, TEST_TOKENS.agent)).body);
}

async function jobTransitions(api: Api, jobId: string): Promise<string[]> {
  const page = EventsPageSchema.parse((await api.get('/api/events?limit=1000', TEST_TOKENS.agent)).body);
  return page.events.filter((e) => e.jobId === jobId).map((e) => `${e.from ?? ''}>${e.to} ${e.actor.id}`);
}

/** The agent's job is waiting for the printer: claimed, an attempt refused, nothing sent. */
const waiting = (agent: TestPipeline, jobId: string) => () => {
  const cached = agent.cache.getJob(jobId);
  return cached?.localState === 'claimed' && cached.localError ? cached : undefined;
};

/**
 * Agent pc-a holds a fresh ticket job its printer keeps refusing, then loses its backend (a port
 * nobody listens on): it cannot renew, and must not send once its lease is too short.
 */
async function jobHeldWhileBackendIsLost() {
  const test = await startTestBackend(resources);
  const { backend, api, dataDir } = test;
  const printer = await startTestPrinter(resources);
  await printer.setMode('refusing');
  const a = await startPipeline(test, printer, 'pc-a');
  const job = await ticketJob(api);
  a.pipeline.consider(job);
  await eventually('job waiting for the printer', waiting(a, job.id));
  a.setBackendUrl(`http://127.0.0.1:${await freePort()}`);
  return { backend, api, dataDir, printer, a, job };
}

describe('print lease', () => {
  it('keeps no attempt beyond its lease with the default limits', () => {
    // Renewal answered at the latest after the request timeout, then the longest attempt.
    expect(BACKEND_REQUEST_TIMEOUT_MS + PRINT_RETRY.attemptMs).toBeLessThan(PRINT_RETRY.leaseMs);
    // A first attempt runs on the claim's lease: the claim's answer, fetching the order to render
    // it, then the longest attempt.
    expect(2 * BACKEND_REQUEST_TIMEOUT_MS + PRINT_RETRY.attemptMs).toBeLessThan(PRINT_RETRY.leaseMs);
  });

  it('renews the lease before every attempt: a printer refusing for longer than the lease prints the job once', async () => {
    const test = await startTestBackend(resources);
    const { api } = test;
    const printer = await startTestPrinter(resources);
    await printer.setMode('refusing');
    const a = await startPipeline(test, printer, 'pc-a');
    // A second agent serving the same station takes any job whose lease lapses.
    const b = await startPipeline(test, printer, 'pc-b');
    const job = await ticketJob(api);

    a.pipeline.consider(job);
    await eventually('job waiting for the printer', waiting(a, job.id));
    const claimed = await getJob(api, job.id);
    expect(claimed).toMatchObject({ status: 'printing', claimedBy: 'pc-a' });
    const firstLeaseEnd = Date.parse(claimed.leaseUntil ?? '');

    // The printer stays away for longer than one lease; meanwhile the other agent keeps looking.
    const refusingUntil = Date.now() + POLICY.leaseMs + 1_000;
    let latestLeaseEnd = firstLeaseEnd;
    while (Date.now() < refusingUntil) {
      await b.pipeline.scan();
      const current = await getJob(api, job.id);
      expect(current).toMatchObject({ status: 'printing', claimedBy: 'pc-a' });
      latestLeaseEnd = Math.max(latestLeaseEnd, Date.parse(current.leaseUntil ?? ''));
      await sleep(250);
    }
    // Still held past the end of the first lease, because it was renewed.
    expect(Date.now()).toBeGreaterThan(firstLeaseEnd);
    expect(latestLeaseEnd).toBeGreaterThan(firstLeaseEnd);

    await printer.setMode('ok');
    await a.pipeline.idle();
    await a.outbox.kick();
    const done = await eventually('job done at the backend', async () => {
      const current = await getJob(api, job.id);
      return current.status === 'done' ? current : undefined;
    });
    expect(done).toMatchObject({ claimedBy: 'pc-a', attempts: 1 });
    expect(a.cache.getJob(job.id)?.localState).toBe('printed');
    expect(printedJobIds(printer).get(job.id)).toBe(1);
    expect(printer.printed).toHaveLength(1);
    // No `printing > pending` (lease expired) in between.
    expect(await jobTransitions(api, job.id)).toEqual([expect.stringMatching(/^>pending /), 'pending>printing pc-a', 'printing>done pc-a']);
  });

  it('does not send when the renewal is refused because another agent holds the job now', async () => {
    const { backend, api, dataDir, printer, a, job } = await jobHeldWhileBackendIsLost();
    await eventually('lease lapsed at the backend', async () => ((await getJob(api, job.id)).status === 'pending' ? true : undefined));
    await printer.setMode('ok');
    const pcB = await agentTokenFor(dataDir, 'pc-b');
    const taken = await api.post<PrintJob>(`/api/print-jobs/${job.id}/claim`, pcB, { agentId: 'pc-b' });
    expect(taken.status).toBe(200);

    a.setBackendUrl(backend.url);
    await a.pipeline.idle();
    expect(a.cache.getJob(job.id)?.localState).toBe('lost');
    expect(a.cache.pendingCount(job.id)).toBe(0);
    expect(printer.printed).toHaveLength(0);
    expect(await getJob(api, job.id)).toMatchObject({ status: 'printing', claimedBy: 'pc-b' });
    expect((await api.post(`/api/print-jobs/${job.id}/status`, pcB, { agentId: 'pc-b', status: 'done' })).status).toBe(200);
  });

  it('gives up without sending or reporting when the lease cannot be renewed, and the job fails over', async () => {
    const { backend, api, printer, a, job } = await jobHeldWhileBackendIsLost();
    // Once what is left of the unrenewed lease is shorter than an attempt, a ready printer gets nothing.
    await sleep(POLICY.leaseMs - POLICY.attemptMs + 200);
    await printer.setMode('ok');
    await a.pipeline.idle();

    expect(printer.printed).toHaveLength(0);
    expect(a.cache.getJob(job.id)).toMatchObject({ localState: 'claimed', localError: expect.stringMatching(/nothing was sent/) });
    expect(a.cache.pendingCount(job.id)).toBe(0);
    expect(await getJob(api, job.id)).toMatchObject({ status: 'pending', attempts: 1 });

    // Back online, the job is claimable again (here by the same agent) and prints once.
    a.setBackendUrl(backend.url);
    a.pipeline.consider(await getJob(api, job.id));
    await a.pipeline.idle();
    await a.outbox.kick();
    expect(await getJob(api, job.id)).toMatchObject({ status: 'done', claimedBy: 'pc-a', attempts: 2 });
    expect(printedJobIds(printer).get(job.id)).toBe(1);
  });
});
