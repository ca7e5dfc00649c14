/**
 * Issue 20 for TableTrack: a TableTrack ticket that FAILED (the roll ended while it was being sent,
 * so it may have partly printed and was reported `failed` by PATCH) keeps Retry and Print elsewhere
 * on its card's strip. Each tap prints the journaled bytes once more as a local job, and TableTrack
 * gets no second report: it already has the job's final status. Real parts: the TableTrack stand-in
 * on the relay, the agent's journal and outbox, two virtual printers on real TCP sockets, one
 * hand-moved clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { VirtualPrinter } from '../../agent/printing/virtual-printer.js';
import { Resources, TEST_PRINT_RETRY, eventually, printerSettings, startTestPrinter } from './kitchen-harness.js';
import { ManualClock } from './manual-clock.js';
import { startStandIn, startTableTrackAgent, startTestRelay } from '../tabletrack/tabletrack-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const ticket = (n: number) => `\u001b@Kitchen Order Ticket\nOrder #${n}\n1 x Pho\n\n`;

/** Two TableTrack jobs on a roll that ends during the second: the first prints, the second fails after it was sent. */
async function failedTableTrackTicket() {
  const clock = new ManualClock();
  const relay = await startTestRelay(resources);
  const tt = await startStandIn(resources, relay);
  const kitchen = await startTestPrinter(resources);
  const pass = await startTestPrinter(resources);
  const agent = await startTableTrackAgent(resources, {
    tt,
    relay,
    clock,
    printers: [{ ...printerSettings(kitchen, ['kitchen']), name: 'Kitchen' }, { ...printerSettings(pass, ['kitchen']), id: 'pass', name: 'Pass' }],
    printerMap: { '1': 'test-printer' },
  });
  await eventually('agent live', () => (agent.connector.connection.mode === 'live' ? true : undefined));
  await kitchen.paperRunsOutAfter(1);
  const first = await tt.createJob({ printerId: 1, text: ticket(1), cutPaper: true });
  await eventually('the first ticket printed and reported', () => (tt.reports(first.id).length === 1 ? true : undefined));
  const second = await tt.createJob({ printerId: 1, text: ticket(2), cutPaper: true });
  const jobId = `tabletrack:${second.id}`;
  const failed = await eventually('the failed ticket on its card', async () => (await agent.api.getSnapshot()).printing?.unprinted.find((entry) => entry.jobId === jobId && entry.state === 'failed'));
  expect(failed).toMatchObject({ orderId: jobId, printerId: 'test-printer', mayHavePartlyPrinted: true });
  const reported = await eventually('the failed PATCH', () => tt.reports(second.id)[0]);
  expect(reported.status).toBe('failed');
  expect(kitchen.printed).toHaveLength(1);
  return { clock, tt, agent, kitchen, pass, jobId, sourceId: second.id };
}

type Failed = Awaited<ReturnType<typeof failedTableTrackTicket>>;

/** Lets every timer and the outbox run out, then checks nothing more went to TableTrack nor to a printer. */
async function settled(k: Failed): Promise<void> {
  k.clock.advance(10 * TEST_PRINT_RETRY.maxDelayMs);
  await k.agent.pipeline.idle();
  await k.agent.outbox.kick();
  expect(k.agent.outbox.rows()).toEqual([]);
  expect(k.tt.reports(k.sourceId).map((report) => report.status)).toEqual(['failed']);
  expect(k.tt.job(k.sourceId)?.status).toBe('failed');
}

function linesOf(printer: VirtualPrinter, index: number): string[] {
  return printer.printed[index]!.decoded.lines.map((line) => line.text.trim()).filter((text) => text !== '');
}

describe('a TableTrack ticket that failed', () => {
  it('Retry prints its journaled ticket once more on its printer, and TableTrack gets no second report', async () => {
    const k = await failedTableTrackTicket();
    await k.kitchen.setMode('ok');

    const again = await k.agent.api.retryPrint({ jobId: k.jobId });
    expect(again.reprintOf).toBe(k.jobId);
    await eventually('the ticket printed again', () => (k.kitchen.printed.length === 2 ? true : undefined));
    expect(linesOf(k.kitchen, 1)).toEqual(['Kitchen Order Ticket', 'Order #2', '1 x Pho']);
    await eventually('the strip gone', async () => ((await k.agent.api.getSnapshot()).printing?.unprinted.some((entry) => entry.orderId === k.jobId) ? undefined : true));

    await settled(k);
    expect(k.kitchen.printed).toHaveLength(2);
    expect(k.pass.printed).toEqual([]);
    expect((await k.agent.api.printLog({ limit: 20 })).find((entry) => entry.id === again.id)).toMatchObject({ status: 'done', reprintOf: k.jobId });
  });

  it('Print elsewhere prints it once on the printer chosen; its own printer never prints it, and no second report', async () => {
    const k = await failedTableTrackTicket();

    const again = await k.agent.api.printElsewhere({ jobId: k.jobId, printerId: 'pass' });
    expect(again.reprintOf).toBe(k.jobId);
    await eventually('the ticket on the pass printer', () => (k.pass.printed.length === 1 ? true : undefined));
    expect(linesOf(k.pass, 0)).toEqual(['Kitchen Order Ticket', 'Order #2', '1 x Pho']);
    await eventually('the strip gone', async () => ((await k.agent.api.getSnapshot()).printing?.unprinted.some((entry) => entry.orderId === k.jobId) ? undefined : true));

    await k.kitchen.setMode('ok');
    await settled(k);
    expect(k.pass.printed).toHaveLength(1);
    expect(k.kitchen.printed).toHaveLength(1);
  });
});
