import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema } from '../../common/events.js';
import { PrintJobSchema, type PrintJob } from '../../common/print-job.js';
import { runTokensCli } from '../cli.js';
import { testDatabaseEnv } from './database.js';
import { Resources, TEST_TOKENS, issueToken, startTestBackend, type TestBackend } from './helpers.js';
import { createRawJob } from './print-job-requests.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const RAW_PAYLOAD = Buffer.from('\x1b@bound\n').toString('base64');

const claimAs = (test: TestBackend, token: string, id: string, agentId: string) =>
  test.api.post<PrintJob>(`/api/print-jobs/${id}/claim`, token, { agentId });
const reportAs = (test: TestBackend, token: string, id: string, body: Record<string, unknown>) =>
  test.api.post<PrintJob>(`/api/print-jobs/${id}/status`, token, body);

async function jobState(test: TestBackend, id: string): Promise<{ job: PrintJob; events: number }> {
  const job = PrintJobSchema.parse((await test.api.get(`/api/print-jobs/${id}`, TEST_TOKENS.admin)).body);
  const page = EventsPageSchema.parse((await test.api.get('/api/events?limit=1000', TEST_TOKENS.admin)).body);
  return { job, events: page.events.filter((event) => event.jobId === id).length };
}

describe('agent ids are bound to their token', () => {
  it('refuses a token that claims or reports as another agent than its first, and changes nothing', async () => {
    const test = await startTestBackend(resources);
    const mine = await createRawJob(test, RAW_PAYLOAD);
    const other = await createRawJob(test, RAW_PAYLOAD);
    expect((await claimAs(test, TEST_TOKENS.agent, mine.id, 'pass-pc')).status).toBe(200);
    const before = await jobState(test, other.id);

    const claim = await claimAs(test, TEST_TOKENS.agent, other.id, 'bar-pc');
    expect(claim.status).toBe(403);
    expect(claim.body).toEqual({
      code: ERROR_CODES.AGENT_ID_MISMATCH,
      message: expect.stringContaining('pass-pc') as string,
      details: { agentId: 'bar-pc', boundAgentId: 'pass-pc' },
    });
    const report = await reportAs(test, TEST_TOKENS.agent, mine.id, { agentId: 'bar-pc', status: 'done' });
    expect(report.status).toBe(403);
    expect(report.body).toMatchObject({ code: ERROR_CODES.AGENT_ID_MISMATCH });
    expect(await jobState(test, other.id)).toEqual(before);
    expect((await jobState(test, mine.id)).job).toMatchObject({ status: 'printing', claimedBy: 'pass-pc' });

    // Its own agent id still works.
    expect((await reportAs(test, TEST_TOKENS.agent, mine.id, { agentId: 'pass-pc', status: 'done' })).status).toBe(200);
  });

  it('refuses an agent id that another token speaks for: no token can finish or take over another PC\'s job', async () => {
    const test = await startTestBackend(resources);
    const bar = await issueToken(test.dataDir, 'agent', 'bar PC');
    const job = await createRawJob(test, RAW_PAYLOAD);
    expect((await claimAs(test, TEST_TOKENS.agent, job.id, 'pass-pc')).status).toBe(200);
    const before = await jobState(test, job.id);

    const report = await reportAs(test, bar.token, job.id, { agentId: 'pass-pc', status: 'done' });
    expect(report.status).toBe(403);
    expect(report.body).toEqual({ code: ERROR_CODES.AGENT_ID_TAKEN, message: expect.any(String) as string, details: { agentId: 'pass-pc' } });
    const heartbeat = await reportAs(test, bar.token, job.id, { agentId: 'pass-pc', status: 'printing' });
    expect(heartbeat.body).toMatchObject({ code: ERROR_CODES.AGENT_ID_TAKEN });
    const other = await createRawJob(test, RAW_PAYLOAD);
    expect((await claimAs(test, bar.token, other.id, 'pass-pc')).body).toMatchObject({ code: ERROR_CODES.AGENT_ID_TAKEN });
    expect(await jobState(test, job.id)).toEqual(before);

    // Under its own agent id the bar PC works as before.
    expect((await claimAs(test, bar.token, other.id, 'bar-pc')).body).toMatchObject({ status: 'printing', claimedBy: 'bar-pc' });
  });

  it('binds only on an accepted claim or report: a refused one leaves the token free', async () => {
    const test = await startTestBackend(resources);
    const job = await createRawJob(test, RAW_PAYLOAD);
    expect((await claimAs(test, TEST_TOKENS.agent, 'job_nope', 'typo-pc')).status).toBe(404);
    expect((await reportAs(test, TEST_TOKENS.agent, job.id, { agentId: 'typo-pc', status: 'done' })).status).toBe(409);
    expect((await claimAs(test, TEST_TOKENS.agent, job.id, 'pass-pc')).status).toBe(200);
    expect((await claimAs(test, TEST_TOKENS.agent, job.id, 'typo-pc')).body).toMatchObject({ code: ERROR_CODES.AGENT_ID_MISMATCH });
  });

  it('binds admin tokens the same way', async () => {
    const test = await startTestBackend(resources);
    const [first, second] = [await createRawJob(test, RAW_PAYLOAD), await createRawJob(test, RAW_PAYLOAD)];
    expect((await claimAs(test, TEST_TOKENS.agent, first.id, 'pass-pc')).status).toBe(200);
    expect((await reportAs(test, TEST_TOKENS.admin, first.id, { agentId: 'pass-pc', status: 'failed', error: 'x' })).body).toMatchObject({
      code: ERROR_CODES.AGENT_ID_TAKEN,
    });
    expect((await claimAs(test, TEST_TOKENS.admin, second.id, 'office')).status).toBe(200);
    expect((await claimAs(test, TEST_TOKENS.admin, first.id, 'pass-pc')).body).toMatchObject({ code: ERROR_CODES.AGENT_ID_MISMATCH });
  });

  it('keeps bindings across a restart, and frees an agent id whose token was revoked for its new token', async () => {
    const test = await startTestBackend(resources);
    const old = await issueToken(test.dataDir, 'agent', 'pass PC');
    const renewed = await issueToken(test.dataDir, 'agent', 'pass PC, new token');
    const job = await createRawJob(test, RAW_PAYLOAD);
    expect((await claimAs(test, old.token, job.id, 'pass-pc')).status).toBe(200);
    await test.backend.close();

    const again = await startTestBackend(resources, { dataDir: test.dataDir });
    expect((await claimAs(again, renewed.token, job.id, 'pass-pc')).body).toMatchObject({ code: ERROR_CODES.AGENT_ID_TAKEN });
    await runTokensCli(['revoke', old.id, '--data-dir', again.dataDir], { print: () => undefined, env: await testDatabaseEnv(again.dataDir) });
    // The job is still printing under pass-pc: the new token now speaks for it and may finish it.
    const done = await reportAs(again, renewed.token, job.id, { agentId: 'pass-pc', status: 'done' });
    expect(done.body).toMatchObject({ status: 'done', claimedBy: 'pass-pc' });
    expect((await claimAs(again, renewed.token, (await createRawJob(again, RAW_PAYLOAD)).id, 'other-pc')).body).toMatchObject({
      code: ERROR_CODES.AGENT_ID_MISMATCH,
    });
  });

  it('frees the agent id of an environment token once the variable is gone', async () => {
    const test = await startTestBackend(resources);
    expect((await claimAs(test, TEST_TOKENS.agent, (await createRawJob(test, RAW_PAYLOAD)).id, 'pass-pc')).status).toBe(200);
    await test.backend.close();

    const withoutEnv = await startTestBackend(resources, { dataDir: test.dataDir, tokens: false });
    const stored = await issueToken(withoutEnv.dataDir, 'agent', 'pass PC');
    const job = await withoutEnv.api.post<PrintJob>('/api/print-jobs', stored.token, { kind: 'raw', station: 'kitchen', payload: RAW_PAYLOAD });
    expect((await claimAs(withoutEnv, stored.token, job.body.id, 'pass-pc')).body).toMatchObject({ status: 'printing', claimedBy: 'pass-pc' });
  });
});
