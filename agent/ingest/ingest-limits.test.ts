import { describe, expect, it } from 'vitest';
import { bytes, DLE, EOT, GS, line } from './fixtures/fixture-bytes.js';
import { INGEST_LIMITS } from './ingest-limits.js';
import { ingestListenerKit, jobsArrived } from './ingest-test-support.js';
import { ManualClock } from '../../test/integration/manual-clock.js';

const CUT = bytes(GS, 0x56, 0);
const DLE_EOT_1 = bytes(DLE, EOT, 1);
const MB = 1024 * 1024;

const kit = ingestListenerKit();

async function setup(clock = new ManualClock(), limits: Partial<typeof INGEST_LIMITS> = {}) {
  const ctx = await kit.setup({ clock, limits });
  return { ...ctx, clock, client: () => kit.client(ctx.listener) };
}

describe('IngestListener limits', () => {
  it('are 1 MB per job, 100 jobs a minute per connection and 2 s idle', () => {
    expect(INGEST_LIMITS).toMatchObject({ maxJobBytes: MB, maxJobsPerWindow: 100, rateWindowMs: 60_000, idleEndMs: 2_000 });
  });

  it('ends a job 2 s after its last ticket byte, by the injected clock; status polls do not hold it open', async () => {
    const { listener, jobs, clock, client } = await setup();
    const c = await client();
    await c.write(Buffer.concat([line('Table 9'), line('1 Soup'), DLE_EOT_1]));
    // Each answer proves the bytes before it were handled: had the job ended, it would have been
    // delivered before the answer (a connection's bytes are handled in order).
    await c.replies(1);
    clock.advance(1_999);
    await c.write(Buffer.concat([line('1 Bread'), DLE_EOT_1]));
    await c.replies(2);
    expect(jobs).toEqual([]);
    clock.advance(1_999);
    // 3,998 ms after the first bytes, 1,999 after the last: still one job in progress. A status poll
    // now does not restart the wait.
    await c.write(DLE_EOT_1);
    await c.replies(3);
    expect(jobs).toEqual([]);
    clock.advance(1);
    const [job] = await jobsArrived(listener, jobs, 1);
    expect(job).toMatchObject({ endedBy: 'idle', receivedAt: new Date(clock.now()).toISOString() });
    expect(job!.bytes.toString('latin1')).toBe(Buffer.concat([line('Table 9'), line('1 Soup'), line('1 Bread')]).toString('latin1'));
    // The connection stays open for the next job.
    await c.write(Buffer.concat([line('#2'), CUT]));
    expect((await jobsArrived(listener, jobs, 2))[1]).toMatchObject({ endedBy: 'cut', connectionId: job!.connectionId });
  });

  it('cuts off a job over 1 MB, logs it, closes that connection, and leaves another connection alone', async () => {
    const { listener, jobs, logger, client } = await setup();
    const other = await client();
    await other.write(line('Table 1'));
    const big = await client();
    const stream = Buffer.alloc(MB + 4096, 'A');
    for (let i = 0; i < stream.length; i += 64 * 1024) stream[i] = 0x0a;
    const sent = big.write(stream).catch(() => undefined);
    expect(await big.ended).toBe('reset');
    await sent;
    const [cutOff] = await jobsArrived(listener, jobs, 1);
    expect(cutOff).toMatchObject({ endedBy: 'limit', limit: 'jobTooLarge', truncated: true, connectionId: 2 });
    expect(cutOff!.limitMessage).toMatch(/larger than 1048576 bytes/u);
    expect(cutOff!.bytes.equals(stream.subarray(0, MB))).toBe(true);
    expect(logger.entries.filter((r) => r.level === 'warn').map((r) => r.fields?.limit)).toEqual(['jobTooLarge']);
    await other.write(Buffer.concat([line('1 Soup'), CUT]));
    const [, normal] = await jobsArrived(listener, jobs, 2);
    expect(normal).toMatchObject({ endedBy: 'cut', connectionId: 1 });
    expect(normal!.bytes.toString('latin1')).toBe(Buffer.concat([line('Table 1'), line('1 Soup'), CUT]).toString('latin1'));
  });

  it('counts an image that announces more than 1 MB toward the limit as its data arrives', async () => {
    const { listener, jobs, client } = await setup();
    const c = await client();
    // GS v 0: 255 bytes × 65,535 rows announced; 1 MB + a bit sent.
    const header = bytes(GS, 0x76, 0x30, 0, 0xff, 0, 0xff, 0xff);
    const sent = c.write(Buffer.concat([header, Buffer.alloc(MB, 0x55)])).catch(() => undefined);
    expect(await c.ended).toBe('reset');
    await sent;
    const [job] = await jobsArrived(listener, jobs, 1);
    expect(job).toMatchObject({ limit: 'jobTooLarge', truncated: true });
    expect(job!.bytes.length).toBe(MB);
  });

  it('counts a command held unfinished toward the limit too (ESC & announcing 16 MB of characters)', async () => {
    const { listener, jobs, client } = await setup();
    const c = await client();
    // ESC & y=255 c1=0 c2=255: user characters whose lengths come one by one, so nothing tells the
    // whole length up front and the bytes are held, not passed through.
    const stream = Buffer.concat([bytes(0x1b, 0x26, 0xff, 0x00, 0xff), Buffer.alloc(MB, 0xff)]);
    const sent = c.write(stream).catch(() => undefined);
    expect(await c.ended).toBe('reset');
    await sent;
    const [job] = await jobsArrived(listener, jobs, 1);
    expect(job).toMatchObject({ limit: 'jobTooLarge', truncated: true });
    expect(job!.bytes.equals(stream.subarray(0, MB))).toBe(true);
  });

  it('cuts off the 101st job within a minute on one connection and closes it; other connections go on', async () => {
    const { listener, jobs, logger, client } = await setup();
    const other = await client();
    const flood = await client();
    const tickets = Array.from({ length: 101 }, (_, i) => Buffer.concat([line(`#${i + 1}`), line('1 Fries'), CUT]));
    await flood.write(Buffer.concat(tickets)).catch(() => undefined);
    expect(await flood.ended).toBe('reset');
    const got = await jobsArrived(listener, jobs, 101);
    expect(got.slice(0, 100).every((j) => j.limit === undefined && j.endedBy === 'cut')).toBe(true);
    expect(got[100]).toMatchObject({ endedBy: 'limit', limit: 'tooManyJobs', connectionId: 2 });
    expect(got[100]!.bytes.equals(tickets[100]!)).toBe(true);
    expect(got[100]!.truncated).toBeUndefined();
    expect(logger.entries.filter((r) => r.level === 'warn').map((r) => r.fields?.limit)).toEqual(['tooManyJobs']);
    await other.write(Buffer.concat([line('#other'), CUT]));
    expect((await jobsArrived(listener, jobs, 102))[101]).toMatchObject({ connectionId: 1, endedBy: 'cut' });
  });

  it('counts jobs per minute: 100 now and one more a minute later are all fine', async () => {
    // A minute without a byte would close the connection (ingest-connections.test.ts): not what this is about.
    const { listener, jobs, clock, client } = await setup(new ManualClock(), { idleCloseMs: 3_600_000 });
    const c = await client();
    const ticket = Buffer.concat([line('#1'), line('1 Fries'), CUT]);
    await c.write(Buffer.concat(Array.from({ length: 100 }, () => ticket)));
    await jobsArrived(listener, jobs, 100);
    clock.advance(60_000);
    await c.write(Buffer.concat([ticket, DLE_EOT_1]));
    expect(await c.replies(1)).toEqual([0x12]);
    const got = await jobsArrived(listener, jobs, 101);
    expect(got.every((j) => j.limit === undefined)).toBe(true);
  });
});
