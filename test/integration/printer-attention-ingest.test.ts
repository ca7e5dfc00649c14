import { afterEach, describe, expect, it } from 'vitest';
import { Resources, TEST_PRINT_RETRY, eventually, freePort, printerSettings, startTestAgent, startTestBackend, startTestPrinter } from './kitchen-harness.js';
import { ingestCard, jobBytesOf, posTicket, STATUS_QUERY_BEFORE_SEND } from './ingest-harness.js';
import { ManualClock } from './manual-clock.js';

/*
 * Issue 20, for a POS printing into the agent (ingest): its forward job waits as "needs attention"
 * on a printer out of paper, its card carries the strip like any other, and Print elsewhere sends
 * the POS's bytes to the other printer exactly once.
 */

const resources = new Resources();
afterEach(() => resources.closeAll());

describe('an ingest ticket whose printer is out of paper', () => {
  it('waits on its card as needs attention; Print elsewhere prints the POS’s bytes on the other printer once', async () => {
    const clock = new ManualClock();
    const { backend } = await startTestBackend(resources, { clock });
    const kitchen = await startTestPrinter(resources);
    const pass = await startTestPrinter(resources);
    await kitchen.setMode('paperOut');
    const ingestPort = await freePort();
    const agent = await startTestAgent(resources, {
      backendUrl: backend.url,
      printers: [printerSettings(kitchen, ['kitchen']), { ...printerSettings(pass, ['kitchen']), id: 'pass', name: 'Pass' }],
      clock,
      ingest: [{ name: 'pos-kitchen', listen: `tcp://127.0.0.1:${ingestPort}`, station: 'kitchen', forwardTo: 'test-printer' }],
    });
    const ticket = posTicket(ingestPort, '1042');
    await ticket.execute();
    const card = await ingestCard(agent.localApiUrl, '1042');

    const waiting = await eventually('the forward job waiting on the card', async () => (await agent.api.getSnapshot()).printing?.unprinted.find((entry) => entry.orderId === card.id));
    expect(waiting).toMatchObject({ jobId: card.id, state: 'needsAttention', problem: 'paperOut', printerName: 'Test printer' });
    await clock.waitingAgain();

    await agent.api.printElsewhere({ jobId: waiting.jobId, printerId: 'pass' });
    await eventually('the ticket on the pass printer', () => (pass.printed.length === 1 ? true : undefined));
    expect(pass.printed[0]!.bytes.equals(Buffer.concat([STATUS_QUERY_BEFORE_SEND, jobBytesOf(ticket)]))).toBe(true);
    await kitchen.setMode('ok');
    clock.advance(10 * TEST_PRINT_RETRY.maxDelayMs);
    await agent.pipeline.idle();
    expect(kitchen.printed).toEqual([]);
    expect(pass.printed).toHaveLength(1);
    await eventually('the strip gone', async () => ((await agent.api.getSnapshot()).printing?.unprinted.length === 0 ? true : undefined));
  });
});
