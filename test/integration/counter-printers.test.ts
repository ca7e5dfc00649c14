import { afterEach, describe, expect, it } from 'vitest';
import { png, requestPayment, uploadReceipt } from '../../backend/test/front-of-house.js';
import { UNCONFIRMED_NOTES } from '../../agent/pipeline/print-pipeline.js';
import { openPtyPair } from '../../agent/test-support/pty-pair.js';
import type { RailOrder } from '../../common/kitchen-api.js';
import { Resources, eventually, printerSettings, startTestAgent, startTestBackend, startTestPrinter } from './kitchen-harness.js';

/** Printing on real counters (issue 21) through the whole agent: the drawer, and jobs the printer cannot confirm. */
const resources = new Resources();
afterEach(() => resources.closeAll());

describe('cash drawer', () => {
  it('opens the drawers set to on-payment-verified when a payment is verified here, and on the Open drawer button', async () => {
    const test = await startTestBackend(resources);
    const till = await startTestPrinter(resources);
    const kitchen = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, {
      backendUrl: test.backend.url,
      printers: [
        { ...printerSettings(till, ['counter']), id: 'till', drawer: 'on-payment-verified' },
        { ...printerSettings(kitchen, ['kitchen', 'bar']), id: 'kitchen', drawer: 'never' },
      ],
    });
    const order = await test.api.createOrder();
    const payment = await requestPayment(test, order.id, { amount: 1850 });
    await eventually('the payment on the card', async () => (await agent.api.getSnapshot()).orders.find((o: RailOrder) => o.id === order.id)?.payments?.[0]);
    await uploadReceipt(test, payment.id, order.customerToken, png());
    await eventually('receipt on the card', async () =>
      (await agent.api.getSnapshot()).orders.find((o: RailOrder) => o.id === order.id)?.payments?.[0]?.status === 'receipt_uploaded' ? true : undefined,
    );
    expect(till.drawerKicks).toEqual([]);

    await agent.api.verifyPayment({ paymentId: payment.id });
    await eventually('the till drawer kicked', () => (till.drawerKicks.length === 1 ? true : undefined));
    expect(kitchen.drawerKicks).toEqual([]);

    expect(await agent.api.openDrawer({ printerId: 'kitchen' })).toMatchObject({ ok: true });
    expect(kitchen.drawerKicks).toEqual([2]);
    expect(till.drawerKicks).toEqual([2]);
  });
});

describe('jobs on a line that cannot carry the printer answer', () => {
  it('are done when the port took them, and the print log says the printer did not confirm them', async () => {
    const test = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    const pty = await openPtyPair();
    resources.add(() => pty.close());
    printer.attach(pty.far);
    const agent = await startTestAgent(resources, {
      backendUrl: test.backend.url,
      printers: [{ ...printerSettings(printer), interface: `serial://${pty.path}?baud=19200&status=none` }],
    });
    await test.api.createOrder({ type: 'takeaway', items: [{ name: 'Pho', qty: 1, station: 'kitchen' }] });
    await eventually('ticket on paper', () => (printer.printed.length === 1 ? true : undefined));
    const entry = await eventually('done in the print log', async () => (await agent.api.printLog({ limit: 10 })).find((job) => job.status === 'done'));
    expect(entry.confirmedBy).toBe('device');
    expect(agent.cache.getJob(entry.id)?.localError).toBe(UNCONFIRMED_NOTES.device);
    expect(entry.error).toBeUndefined();
  });
});
