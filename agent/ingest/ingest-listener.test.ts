import { describe, expect, it } from 'vitest';
import { EPSON_RESTAURANT_TICKET } from './fixtures/epson-restaurant-ticket.js';
import { bytes, DLE, EOT, GS, line } from './fixtures/fixture-bytes.js';
import { RASTER_LOGO_TICKET } from './fixtures/raster-logo-ticket.js';
import { STAR_LINE_TICKET } from './fixtures/star-line-ticket.js';
import type { IngestListener } from './ingest-listener.js';
import { ingestListenerKit, jobsArrived } from './ingest-test-support.js';
import type { SessionFixture } from './fixtures/fixture-bytes.js';
import { HEALTHY_CONDITION, type PrinterCondition } from '../printing/printer-status.js';

const CUT = bytes(GS, 0x56, 0);
const GS_R_1 = bytes(GS, 0x72, 1);
const dleEot = (n: number) => bytes(DLE, EOT, n);
const gsI = (n: number) => bytes(GS, 0x49, n);

const { setup, client } = ingestListenerKit();

/** Sends a session as two writes split at `at`, closes, and returns every reply byte. */
async function sendSplit(listener: IngestListener, fixture: SessionFixture, at: number): Promise<number[]> {
  const c = await client(listener);
  await c.write(fixture.session.subarray(0, at));
  await c.write(fixture.session.subarray(at));
  expect(await c.finish()).toBe('end');
  return c.received;
}

describe('IngestListener: a POS printing to it', () => {
  it('answers the driver byte-exact as a healthy Epson TM and hands over the ticket without the status requests', async () => {
    const { listener, jobs } = await setup();
    const c = await client(listener);
    await c.write(EPSON_RESTAURANT_TICKET.session);
    expect(await c.replies(7)).toEqual(EPSON_RESTAURANT_TICKET.replies);
    const [job] = await jobsArrived(listener, jobs, 1);
    expect(job).toMatchObject({ listenerName: 'pos-kitchen', station: 'kitchen', printerType: 'EPSON', connectionId: 1, endedBy: 'cut' });
    expect(job!.bytes.equals(EPSON_RESTAURANT_TICKET.ticket)).toBe(true);
    expect(job!.limit).toBeUndefined();
    expect(await c.finish()).toBe('end');
    expect(jobs).toHaveLength(1);
  });

  it('gives the same job and replies whichever byte the session is split at, over TCP', async () => {
    for (const fixture of [EPSON_RESTAURANT_TICKET, RASTER_LOGO_TICKET]) {
      const { listener, jobs } = await setup();
      for (let at = 1; at < fixture.session.length; at++) {
        const replies = await sendSplit(listener, fixture, at);
        expect(replies, `replies, split at ${at}`).toEqual(fixture.replies);
        expect(jobs[at - 1]?.bytes.equals(fixture.ticket), `job, split at ${at}`).toBe(true);
      }
      expect(jobs).toHaveLength(fixture.session.length - 1);
    }
  });

  it('ends Star Line Mode jobs at ESC d n when told the POS speaks Star', async () => {
    const { listener, jobs } = await setup({ printerType: 'STAR' });
    const c = await client(listener);
    await c.write(STAR_LINE_TICKET.session);
    const [job] = await jobsArrived(listener, jobs, 1);
    expect(job).toMatchObject({ endedBy: 'cut', printerType: 'STAR' });
    expect(job!.bytes.equals(STAR_LINE_TICKET.ticket)).toBe(true);
    expect(await c.replies(1)).toEqual(STAR_LINE_TICKET.replies);
  });

  it('answers every status request a driver sends, GS r / GS I also with ASCII digits', async () => {
    const { listener } = await setup();
    const c = await client(listener);
    await c.write(Buffer.concat([dleEot(1), dleEot(2), dleEot(3), dleEot(4), GS_R_1, bytes(GS, 0x72, 2), bytes(GS, 0x72, 0x31), gsI(1), gsI(2), gsI(3), gsI(0x31)]));
    expect(await c.replies(11)).toEqual([0x12, 0x12, 0x12, 0x12, 0x00, 0x00, 0x00, 0x20, 0x02, 0x46, 0x20]);
  });

  it('takes several jobs on one connection, in order', async () => {
    const { listener, jobs } = await setup();
    const c = await client(listener);
    const tickets = ['#1', '#2', '#3'].map((n) => Buffer.concat([line(n), line('1 Soup'), CUT]));
    await c.write(Buffer.concat([...tickets, GS_R_1]));
    expect(await c.replies(1)).toEqual([0x00]);
    const got = await jobsArrived(listener, jobs, 3);
    expect(got.map((j) => j.bytes.toString('latin1'))).toEqual(tickets.map((t) => t.toString('latin1')));
    expect(new Set(got.map((j) => j.connectionId))).toEqual(new Set([1]));
  });

  it('keeps two connections apart when their bytes interleave', async () => {
    const { listener, jobs } = await setup();
    const a = await client(listener);
    const b = await client(listener);
    const ticketA = Buffer.concat([line('#A-100'), line('2 x Fries'), CUT]);
    const ticketB = Buffer.concat([line('#B-200'), line('1 Salad'), CUT]);
    await a.write(ticketA.subarray(0, 5));
    await b.write(ticketB.subarray(0, 9));
    await a.write(ticketA.subarray(5));
    await b.write(ticketB.subarray(9));
    const got = await jobsArrived(listener, jobs, 2);
    const byConnection = new Map(got.map((j) => [j.connectionId, j.bytes.toString('latin1')]));
    expect(byConnection).toEqual(new Map([[1, ticketA.toString('latin1')], [2, ticketB.toString('latin1')]]));
  });

  it('ends a job without a cut when the POS closes, and closes its own side only once the job is journaled', async () => {
    const order: string[] = [];
    const { listener, jobs } = await setup({
      onJob: async () => {
        // Journaling takes a few turns of the event loop; the POS must not see the close before.
        for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
        order.push('journaled');
      },
    });
    const c = await client(listener);
    c.socket.on('end', () => order.push('POS saw the close'));
    const ticket = Buffer.concat([line('Table 4'), line('1 Tea')]);
    await c.write(ticket);
    expect(await c.finish()).toBe('end');
    expect(order).toEqual(['journaled', 'POS saw the close']);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ endedBy: 'close' });
    expect(jobs[0]!.bytes.equals(ticket)).toBe(true);
  });

  it('makes no job of what prints nothing (ESC @ after the cut, a bare status check)', async () => {
    const { listener, jobs } = await setup();
    const c = await client(listener);
    await c.write(Buffer.concat([dleEot(1), line('#9'), CUT, bytes(0x1b, 0x40), GS_R_1]));
    expect(await c.replies(2)).toEqual([0x12, 0x00]);
    expect(await c.finish()).toBe('end');
    expect(jobs.map((j) => j.bytes.toString('latin1'))).toEqual([Buffer.concat([line('#9'), CUT]).toString('latin1')]);
  });
});

describe('IngestListener: the forward printer\'s state', () => {
  it('reports paper out there as paper out to the POS', async () => {
    const { listener } = await setup({ statusSource: () => ({ online: false, coverOpen: false, paperOut: true, paperNearEnd: true }) });
    const c = await client(listener);
    await c.write(Buffer.concat([dleEot(1), dleEot(2), dleEot(4), GS_R_1]));
    // Offline (bit 3), paper-end stop (bit 5), near-end + end sensors (0x0C | 0x60), GS r 1 paper end (0x0F).
    expect(await c.replies(4)).toEqual([0x1a, 0x32, 0x7e, 0x0f]);
  });

  it('leaves GS r and GS I unanswered with the cover open, as a stopped printer does, but answers DLE EOT', async () => {
    const { listener } = await setup({ statusSource: () => ({ online: false, coverOpen: true, paperOut: false, paperNearEnd: false }) });
    const c = await client(listener);
    await c.write(Buffer.concat([GS_R_1, gsI(1), dleEot(2), dleEot(1)]));
    // Handled in order: had GS r or GS I been answered, their bytes would come first.
    expect(await c.replies(2)).toEqual([0x16, 0x1a]);
  });

  it('waits for a status source that answers with a promise (the printer being asked), request by request', async () => {
    type Answer = (condition: PrinterCondition) => void;
    let ask: (answer: Answer) => void = () => undefined;
    const nextAsk = () => new Promise<Answer>((resolve) => (ask = resolve));
    const { listener } = await setup({ statusSource: () => new Promise<PrinterCondition>((resolve) => ask(resolve)) });
    const first = nextAsk();
    const c = await client(listener);
    await c.write(Buffer.concat([dleEot(4), GS_R_1]));
    const answerFirst = await first;
    // The GS r 1 behind it is asked about only once the first answer is in.
    const second = nextAsk();
    answerFirst({ online: false, coverOpen: false, paperOut: true, paperNearEnd: true });
    (await second)({ ...HEALTHY_CONDITION });
    expect(await c.replies(2)).toEqual([0x7e, 0x00]);
  });

  it('answers as a healthy printer when the status source throws, and logs it', async () => {
    const { listener, logger } = await setup({
      statusSource: () => {
        throw new Error('no status yet');
      },
    });
    const c = await client(listener);
    await c.write(dleEot(1));
    expect(await c.replies(1)).toEqual([0x12]);
    expect(logger.entries.some((r) => r.level === 'warn' && r.message.includes('status source failed'))).toBe(true);
  });
});

describe('IngestListener: the job hook (journal before the POS sees success)', () => {
  it('answers a status request after the job only once the hook resolved', async () => {
    const order: string[] = [];
    let statusAnsweredDuringHook: boolean | undefined;
    const { listener } = await setup({
      onJob: async () => {
        order.push('hook started');
        // Give a listener that did not wait every chance to answer the GS r 1 behind the cut.
        await new Promise((resolve) => setImmediate(resolve));
        statusAnsweredDuringHook = order.includes('GS r answered');
        order.push('journaled');
      },
    });
    listener.on('status-request', (e) => order.push(`${e.request.command} answered`));
    const c = await client(listener);
    await c.write(Buffer.concat([line('#7'), CUT, GS_R_1]));
    expect(await c.replies(1)).toEqual([0x00]);
    expect(statusAnsweredDuringHook).toBe(false);
    expect(order).toEqual(['hook started', 'journaled', 'GS r answered']);
  });

  it('resets the connection without answering when the hook fails, and goes on serving others', async () => {
    let fail = true;
    const { listener, jobs, logger } = await setup({
      onJob: () => {
        if (fail) throw new Error('disk full');
      },
    });
    const failed: string[] = [];
    listener.on('job-failed', ({ job }) => failed.push(job.bytes.toString('latin1')));
    const c = await client(listener);
    await c.write(Buffer.concat([line('#8'), CUT, GS_R_1]));
    expect(await c.ended).toBe('reset');
    expect(c.received).toEqual([]);
    expect(failed).toEqual([Buffer.concat([line('#8'), CUT]).toString('latin1')]);
    expect(logger.entries.some((r) => r.level === 'error' && r.message.includes('hook failed'))).toBe(true);
    fail = false;
    const d = await client(listener);
    await d.write(Buffer.concat([line('#9'), CUT, GS_R_1]));
    expect(await d.replies(1)).toEqual([0x00]);
    expect(jobs).toHaveLength(1);
  });
});
