import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema } from '../../common/events.js';
import { PRINT_JOB_LIMITS, PrintJobSchema, type PrintJob } from '../../common/print-job.js';
import { ManualClock } from '../../test/integration/manual-clock.js';
import { Resources, TEST_TOKENS, startTestBackend, type TestBackend } from './helpers.js';
import { claimJob as claim, createRawJob, reportJob as report } from './print-job-requests.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const RAW_PAYLOAD = Buffer.from('\x1b@lease\n').toString('base64');
/** The shortest lease the API accepts: shorter than the 2 s sweep, so a lapse can be seen before the sweep runs. */
const SHORT_LEASE_MS = PRINT_JOB_LIMITS.minLeaseMs;
const SWEEP_MS = 2_000;

/** The backend on a clock only the test moves: a lease lapses, and the sweep runs, when the test says so. */
async function startOnManualClock(): Promise<{ test: TestBackend; clock: ManualClock }> {
  const clock = new ManualClock();
  const test = await startTestBackend(resources, { clock });
  expect(test.backend.config.leaseSweepMs).toBe(SWEEP_MS);
  return { test, clock };
}

async function getJob(test: TestBackend, id: string): Promise<PrintJob> {
  return PrintJobSchema.parse((await test.api.get(`/api/print-jobs/${id}`, TEST_TOKENS.agent)).body);
}

async function jobEvents(test: TestBackend, jobId: string) {
  const page = EventsPageSchema.parse((await test.api.get('/api/events?limit=1000', TEST_TOKENS.agent)).body);
  return page.events.filter((e) => e.jobId === jobId).map((e) => [e.from, e.to, e.actor.id, e.reason]);
}

/** Claims with the shortest lease and moves the clock to its end; the read takes it back to pending. */
async function claimAndLapse(test: TestBackend, clock: ManualClock, id: string, agentId: string): Promise<PrintJob> {
  const claimed = await claim(test, id, agentId, SHORT_LEASE_MS);
  expect(claimed.status).toBe(200);
  expect(Date.parse(claimed.body.leaseUntil ?? '')).toBe(clock.now() + SHORT_LEASE_MS);
  clock.advance(SHORT_LEASE_MS);
  await clock.settled();
  const lapsed = await getJob(test, id);
  expect(lapsed.status).toBe('pending');
  return lapsed;
}

describe('print-job leases', () => {
  it('holds a lease to its last millisecond, and takes it back at its end, before any sweep or read', async () => {
    const { test, clock } = await startOnManualClock();
    const job = await createRawJob(test, RAW_PAYLOAD);
    const claimed = await claim(test, job.id, 'counter-1', SHORT_LEASE_MS);
    expect(claimed.status).toBe(200);

    clock.advance(SHORT_LEASE_MS - 1);

    await clock.settled();
    expect(await getJob(test, job.id)).toMatchObject({ status: 'printing', claimedBy: 'counter-1' });
    expect((await claim(test, job.id, 'counter-2')).status).toBe(409);

    // The lease's end: the sweep (every 2 s) has not run, and nothing has read the job.
    clock.advance(1);
    await clock.settled();
    expect(await jobEvents(test, job.id)).toHaveLength(2);
    const heartbeat = await report(test, job.id, { agentId: 'counter-1', status: 'printing' });
    expect(heartbeat.status).toBe(409);
    expect(heartbeat.body).toMatchObject({ code: ERROR_CODES.PRINT_JOB_NOT_CLAIMED_BY_AGENT, details: { status: 'pending' } });
    // Not held by anyone: another agent can have it.
    expect((await claim(test, job.id, 'counter-2')).status).toBe(200);
  });

  it('the sweep alone takes a lapsed lease back, when it runs and not before', async () => {
    const { test, clock } = await startOnManualClock();
    const job = await createRawJob(test, RAW_PAYLOAD);
    expect((await claim(test, job.id, 'counter-1', SHORT_LEASE_MS)).status).toBe(200);
    const sweepAt = clock.now() + SWEEP_MS;

    // Lapsed, but /api/events does not expire leases: only the sweep (or a read or claim) does.
    clock.advance(SHORT_LEASE_MS);
    await clock.settled();
    expect(await jobEvents(test, job.id)).toHaveLength(2);
    clock.advance(SWEEP_MS - SHORT_LEASE_MS);
    await clock.settled();
    const page = EventsPageSchema.parse((await test.api.get('/api/events?limit=1000', TEST_TOKENS.agent)).body);
    expect(page.events.filter((e) => e.jobId === job.id).at(-1)).toMatchObject({
      type: 'print-job.updated',
      from: 'printing',
      to: 'pending',
      actor: { type: 'system', id: 'lease-sweeper' },
      reason: 'lease expired',
      at: new Date(sweepAt).toISOString(),
    });
  });

  it('accepts the last claimer\'s late done after its lease lapsed, and refuses everyone else', async () => {
    const { test, clock } = await startOnManualClock();
    const job = await createRawJob(test, RAW_PAYLOAD);
    const lapsed = await claimAndLapse(test, clock, job.id, 'counter-1');
    // A pending job is held by nobody: the kept last claimer is not shown.
    expect(lapsed.claimedBy).toBeUndefined();
    expect(lapsed.leaseUntil).toBeUndefined();

    const intruder = await report(test, job.id, { agentId: 'counter-2', status: 'done' });
    expect(intruder.status).toBe(409);
    expect(intruder.body).toMatchObject({ code: ERROR_CODES.PRINT_JOB_NOT_CLAIMED_BY_AGENT, details: { status: 'pending' } });
    // A heartbeat cannot revive a lapsed lease, not even the last claimer's.
    const heartbeat = await report(test, job.id, { agentId: 'counter-1', status: 'printing' });
    expect(heartbeat.status).toBe(409);
    expect(heartbeat.body).toMatchObject({ code: ERROR_CODES.PRINT_JOB_NOT_CLAIMED_BY_AGENT });
    expect((await getJob(test, job.id)).status).toBe('pending');

    // The report waited in the agent's outbox for a minute, sweeps included.
    clock.advance(60_000);
    await clock.settled();
    const printedAt = new Date(clock.now() - 61_500).toISOString();
    const late = await report(test, job.id, { agentId: 'counter-1', status: 'done', printedAt });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ status: 'done', claimedBy: 'counter-1', printedAt, attempts: 1, updatedAt: new Date(clock.now()).toISOString() });
    expect(await getJob(test, job.id)).toEqual(late.body);
    expect(await jobEvents(test, job.id)).toEqual([
      [undefined, 'pending', 'env-agent', undefined],
      ['pending', 'printing', 'counter-1', undefined],
      ['printing', 'pending', 'lease-sweeper', 'lease expired'],
      ['pending', 'done', 'counter-1', undefined],
    ]);
    // The answer may be lost and the report repeated: same answer, nothing recorded.
    expect((await report(test, job.id, { agentId: 'counter-1', status: 'done', printedAt })).body).toEqual(late.body);
    expect(await jobEvents(test, job.id)).toHaveLength(4);
    expect((await claim(test, job.id, 'counter-2')).status).toBe(409);
  });

  it('accepts a late failed the same way, with its reason', async () => {
    const { test, clock } = await startOnManualClock();
    const job = await createRawJob(test, RAW_PAYLOAD);
    await claimAndLapse(test, clock, job.id, 'counter-1');
    const failed = await report(test, job.id, { agentId: 'counter-1', status: 'failed', error: 'printer is out of paper' });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'failed', error: 'printer is out of paper' });
    expect((await jobEvents(test, job.id)).at(-1)).toEqual(['pending', 'failed', 'counter-1', 'printer is out of paper']);
  });

  it('refuses the late report once another agent has claimed the job, which it may', async () => {
    const { test, clock } = await startOnManualClock();
    const job = await createRawJob(test, RAW_PAYLOAD);
    await claimAndLapse(test, clock, job.id, 'counter-1');

    const taken = await claim(test, job.id, 'counter-2');
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ status: 'printing', claimedBy: 'counter-2', attempts: 2 });
    const late = await report(test, job.id, { agentId: 'counter-1', status: 'done' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: ERROR_CODES.PRINT_JOB_NOT_CLAIMED_BY_AGENT, details: { status: 'printing', claimedBy: 'counter-2' } });

    expect((await report(test, job.id, { agentId: 'counter-2', status: 'done' })).status).toBe(200);
    expect((await jobEvents(test, job.id)).map(([from, to]) => `${from}>${to}`)).toEqual([
      'undefined>pending',
      'pending>printing',
      'printing>pending',
      'pending>printing',
      'printing>done',
    ]);
  });

  it('keeps only the newest claimer: after its lease lapsed too, the earlier one is still refused', async () => {
    const { test, clock } = await startOnManualClock();
    const job = await createRawJob(test, RAW_PAYLOAD);
    await claimAndLapse(test, clock, job.id, 'counter-1');
    await claimAndLapse(test, clock, job.id, 'counter-2');
    expect((await report(test, job.id, { agentId: 'counter-1', status: 'done' })).status).toBe(409);
    expect((await report(test, job.id, { agentId: 'counter-2', status: 'done' })).status).toBe(200);
  });

  it('lets the former claimer claim its lapsed job again', async () => {
    const { test, clock } = await startOnManualClock();
    const job = await createRawJob(test, RAW_PAYLOAD);
    await claimAndLapse(test, clock, job.id, 'counter-1');
    const again = await claim(test, job.id, 'counter-1');
    expect(again.body).toMatchObject({ status: 'printing', claimedBy: 'counter-1', attempts: 2 });
    expect((await report(test, job.id, { agentId: 'counter-1', status: 'done' })).body.status).toBe('done');
  });

  it('extends leaseUntil on a heartbeat, past the end of the first lease', async () => {
    const { test, clock } = await startOnManualClock();
    const job = await createRawJob(test, RAW_PAYLOAD);
    const leaseMs = 1_500;
    const claimed = await claim(test, job.id, 'counter-1', leaseMs);
    const firstEnd = Date.parse(claimed.body.leaseUntil ?? '');
    expect(firstEnd).toBe(clock.now() + leaseMs);
    clock.advance(700);
    await clock.settled();

    const heartbeat = await report(test, job.id, { agentId: 'counter-1', status: 'printing' });
    expect(heartbeat.status).toBe(200);
    // Same length as the claim, from the heartbeat on.
    expect(Date.parse(heartbeat.body.leaseUntil ?? '')).toBe(clock.now() + leaseMs);
    expect(heartbeat.body).toMatchObject({ status: 'printing', claimedBy: 'counter-1', version: claimed.body.version });

    // Past the first lease's end the job is still held: nobody else can claim it.
    clock.advance(firstEnd - clock.now() + 100);
    await clock.settled();
    expect(await getJob(test, job.id)).toMatchObject({ status: 'printing', claimedBy: 'counter-1' });
    const other = await claim(test, job.id, 'counter-2');
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: ERROR_CODES.PRINT_JOB_NOT_CLAIMABLE });
    // Past the sweep too (at 2 s): still held until the renewed lease ends at 2.2 s.
    clock.advance(2_199 - 1_600);
    await clock.settled();
    expect(await getJob(test, job.id)).toMatchObject({ status: 'printing', claimedBy: 'counter-1' });
    clock.advance(1);
    await clock.settled();
    expect(await getJob(test, job.id)).toMatchObject({ status: 'pending' });
    // A heartbeat on a finished job is refused: the agent then treats it as not its own.
    await report(test, job.id, { agentId: 'counter-1', status: 'done' });
    const afterDone = await report(test, job.id, { agentId: 'counter-1', status: 'printing' });
    expect(afterDone.status).toBe(409);
  });
});
