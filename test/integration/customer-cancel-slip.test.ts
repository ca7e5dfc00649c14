import { afterEach, describe, expect, it } from 'vitest';
import type { PrintJob } from '../../common/print-job.js';
import { Resources, TEST_TOKENS, allJobs, eventually, printedJobIds, printerSettings, startTestAgent, startTestBackend, startTestPrinter } from './kitchen-harness.js';

/*
 * Issue 24: a diner cancels an order whose tickets already printed; each of its stations gets one
 * cancellation slip, printed exactly once by the agent on a virtual printer on a real TCP socket.
 */

const resources = new Resources();
afterEach(() => resources.closeAll());

describe('a customer cancel prints cancellation slips', () => {
  it('one slip per station whose ticket printed, each printed once, marked cancelled with the reason', async () => {
    const { backend, api } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [printerSettings(printer, ['kitchen', 'bar'])] });
    const order = await api.createOrder({
      type: 'takeaway',
      items: [
        { name: 'Borscht', qty: 1, station: 'kitchen', modifiers: [] },
        { name: 'Kvass', qty: 2, station: 'bar', modifiers: [] },
      ],
    });
    const ofOrder = async (status?: string): Promise<PrintJob[]> => (await allJobs(api, status)).filter((job) => job.orderId === order.id);
    const tickets = await eventually('both tickets printed', async () => {
      const done = await ofOrder('done');
      return done.length === 2 ? done : undefined;
    });

    const cancel = await api.request('POST', `/api/orders/${order.id}/transitions`, { token: order.customerToken, json: { to: 'cancelled' } });
    expect(cancel.status).toBe(200);

    const slips = await eventually('both slips printed', async () => {
      const done = (await ofOrder('done')).filter((job) => !tickets.some((ticket) => ticket.id === job.id));
      return done.length === 2 ? done : undefined;
    });
    expect(slips.map((slip) => slip.station).sort()).toEqual(['bar', 'kitchen']);
    // Nothing else was made for the order: a slip per station, once.
    expect(await ofOrder()).toHaveLength(4);
    const printed = printedJobIds(printer);
    for (const job of [...tickets, ...slips]) expect(printed.get(job.id)).toBe(1);
    for (const slip of slips) {
      const paper = printer.printed.find((entry) => entry.decoded.lines.some((line) => line.text.includes(slip.id)));
      const text = paper?.decoded.lines.map((line) => line.text).join('\n') ?? '';
      expect(text).toContain('*** CANCELLED ***');
      expect(text).toContain('cancelled by the customer');
    }
    // The agent's own record agrees: four jobs of this order, each sent once.
    const log = await agent.api.printLog({ limit: 20 });
    expect(log.filter((entry) => [...tickets, ...slips].some((job) => job.id === entry.id))).toHaveLength(4);
  });

  it('a cancel refused (the kitchen accepted first) prints nothing', async () => {
    const { backend, api } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    await startTestAgent(resources, { backendUrl: backend.url, printers: [printerSettings(printer, ['kitchen', 'bar'])] });
    const order = await api.createOrder();
    await eventually('tickets printed', async () => ((await allJobs(api, 'done')).filter((job) => job.orderId === order.id).length > 0 ? true : undefined));
    const jobsBefore = (await allJobs(api)).length;
    await api.request('POST', `/api/orders/${order.id}/transitions`, { token: TEST_TOKENS.agent, json: { to: 'accepted' } });
    const refused = await api.request('POST', `/api/orders/${order.id}/transitions`, { token: order.customerToken, json: { to: 'cancelled' } });
    expect(refused.status).toBe(409);
    expect(await allJobs(api)).toHaveLength(jobsBefore);
  });
});
