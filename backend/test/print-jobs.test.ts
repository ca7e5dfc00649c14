import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema } from '../../common/events.js';
import { PrintJobsPageSchema, type PrintJob } from '../../common/print-job.js';
import { ManualClock } from '../../test/integration/manual-clock.js';
import { Resources, TEST_TOKENS, sampleInput, startTestBackend, type TestBackend } from './helpers.js';
import { claimJob as claim, createRawJob, reportJob as report } from './print-job-requests.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const RAW_PAYLOAD = Buffer.from('\x1b@hello\n').toString('base64');

async function jobEvents(test: TestBackend, jobId: string) {
  const page = EventsPageSchema.parse((await test.api.get('/api/events?limit=1000', TEST_TOKENS.agent)).body);
  return page.events.filter((e) => e.jobId === jobId);
}

describe('print jobs', () => {
  it('creates one ticket job per station when an order is submitted', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder(
      sampleInput({
        items: [
          { name: 'Burger', qty: 1, station: 'kitchen' },
          { name: 'Cola', qty: 1, station: 'bar' },
          { name: 'Fries', qty: 1, station: 'kitchen' },
        ],
      }),
    );
    const page = PrintJobsPageSchema.parse((await test.api.get(`/api/print-jobs?orderId=${order.id}`, TEST_TOKENS.agent)).body);
    expect(page.jobs.map((job) => [job.kind, job.station, job.status, job.copies, job.attempts])).toEqual([
      ['ticket', 'kitchen', 'pending', 1, 0],
      ['ticket', 'bar', 'pending', 1, 0],
    ]);
    const bar = PrintJobsPageSchema.parse((await test.api.get('/api/print-jobs?station=bar&status=pending', TEST_TOKENS.agent)).body);
    expect(bar.jobs).toHaveLength(1);
  });

  it('claims, prints and reports; the same final report twice changes nothing', async () => {
    const test = await startTestBackend(resources);
    const job = await createRawJob(test, RAW_PAYLOAD);
    const claimed = await claim(test, job.id, 'counter-1');
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'printing', attempts: 1, claimedBy: 'counter-1', version: 2 });
    expect(Date.parse(claimed.body.leaseUntil ?? '')).toBeGreaterThan(Date.now() + 50_000);

    const printedAt = new Date().toISOString();
    const done = await report(test, job.id, { agentId: 'counter-1', status: 'done', printedAt });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', printedAt, version: 3 });
    expect(done.body.leaseUntil).toBeUndefined();

    const again = await report(test, job.id, { agentId: 'counter-1', status: 'done', printedAt });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(done.body);
    const contradiction = await report(test, job.id, { agentId: 'counter-1', status: 'failed', error: 'paper out' });
    expect(contradiction.status).toBe(409);
    expect(contradiction.body).toMatchObject({ code: ERROR_CODES.PRINT_JOB_TRANSITION_INVALID });

    expect((await jobEvents(test, job.id)).map((e) => [e.type, e.from, e.to, e.actor.id])).toEqual([
      ['print-job.created', undefined, 'pending', 'env-agent'],
      ['print-job.updated', 'pending', 'printing', 'counter-1'],
      ['print-job.updated', 'printing', 'done', 'counter-1'],
    ]);
    const reclaim = await claim(test, job.id, 'counter-2');
    expect(reclaim.status).toBe(409);
    expect(reclaim.body).toMatchObject({ code: ERROR_CODES.PRINT_JOB_NOT_CLAIMABLE, details: { status: 'done' } });
  });

  it('records failures with their reason', async () => {
    const test = await startTestBackend(resources);
    const job = await createRawJob(test, RAW_PAYLOAD);
    await claim(test, job.id, 'counter-1');
    const failed = await report(test, job.id, { agentId: 'counter-1', status: 'failed', error: 'printer is out of paper' });
    expect(failed.body).toMatchObject({ status: 'failed', error: 'printer is out of paper' });
    expect((await report(test, job.id, { agentId: 'counter-1', status: 'failed', error: 'x' })).status).toBe(200);
    expect((await jobEvents(test, job.id)).at(-1)).toMatchObject({ to: 'failed', reason: 'printer is out of paper' });
    expect(await jobEvents(test, job.id)).toHaveLength(3);
  });

  it('lets only the claiming agent report', async () => {
    const test = await startTestBackend(resources);
    const job = await createRawJob(test, RAW_PAYLOAD);
    const early = await report(test, job.id, { agentId: 'counter-1', status: 'done' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: ERROR_CODES.PRINT_JOB_NOT_CLAIMED_BY_AGENT });

    await claim(test, job.id, 'counter-1');
    const intruder = await report(test, job.id, { agentId: 'counter-2', status: 'done' });
    expect(intruder.status).toBe(409);
    expect(intruder.body).toMatchObject({ code: ERROR_CODES.PRINT_JOB_NOT_CLAIMED_BY_AGENT, details: { claimedBy: 'counter-1' } });
    expect((await test.api.get<PrintJob>(`/api/print-jobs/${job.id}`, TEST_TOKENS.agent)).body.status).toBe('printing');

    // `printing` from the claimer is a heartbeat: the lease starts over, no event.
    const before = (await jobEvents(test, job.id)).length;
    const heartbeat = await report(test, job.id, { agentId: 'counter-1', status: 'printing' });
    expect(heartbeat.status).toBe(200);
    expect(heartbeat.body.status).toBe('printing');
    expect(await jobEvents(test, job.id)).toHaveLength(before);
    expect((await test.api.get(`/api/print-jobs/${job.id}`, TEST_TOKENS.pos)).status).toBe(403);
  });

  it('grants exactly one of two racing claims, round after round', async () => {
    const test = await startTestBackend(resources);
    const rounds = 40;
    const winners: string[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const job = await createRawJob(test, RAW_PAYLOAD);
      const answers = await Promise.all([claim(test, job.id, 'counter-a'), claim(test, job.id, 'counter-b')]);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 409]);
      const winner = answers.find((a) => a.status === 200)?.body.claimedBy ?? '';
      winners.push(winner);
      const stored = (await test.api.get<PrintJob>(`/api/print-jobs/${job.id}`, TEST_TOKENS.agent)).body;
      expect(stored).toMatchObject({ status: 'printing', attempts: 1, claimedBy: winner });
      expect((await jobEvents(test, job.id)).filter((e) => e.to === 'printing')).toHaveLength(1);
    }
    expect(winners).toHaveLength(rounds);
  });

  it('returns a job whose lease ran out to pending, and a second agent can then claim it', async () => {
    const clock = new ManualClock();
    const test = await startTestBackend(resources, { clock });
    const job = await createRawJob(test, RAW_PAYLOAD);
    const first = await claim(test, job.id, 'counter-1', 1_000);
    expect(first.body.status).toBe('printing');
    // Before the lease ends nobody else may claim.
    expect((await claim(test, job.id, 'counter-2')).status).toBe(409);

    // Past the lease and up to the sweep's first run (every 2 s). /api/events does not expire
    // leases itself: seeing the event proves the periodic sweep ran.
    clock.advance(test.backend.config.leaseSweepMs);
    await clock.settled();
    const expiry = (await jobEvents(test, job.id)).at(-1);
    expect(expiry).toMatchObject({ type: 'print-job.updated', from: 'printing', to: 'pending', actor: { type: 'system' }, reason: 'lease expired' });
    const pending = (await test.api.get<PrintJob>(`/api/print-jobs/${job.id}`, TEST_TOKENS.agent)).body;
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.claimedBy).toBeUndefined();
    expect(pending.leaseUntil).toBeUndefined();

    const second = await claim(test, job.id, 'counter-2');
    expect(second.body).toMatchObject({ status: 'printing', claimedBy: 'counter-2', attempts: 2 });
    // The first agent lost the job: its late report is refused.
    const late = await report(test, job.id, { agentId: 'counter-1', status: 'done' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: ERROR_CODES.PRINT_JOB_NOT_CLAIMED_BY_AGENT });
    expect((await report(test, job.id, { agentId: 'counter-2', status: 'done' })).status).toBe(200);
  });

  it('reprints a finished job as a new job, never the same one again', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder(sampleInput({ items: [{ name: 'Soup', qty: 1, station: 'kitchen' }] }));
    const [ticket] = PrintJobsPageSchema.parse((await test.api.get(`/api/print-jobs?orderId=${order.id}`, TEST_TOKENS.agent)).body).jobs;
    if (!ticket) throw new Error('no ticket job');

    const tooEarly = await test.api.post(`/api/print-jobs/${ticket.id}/reprint`, TEST_TOKENS.agent);
    expect(tooEarly.status).toBe(409);
    await claim(test, ticket.id, 'counter-1');
    await report(test, ticket.id, { agentId: 'counter-1', status: 'done' });

    const reprint = await test.api.post<PrintJob>(`/api/print-jobs/${ticket.id}/reprint`, TEST_TOKENS.agent);
    expect(reprint.status).toBe(201);
    expect(reprint.body).toMatchObject({ kind: 'ticket', orderId: order.id, station: 'kitchen', status: 'pending', reprintOf: ticket.id, attempts: 0 });
    expect(reprint.body.id).not.toBe(ticket.id);
    const withCopies = await test.api.post<PrintJob>(`/api/print-jobs/${ticket.id}/reprint`, TEST_TOKENS.admin, { copies: 2 });
    expect(withCopies.body).toMatchObject({ copies: 2, reprintOf: ticket.id });
    expect((await test.api.post(`/api/print-jobs/${ticket.id}/reprint`, TEST_TOKENS.pos)).status).toBe(403);
    expect((await test.api.post('/api/print-jobs/job_missing/reprint', TEST_TOKENS.agent)).status).toBe(404);
  });

  it('validates new jobs: tickets need an existing order, raw jobs need base64', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const ticket = await test.api.post('/api/print-jobs', TEST_TOKENS.pos, { kind: 'ticket', orderId: order.id, station: 'expo', copies: 2 });
    expect(ticket.status).toBe(201);
    expect(ticket.body).toMatchObject({ kind: 'ticket', station: 'expo', copies: 2, status: 'pending' });

    const missing = await test.api.post('/api/print-jobs', TEST_TOKENS.pos, { kind: 'ticket', orderId: 'ord_nope', station: 'expo' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: ERROR_CODES.ORDER_NOT_FOUND });
    const notBase64 = await test.api.post('/api/print-jobs', TEST_TOKENS.agent, { kind: 'raw', station: 'bar', payload: 'not base64!' });
    expect(notBase64.status).toBe(400);
    const tooMany = await test.api.post('/api/print-jobs', TEST_TOKENS.agent, { kind: 'raw', station: 'bar', payload: RAW_PAYLOAD, copies: 6 });
    expect(tooMany.status).toBe(400);
    const badLease = await test.api.post(`/api/print-jobs/${(ticket.body as PrintJob).id}/claim`, TEST_TOKENS.agent, { agentId: 'a', leaseMs: 10 });
    expect(badLease.status).toBe(400);
  });

  it('lets only admin and agent tokens queue raw and image jobs: a POS queues tickets only', async () => {
    const test = await startTestBackend(resources);
    // ESC p 0 25 250: the cash-drawer kick a raw job could send.
    const drawerKick = Buffer.from('\x1bp\x00\x19\xfa', 'binary').toString('base64');
    const before = EventsPageSchema.parse((await test.api.get('/api/events', TEST_TOKENS.agent)).body).lastSeq;
    for (const kind of ['raw', 'image'] as const) {
      const refused = await test.api.post('/api/print-jobs', TEST_TOKENS.pos, { kind, station: 'bar', payload: drawerKick });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: ERROR_CODES.PRINT_JOB_KIND_FORBIDDEN, details: { kind } });
    }
    // Refused means nothing written: no job, no event.
    expect(EventsPageSchema.parse((await test.api.get('/api/events', TEST_TOKENS.agent)).body).lastSeq).toBe(before);
    expect(PrintJobsPageSchema.parse((await test.api.get('/api/print-jobs', TEST_TOKENS.agent)).body).jobs).toEqual([]);

    for (const token of [TEST_TOKENS.agent, TEST_TOKENS.admin]) {
      const queued = await test.api.post('/api/print-jobs', token, { kind: 'raw', station: 'bar', payload: drawerKick });
      expect(queued.status).toBe(201);
      expect(queued.body).toMatchObject({ kind: 'raw', payload: drawerKick, status: 'pending' });
    }
  });
});
