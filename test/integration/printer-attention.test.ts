import { afterEach, describe, expect, it } from 'vitest';
import type { VirtualPrinter, VirtualPrinterMode } from '../../agent/printing/virtual-printer.js';
import type { BoardSnapshot } from '../../common/kitchen-api.js';
import type { PrinterProblem } from '../../common/printer-trouble.js';
import type { PrinterSettings } from '../../common/settings.js';
import {
  Resources,
  TEST_PRINT_RETRY,
  eventually,
  printedJobIds,
  printerSettings,
  startTestAgent,
  startTestBackend,
  startTestPrinter,
} from './kitchen-harness.js';
import { ManualClock } from './manual-clock.js';

/*
 * Issue 20: a printer that cannot print is seen before anything is sent (DLE EOT 1/2/4); the job
 * waits as "needs attention" — on the card, in the header's count, in the banner area — and prints
 * by itself, once, when the printer is back; Retry and Print elsewhere each print exactly once.
 * Real backend, real agent, virtual printers on real TCP sockets; the agent's and the backend's
 * time is one hand-moved clock, so a retry (and a lease) happens exactly when the test says.
 */

const resources = new Resources();
afterEach(() => resources.closeAll());

async function kitchen(modes: VirtualPrinterMode[], names = ['Kitchen', 'Pass']) {
  const clock = new ManualClock();
  const { backend, api } = await startTestBackend(resources, { clock });
  const printers: VirtualPrinter[] = [];
  const settings: PrinterSettings[] = [];
  for (const [index, mode] of modes.entries()) {
    const printer = await startTestPrinter(resources);
    await printer.setMode(mode);
    printers.push(printer);
    settings.push({ ...printerSettings(printer, ['kitchen']), id: `printer-${index + 1}`, name: names[index] ?? `Printer ${index + 1}` });
  }
  const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: settings, clock });
  await eventually('agent live', () => (agent.sync.connection.mode === 'live' ? true : undefined));
  return { clock, api, agent, printers };
}

type Kitchen = Awaited<ReturnType<typeof kitchen>>;

/** Submits an order and waits until its ticket waits for a printer that needs attention. */
async function waitingTicket(k: Kitchen) {
  const order = await k.api.createOrder({ type: 'takeaway', items: [{ name: 'Pho', qty: 1, station: 'kitchen' }] });
  const snapshot = await eventually('the ticket waiting for its printer', async () => {
    const current = await k.agent.api.getSnapshot();
    return current.printing?.unprinted.some((ticket) => ticket.orderId === order.id) ? current : undefined;
  });
  const ticket = snapshot.printing?.unprinted.find((entry) => entry.orderId === order.id);
  if (!ticket) throw new Error('no waiting ticket');
  // The pipeline waits on the clock for its next attempt: moving the clock now runs that attempt.
  await k.clock.waitingAgain();
  return { order, ticket, snapshot };
}

async function printLogEntry(k: Kitchen, jobId: string) {
  return (await k.agent.api.printLog({ limit: 50 })).find((entry) => entry.id === jobId);
}

/** Moves the clock by `steps` retry turns, each once the pipeline waits again. */
async function retryTurns(k: Kitchen, steps: number): Promise<void> {
  for (let step = 0; step < steps; step++) {
    await k.clock.waitingAgain();
    const next = k.clock.nextWait();
    k.clock.advance(TEST_PRINT_RETRY.maxDelayMs);
    await next;
  }
}

function unprintedCount(snapshot: BoardSnapshot): number {
  return snapshot.printing?.unprinted.length ?? 0;
}

describe('printer state before sending (issue 20)', () => {
  const cases: [VirtualPrinterMode, PrinterProblem][] = [
    ['paperOut', 'paperOut'],
    ['coverOpen', 'coverOpen'],
    ['offline', 'offline'],
    ['refusing', 'unreachable'],
  ];
  it.each(cases)('%s: the job waits as needs attention, named on the card and for the printer; once the printer is back it prints exactly once', async (mode, problem) => {
    const k = await kitchen([mode]);
    const [printer] = k.printers as [VirtualPrinter];
    const { order, ticket, snapshot } = await waitingTicket(k);

    expect(ticket).toMatchObject({ state: 'needsAttention', problem, printerId: 'printer-1', printerName: 'Kitchen', mayHavePartlyPrinted: false });
    expect(snapshot.printing?.printers).toEqual([expect.objectContaining({ printerId: 'printer-1', printerName: 'Kitchen', problem, waiting: 1 })]);
    expect(unprintedCount(snapshot)).toBe(1);
    // "Printing" means bytes on their way: this job has none.
    const entry = await printLogEntry(k, ticket.jobId);
    expect(entry).toMatchObject({ stage: 'needsAttention', attention: { printerId: 'printer-1', printerName: 'Kitchen', problem } });
    // However long it waits, it never fails and nothing reaches paper (the old code gave up after windowMs).
    await retryTurns(k, Math.ceil(TEST_PRINT_RETRY.windowMs / TEST_PRINT_RETRY.maxDelayMs) + 2);
    expect((await printLogEntry(k, ticket.jobId))?.status).not.toBe('failed');
    expect(printer.printed).toEqual([]);

    await printer.setMode('ok');
    k.clock.advance(TEST_PRINT_RETRY.maxDelayMs);
    await eventually('the ticket on paper', () => (printer.printed.length === 1 ? true : undefined));
    const after = await eventually('the strip gone', async () => {
      const current = await k.agent.api.getSnapshot();
      return unprintedCount(current) === 0 && current.printing?.printers.length === 0 ? current : undefined;
    });
    expect(after.orders.some((card) => card.id === order.id)).toBe(true);
    await eventually('printed in the log', async () => ((await printLogEntry(k, ticket.jobId))?.status === 'done' ? true : undefined));
    expect((await printLogEntry(k, ticket.jobId))?.stage).toBeUndefined();

    // More time passes: no second copy.
    k.clock.advance(10 * TEST_PRINT_RETRY.maxDelayMs);
    await k.agent.pipeline.idle();
    expect([...printedJobIds(printer).values()]).toEqual([1]);
  });

  it('Retry on a waiting ticket sends it at once, exactly once', async () => {
    const k = await kitchen(['paperOut']);
    const [printer] = k.printers as [VirtualPrinter];
    const { ticket } = await waitingTicket(k);
    await printer.setMode('ok');
    // The clock stands still: only Retry can make this attempt happen.
    await k.agent.api.retryPrint({ jobId: ticket.jobId });
    await eventually('the ticket on paper', () => (printer.printed.length === 1 ? true : undefined));
    k.clock.advance(10 * TEST_PRINT_RETRY.maxDelayMs);
    await k.agent.pipeline.idle();
    expect([...printedJobIds(printer).entries()]).toEqual([[ticket.jobId, 1]]);
    await expect(k.agent.api.retryPrint({ jobId: ticket.jobId })).rejects.toMatchObject({ code: 'PRINT_JOB_NOT_WAITING' });
  });

  it('Print elsewhere sends a waiting ticket to the other printer exactly once; the first printer never prints it', async () => {
    const k = await kitchen(['paperOut', 'ok']);
    const [kitchenPrinter, pass] = k.printers as [VirtualPrinter, VirtualPrinter];
    const { ticket } = await waitingTicket(k);
    expect(ticket.printerId).toBe('printer-1');

    const moved = await k.agent.api.printElsewhere({ jobId: ticket.jobId, printerId: 'printer-2' });
    expect(moved.id).toBe(ticket.jobId);
    await eventually('the ticket on the other printer', () => (pass.printed.length === 1 ? true : undefined));
    await kitchenPrinter.setMode('ok');
    k.clock.advance(10 * TEST_PRINT_RETRY.maxDelayMs);
    await k.agent.pipeline.idle();
    expect(kitchenPrinter.printed).toEqual([]);
    expect([...printedJobIds(pass).entries()]).toEqual([[ticket.jobId, 1]]);
    await eventually('done at the backend', async () => ((await printLogEntry(k, ticket.jobId))?.status === 'done' ? true : undefined));
    expect((await printLogEntry(k, ticket.jobId))?.printerId).toBe('printer-2');
  });

  it('a ticket that failed after it was sent shows as failed (may have partly printed); Print elsewhere prints it again there once, and the strip goes', async () => {
    const k = await kitchen(['ok', 'ok']);
    const [kitchenPrinter, pass] = k.printers as [VirtualPrinter, VirtualPrinter];
    // The roll ends during the second ticket: it was sent, so it fails rather than waits.
    await kitchenPrinter.paperRunsOutAfter(1);
    await k.api.createOrder({ type: 'takeaway', items: [{ name: 'Pho', qty: 1, station: 'kitchen' }] });
    const order = await k.api.createOrder({ type: 'takeaway', items: [{ name: 'Ramen', qty: 1, station: 'kitchen' }] });
    const failed = await eventually('the failed ticket on its card', async () =>
      (await k.agent.api.getSnapshot()).printing?.unprinted.find((ticket) => ticket.orderId === order.id && ticket.state === 'failed'),
    );
    expect(failed).toMatchObject({ printerId: 'printer-1', problem: 'paperOut', mayHavePartlyPrinted: true });

    const again = await k.agent.api.printElsewhere({ jobId: failed.jobId, printerId: 'printer-2' });
    expect(again.reprintOf).toBe(failed.jobId);
    await eventually('the reprint on the other printer', () => (pass.printed.length === 1 ? true : undefined));
    await eventually('the strip gone', async () => ((await k.agent.api.getSnapshot()).printing?.unprinted.some((ticket) => ticket.orderId === order.id) ? undefined : true));
    k.clock.advance(10 * TEST_PRINT_RETRY.maxDelayMs);
    await k.agent.pipeline.idle();
    expect([...printedJobIds(pass).entries()]).toEqual([[again.id, 1]]);
    expect(printedJobIds(kitchenPrinter).get(failed.jobId)).toBeUndefined();
  });

  it('a printer unreachable longer than 60 s offers its waiting tickets to another printer of the station; one tap prints them there once', async () => {
    const k = await kitchen(['refusing', 'ok']);
    const [kitchenPrinter, pass] = k.printers as [VirtualPrinter, VirtualPrinter];
    const { ticket } = await waitingTicket(k);
    const first = (await k.agent.api.getSnapshot()).printing?.printers[0];
    expect(first).toMatchObject({ printerId: 'printer-1', problem: 'unreachable', waiting: 1 });
    expect(first?.offerMoveTo).toBeUndefined();

    // 60 s on the agent's clock, in retry turns short enough that the job's lease is renewed on the way.
    await retryTurns(k, 60_000 / TEST_PRINT_RETRY.maxDelayMs - 2);
    expect((await k.agent.api.getSnapshot()).printing?.printers[0]?.offerMoveTo).toBeUndefined();
    await retryTurns(k, 3);
    const offered = await eventually('the offer', async () => (await k.agent.api.getSnapshot()).printing?.printers[0]?.offerMoveTo);
    expect(offered).toEqual([{ printerId: 'printer-2', printerName: 'Pass' }]);

    const { moved } = await k.agent.api.moveWaitingJobs({ fromPrinterId: 'printer-1', toPrinterId: 'printer-2' });
    expect(moved).toEqual([ticket.jobId]);
    await eventually('the ticket on the other printer', () => (pass.printed.length === 1 ? true : undefined));
    await kitchenPrinter.setMode('ok');
    k.clock.advance(10 * TEST_PRINT_RETRY.maxDelayMs);
    await k.agent.pipeline.idle();
    expect(kitchenPrinter.printed).toEqual([]);
    expect([...printedJobIds(pass).values()]).toEqual([1]);
  });
});
