import { afterEach, describe, expect, it } from 'vitest';
import { BACKEND_REQUEST_TIMEOUT_MS, BackendClient } from '../../agent/connectors/ticketrail/backend-client.js';
import { CacheDb } from '../../agent/cache/cache-db.js';
import { Outbox } from '../../agent/outbox/outbox.js';
import { createEscPosDriver } from '../../agent/pipeline/escpos-driver.js';
import { PRINT_RETRY, PrintPipeline, type PrintRetryPolicy } from '../../agent/pipeline/print-pipeline.js';
import { ticketRailJobSources } from '../../agent/connectors/ticketrail/ticketrail-job-source.js';
import { ticketRailOutboxKinds } from '../../agent/connectors/ticketrail/ticketrail-outbox.js';
import type { VirtualPrinter } from '../../agent/printing/virtual-printer.js';
import { EventsPageSchema } from '../../common/events.js';
import { PrintJobSchema, type PrintJob } from '../../common/print-job.js';
import {
  Resources,
  TEST_TOKENS,
  agentTokenFor,
  freePort,
  printedJobIds,
  printerSettings,
  quietLogger,
  startTestBackend,
  startTestPrinter,
  tempDir,
  type Api,
} from './kitchen-harness.js';
import { ManualClock } from './manual-clock.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/** Short printer limits, so the lease below can be short and still outlast the longest attempt. */
const DRIVER = { connectTimeoutMs: 400, answerTimeoutMs: 400 } as const;
/** attemptMs 400 + 3 × 400 = 1.6 s < leaseMs 2.5 s, as PRINT_RETRY keeps 33 s < 60 s. */
const POLICY: PrintRetryPolicy = {
  firstDelayMs: 200,
  maxDelayMs: 400,
  windowMs: 6_000,
  leaseMs: 2_500,
  attemptMs: DRIVER.connectTimeoutMs + 3 * DRIVER.answerTimeoutMs,
  sendLimitMs: DRIVER.connectTimeoutMs + 3 * DRIVER.answerTimeoutMs + 400,
};

interface TestPipeline {
  pipeline: PrintPipeline;
  cache: CacheDb;
  outbox: Outbox;
  /** Points this agent at another backend address (a dead port makes the backend unreachable). */
  setBackendUrl(url: string): void;
}

/**
 * A real pipeline (cache file, backend client, outbox, ESC/POS driver) as one agent with its own
 * token, without sync, on the test's clock (the backend's too, so leases lapse when the test moves time).
 */
async function startPipeline(test: { backend: { url: string }; dataDir: string }, printer: VirtualPrinter, agentId: string, clock: ManualClock): Promise<TestPipeline> {
  let baseUrl = test.backend.url;
  const token = await agentTokenFor(test.dataDir, agentId);
  const cache = new CacheDb(tempDir(resources));
  const backend = new BackendClient(() => ({ baseUrl, token, timeoutMs: 1_000 }));
  const outbox = new Outbox(cache, quietLogger, clock);
  outbox.register(ticketRailOutboxKinds(backend));
  const printers = [printerSettings(printer, ['kitchen'])];
  const pipeline = new PrintPipeline({
    cache,
    sources: ticketRailJobSources({ backend, outbox, cache, agentId: () => agentId, leaseMs: POLICY.leaseMs, clock }),
    driver: createEscPosDriver(DRIVER),
    logger: quietLogger,
    printers: () => printers,
    retry: POLICY,
    clock,
  });
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

/**
 * Moves the clock one retry step (no retry waits longer than maxDelayMs) and resolves once the
 * pipeline has made its next attempt and waits again ('waiting'), or has nothing left ('idle').
 */
async function nextAttempt(clock: ManualClock, agent: TestPipeline): Promise<'waiting' | 'idle'> {
  const waiting = clock.nextWait().then(() => 'waiting' as const);
  const idle = agent.pipeline.idle().then(() => 'idle' as const);
  clock.advance(POLICY.maxDelayMs);
  return Promise.race([waiting, idle]);
}

/**
 * Agent pc-a holds a fresh ticket job its printer keeps refusing, then loses its backend (a port
 * nobody listens on): it cannot renew, and must not send once its lease is too short.
 */
async function jobHeldWhileBackendIsLost() {
  const clock = new ManualClock();
  const test = await startTestBackend(resources, { clock });
  const { backend, api, dataDir } = test;
  const printer = await startTestPrinter(resources);
  await printer.setMode('refusing');
  const a = await startPipeline(test, printer, 'pc-a', clock);
  const job = await ticketJob(api);
  const refused = clock.nextWait();
  a.pipeline.consider(job);
  await refused;
  expect(a.cache.getJob(job.id)).toMatchObject({ localState: 'claimed', localError: expect.any(String) });
  const claimed = await getJob(api, job.id);
  a.setBackendUrl(`http://127.0.0.1:${await freePort()}`);
  return { clock, backend, api, dataDir, printer, a, job, leaseEnd: Date.parse(claimed.leaseUntil ?? '') };
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
    const clock = new ManualClock();
    const test = await startTestBackend(resources, { clock });
    const { api } = test;
    const printer = await startTestPrinter(resources);
    await printer.setMode('refusing');
    const a = await startPipeline(test, printer, 'pc-a', clock);
    // A second agent serving the same station takes any job whose lease lapses.
    const b = await startPipeline(test, printer, 'pc-b', clock);
    const job = await ticketJob(api);

    const refused = clock.nextWait();
    a.pipeline.consider(job);
    await refused;
    const claimed = await getJob(api, job.id);
    expect(claimed).toMatchObject({ status: 'printing', claimedBy: 'pc-a' });
    const firstLeaseEnd = Date.parse(claimed.leaseUntil ?? '');

    // The printer stays away for longer than one lease (the backend's lease sweep runs as the clock
    // passes its interval); after every attempt the other agent looks for pending jobs.
    let latestLeaseEnd = firstLeaseEnd;
    while (clock.now() < firstLeaseEnd + POLICY.maxDelayMs) {
      expect(await nextAttempt(clock, a)).toBe('waiting');
      // b ends up with nothing to do, or (were the lease to lapse) with the job, waiting on the printer.
      const bSettled = Promise.race([clock.nextWait(), b.pipeline.idle()]);
      await b.pipeline.scan();
      await bSettled;
      const current = await getJob(api, job.id);
      expect(current).toMatchObject({ status: 'printing', claimedBy: 'pc-a' });
      latestLeaseEnd = Math.max(latestLeaseEnd, Date.parse(current.leaseUntil ?? ''));
    }
    // Still held past the end of the first lease, because it was renewed.
    expect(latestLeaseEnd).toBeGreaterThan(clock.now());

    await printer.setMode('ok');
    expect(await nextAttempt(clock, a)).toBe('idle');
    await a.outbox.kick();
    expect(await getJob(api, job.id)).toMatchObject({ status: 'done', claimedBy: 'pc-a', attempts: 1 });
    expect(a.cache.getJob(job.id)?.localState).toBe('printed');
    expect(printedJobIds(printer).get(job.id)).toBe(1);
    expect(printer.printed).toHaveLength(1);
    // No `printing > pending` (lease expired) in between.
    expect(await jobTransitions(api, job.id)).toEqual([expect.stringMatching(/^>pending /), 'pending>printing pc-a', 'printing>done pc-a']);
  });

  it('does not send when the renewal is refused because another agent holds the job now', async () => {
    const { clock, backend, api, dataDir, printer, a, job } = await jobHeldWhileBackendIsLost();
    // Unrenewed, the lease lapses at the backend (its sweep runs on the same clock).
    while ((await getJob(api, job.id)).status !== 'pending') expect(await nextAttempt(clock, a)).toBe('waiting');
    await printer.setMode('ok');
    const pcB = await agentTokenFor(dataDir, 'pc-b');
    const taken = await api.post<PrintJob>(`/api/print-jobs/${job.id}/claim`, pcB, { agentId: 'pc-b' });
    expect(taken.status).toBe(200);

    a.setBackendUrl(backend.url);
    expect(await nextAttempt(clock, a)).toBe('idle');
    expect(a.cache.getJob(job.id)?.localState).toBe('lost');
    expect(a.cache.pendingCount(job.id)).toBe(0);
    expect(printer.printed).toHaveLength(0);
    expect(await getJob(api, job.id)).toMatchObject({ status: 'printing', claimedBy: 'pc-b' });
    expect((await api.post(`/api/print-jobs/${job.id}/status`, pcB, { agentId: 'pc-b', status: 'done' })).status).toBe(200);
  });

  it('gives up without sending or reporting when the lease cannot be renewed, and the job fails over', async () => {
    const { clock, backend, api, printer, a, job, leaseEnd } = await jobHeldWhileBackendIsLost();
    // Once what is left of the unrenewed lease is shorter than an attempt, a ready printer gets nothing.
    while (clock.now() <= leaseEnd - POLICY.attemptMs) expect(await nextAttempt(clock, a)).toBe('waiting');
    await printer.setMode('ok');
    // It waits within the retry window, then gives up.
    while ((await nextAttempt(clock, a)) === 'waiting') expect(printer.printed).toHaveLength(0);

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
