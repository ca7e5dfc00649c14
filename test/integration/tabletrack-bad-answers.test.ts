/**
 * Issue 17, items 1, 2 and 4 (TableTrack): a TableTrack stand-in that answers badly and slowly.
 * TableTrack marks every job it hands out `printing` as it answers, so the agent must print the
 * good jobs of an answer whatever else is in it, report a bad job it can name as failed, show one it
 * cannot name as a problem card (and log it), refuse an oversized ticket without decoding it, and
 * never abandon a pull that TableTrack is still answering.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TABLETRACK_LIMITS } from '../../agent/connectors/tabletrack/pull-answer.js';
import { TABLETRACK_ID_PREFIX, TABLETRACK_PROBLEM_PREFIX } from '../../agent/connectors/tabletrack/tabletrack-card.js';
import { TableTrackClient } from '../../agent/connectors/tabletrack/tabletrack-client.js';
import { SLOW_PULL_MS } from '../../agent/connectors/tabletrack/tabletrack-sync.js';
import { recordingLogger } from '../../agent/test-support/recording-logger.js';
import { STAND_IN_KEY, TableTrackStandIn } from '../tabletrack/stand-in-server.js';
import { startTableTrackKit } from '../tabletrack/tabletrack-harness.js';
import { Resources, eventually } from './kitchen-harness.js';
import { ManualClock } from './manual-clock.js';
import { WAIT_BUDGET_MS } from '../wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const ticket = (name: string) => `\u001b@Order #${name}\n1 x Soup\n\n`;

describe('TableTrack answers a pull badly', () => {
  it('reads the answer element by element: the good jobs print, the bad ones are reported or shown', async () => {
    const clock = new ManualClock();
    const logger = recordingLogger();
    const { tt, printer, agent } = await startTableTrackKit(resources, { pusher: false, agent: { clock, logger } });
    await eventually('polling', () => (agent.connector.connection.mode === 'polling' ? true : undefined));
    await agent.connector.idle();

    const good1 = await tt.createJob({ printerId: 1, text: ticket('G1') });
    const nullPayload = await tt.createJob({ printerId: 1, text: ticket('X1'), answerAs: { payload: null } });
    const yesCut = await tt.createJob({ printerId: 1, text: ticket('X2'), answerAs: { payload: { text: ticket('X2'), cutPaper: 'yes' } } });
    const idAbc = await tt.createJob({ printerId: 1, text: ticket('X3'), answerAs: { id: 'abc' } });
    const idNegative = await tt.createJob({ printerId: 1, text: ticket('X4'), answerAs: { id: -1 } });
    const idFraction = await tt.createJob({ printerId: 1, text: ticket('X5'), answerAs: { id: 1.5 } });
    const good2 = await tt.createJob({ printerId: 1, text: ticket('G2') });

    clock.advance(5_000);
    await printer.waitForJobs(2, WAIT_BUDGET_MS);
    for (const good of [good1, good2]) {
      expect(await eventually(`job ${good.id} done`, () => tt.reports(good.id)[0], 10_000)).toMatchObject({ status: 'done' });
    }
    expect(printer.printed.map((job) => job.decoded.lines[0]?.text)).toEqual(['Order #G1', 'Order #G2']);

    // Ids it can read: reported failed, in plain words, and in the print log as failed.
    for (const [bad, field] of [
      [nullPayload, 'payload'],
      [yesCut, 'payload.cutPaper'],
    ] as const) {
      const report = await eventually(`job ${bad.id} reported`, () => tt.reports(bad.id)[0]);
      expect(report.status).toBe('failed');
      expect(report.error).toMatch(new RegExp(`^TableTrack sent it in a form this agent cannot read \\(${field.replace('.', '\\.')}: .+\\); not printed$`));
      expect(tt.job(bad.id)?.status).toBe('failed');
      const logged = (await agent.api.printLog({ limit: 50 })).find((job) => job.id === `${TABLETRACK_ID_PREFIX}${bad.id}`);
      expect(logged).toMatchObject({ status: 'failed', error: report.error });
    }

    // Ids it cannot read ("abc", -1, 1.5): nothing to report them as. They stay `printing` at
    // TableTrack, are logged with the element, and each shows on the board as a problem.
    for (const unnamed of [idAbc, idNegative, idFraction]) {
      expect(tt.reports(unnamed.id)).toEqual([]);
      expect(tt.job(unnamed.id)?.status).toBe('printing');
    }
    const problems = (await agent.api.getSnapshot()).orders.filter((order) => order.id.startsWith(TABLETRACK_PROBLEM_PREFIX));
    expect(problems).toHaveLength(3);
    for (const problem of problems) {
      expect(problem.source).toMatchObject({ kind: 'tabletrack', raw: true, notice: expect.stringContaining('stays "printing" at TableTrack') });
      expect(problem.source?.blocks[0]).toMatchObject({ text: 'Problem from TableTrack' });
      expect(problem.source?.blocks[1]).toMatchObject({ text: expect.stringMatching(/^TableTrack sent it in a form this agent cannot read \(id: /) });
    }
    const unnamedLog = logger.entries.filter((line) => line.level === 'error' && /without a usable id/.test(line.message));
    expect(unnamedLog.map((line) => String(line.fields?.element))).toEqual([
      expect.stringContaining('"id":"abc"'),
      expect.stringContaining('"id":-1'),
      expect.stringContaining('"id":1.5'),
    ]);
    expect(printer.printed).toHaveLength(2);
  });

  it('takes the jobs of an answer keyed like an object instead of an array', async () => {
    const clock = new ManualClock();
    const { tt, printer, agent } = await startTableTrackKit(resources, { pusher: false, agent: { clock } });
    await eventually('polling', () => (agent.connector.connection.mode === 'polling' ? true : undefined));
    await agent.connector.idle();
    tt.answerPullsKeyed(true);
    const jobs = [await tt.createJob({ printerId: 1, text: ticket('K1') }), await tt.createJob({ printerId: 1, text: ticket('K2') })];
    clock.advance(5_000);
    await printer.waitForJobs(2, WAIT_BUDGET_MS);
    for (const job of jobs) expect(await eventually(`job ${job.id} done`, () => tt.reports(job.id)[0], 10_000)).toMatchObject({ status: 'done' });
  });

  it('refuses a ticket over the size limit as failed, and prints the rest of the answer', async () => {
    const clock = new ManualClock();
    const { tt, printer, agent } = await startTableTrackKit(resources, { pusher: false, agent: { clock } });
    await eventually('polling', () => (agent.connector.connection.mode === 'polling' ? true : undefined));
    await agent.connector.idle();
    const huge = await tt.createJob({ printerId: 1, text: `\u001b@Order #HUGE\n${'x'.repeat(TABLETRACK_LIMITS.maxPayloadChars)}\n` });
    const small = await tt.createJob({ printerId: 1, text: ticket('S1') });
    clock.advance(5_000);
    const report = await eventually('the huge job reported', () => tt.reports(huge.id)[0]);
    expect(report).toMatchObject({ status: 'failed', error: 'its ticket is 1,025 KB, more than the 1,024 KB this agent prints; not printed' });
    expect(await eventually('the small job done', () => tt.reports(small.id)[0], 10_000)).toMatchObject({ status: 'done' });
    expect(printer.printed.map((job) => job.decoded.lines[0]?.text)).toEqual(['Order #S1']);
  });
});

describe('TableTrack answers a pull slowly', () => {
  it('waits for the answer past the ordinary request timeout: the pull is the claim', async () => {
    const tt = await TableTrackStandIn.start();
    resources.add(() => tt.close());
    const job = await tt.createJob({ printerId: 1, text: ticket('SLOW') });
    // Three times what any other request may take: the old 5 s timeout, scaled down.
    tt.delayPulls(600);
    const client = new TableTrackClient({ baseUrl: tt.url, key: STAND_IN_KEY, timeoutMs: 200 });
    const pulled = await client.pull();
    expect(pulled.jobs.map((pulledJob) => pulledJob.id)).toEqual([job.id]);
  });

  it('says on the board that TableTrack is slow, then prints and reports what the slow pull brought', async () => {
    const clock = new ManualClock();
    const logger = recordingLogger();
    const { tt, printer, agent } = await startTableTrackKit(resources, { pusher: false, agent: { clock, logger } });
    await eventually('polling', () => (agent.connector.connection.mode === 'polling' ? true : undefined));
    await agent.connector.idle();
    const job = await tt.createJob({ printerId: 1, text: ticket('T10') });
    const release = tt.holdPulls();
    resources.add(release);

    clock.advance(5_000);
    await eventually('the pull to reach TableTrack', () => (tt.job(job.id)?.status === 'printing' ? true : undefined));
    clock.advance(SLOW_PULL_MS);
    expect(agent.connector.connection.detail).toMatch(/^TableTrack is slow: waiting for its answer to a pull/);
    expect((await agent.api.getSnapshot()).connection.detail).toMatch(/^TableTrack is slow/);

    clock.advance(60_000);
    release();
    expect(await eventually('the report', () => tt.reports(job.id)[0], 10_000)).toMatchObject({ status: 'done' });
    expect(printer.printed.map((printed) => printed.decoded.lines[0]?.text)).toEqual(['Order #T10']);
    await agent.connector.idle();
    expect(agent.connector.connection.detail).not.toMatch(/slow/);
    expect(logger.entries.find((line) => line.message === 'TableTrack answered a slow pull')?.fields).toEqual({ tookMs: 5_000 + 60_000 });
  });
});
