import { afterEach, describe, expect, it } from 'vitest';
import { startRelay } from '../../backend/relay/index.js';
import {
  Resources,
  agentTokenFor,
  allJobs,
  allOrders,
  eventually,
  freePort,
  printedJobIds,
  printerSettings,
  startTestAgent,
  startTestBackend,
  startTestPrinter,
  tempDir,
} from './kitchen-harness.js';
import { relayPusherEnv } from './relay-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const RELAY_APP = { id: 'reliability', key: 'reliability-key', secret: 'reliability-secret' };

describe('agent reliability', () => {
  it('catches up on orders created while its backend was down, none missing, none twice', async () => {
    const [port, relayPort] = [await freePort(), await freePort()];
    const dataDir = tempDir(resources);
    const env = { PORT: String(port), RELAY_PORT: String(relayPort) };
    const first = await startTestBackend(resources, { dataDir, env });
    const printer = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, { backendUrl: first.backend.url, printers: [printerSettings(printer)], pollIntervalMs: 1000 });
    for (let i = 0; i < 3; i++) await first.api.createOrder();
    await eventually('3 cards', async () => ((await agent.api.getSnapshot()).orders.length === 3 ? true : undefined));

    await first.backend.close();
    await eventually('agent offline', () => (agent.sync.connection.mode === 'offline' ? true : undefined));
    // Meanwhile another instance of the backend, on the same database, takes five orders.
    const other = await startTestBackend(resources, { dataDir });
    for (let i = 0; i < 5; i++) await other.api.createOrder();
    await other.backend.close();

    const back = await startTestBackend(resources, { dataDir, env });
    await eventually('agent live again', () => (agent.sync.connection.mode === 'live' ? true : undefined));
    const backendIds = (await allOrders(back.api)).map((order) => order.id).sort();
    await eventually('cache equals backend', async () => {
      const ids = (await agent.api.getSnapshot()).orders.map((order) => order.id).sort();
      return JSON.stringify(ids) === JSON.stringify(backendIds) ? true : undefined;
    }, 10_000);
    expect(backendIds).toHaveLength(8);
    const jobs = await eventually('16 tickets done', async () => {
      const done = await allJobs(back.api, 'done');
      return done.length === 16 ? done : undefined;
    }, 15_000);
    const printed = printedJobIds(printer);
    expect(jobs.map((job) => printed.get(job.id) ?? 0)).toEqual(Array(16).fill(1));
  });

  it('loses no event when the relay dies and comes back (polling, then reconnect and catch-up)', async () => {
    const relayPort = await freePort();
    let relay = await startRelay({ port: relayPort, apps: [RELAY_APP] });
    resources.add(() => relay.close());
    const { backend, api } = await startTestBackend(resources, {
      env: relayPusherEnv(RELAY_APP, relayPort),
    });
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [], pollIntervalMs: 1000 });
    await eventually('live', () => (agent.sync.connection.mode === 'live' ? true : undefined));
    const before = await api.createOrder();
    await eventually('first card', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === before.id));

    await relay.close();
    await eventually('polling', () => (agent.sync.connection.mode === 'polling' ? true : undefined));
    const during = [await api.createOrder(), await api.createOrder()];
    await eventually('orders arrive by polling', async () => {
      const ids = new Set((await agent.api.getSnapshot()).orders.map((o) => o.id));
      return during.every((order) => ids.has(order.id)) ? true : undefined;
    }, 10_000);

    relay = await startRelay({ port: relayPort, apps: [RELAY_APP] });
    await eventually('live again', () => (agent.sync.connection.mode === 'live' ? true : undefined));
    const after = await api.createOrder();
    await eventually('order after reconnect', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === after.id));
    const snapshot = await agent.api.getSnapshot();
    expect(snapshot.orders.map((o) => o.id).sort()).toEqual([before, ...during, after].map((o) => o.id).sort());
    expect(agent.cache.getLastSeq()).toBe(snapshot.connection.lastSeq);
  });

  it('prints every job exactly once across two agents serving the same station', async () => {
    const { backend, api, dataDir } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    const settings = printerSettings(printer);
    // Two counter PCs, each with its own agent token: a token claims and reports as one agent only.
    await startTestAgent(resources, { backendUrl: backend.url, printers: [settings], agentId: 'pc-1', agentToken: await agentTokenFor(dataDir, 'pc-1') });
    await startTestAgent(resources, { backendUrl: backend.url, printers: [settings], agentId: 'pc-2', agentToken: await agentTokenFor(dataDir, 'pc-2') });
    const orders = 20;
    await Promise.all(Array.from({ length: orders }, () => api.createOrder()));
    const done = await eventually('all tickets done', async () => {
      const jobs = await allJobs(api, 'done');
      return jobs.length === orders * 2 ? jobs : undefined;
    }, 30_000);
    const printed = printedJobIds(printer);
    expect([...printed.values()].every((count) => count === 1)).toBe(true);
    expect(printed.size).toBe(orders * 2);
    expect(new Set(done.map((job) => job.claimedBy)).size).toBeGreaterThanOrEqual(1);
  });

  it('waits for a refusing or paperless printer and prints once it is back', async () => {
    const { backend, api } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [printerSettings(printer, ['kitchen'])] });
    for (const mode of ['refusing', 'paperOut', 'coverOpen'] as const) {
      await printer.setMode(mode);
      const order = await api.createOrder({ type: 'takeaway', items: [{ name: `Soup ${mode}`, qty: 1, station: 'kitchen' }] });
      await eventually(`job waiting (${mode})`, () =>
        agent.cache.recentJobs(50).find((job) => job.job.orderId === order.id && job.localState === 'claimed' && job.localError),
      );
      expect(printer.printed.length).toBe(0);
      await printer.setMode('ok');
      await eventually(`printed after ${mode}`, async () => ((await allJobs(api, 'done')).some((job) => job.orderId === order.id) ? true : undefined));
      await printer.reset();
    }
  });

  it('fails a job the printer took without answering, with a reason, and never resends it', async () => {
    const { backend, api } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    await printer.setMode('busy');
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [printerSettings(printer, ['kitchen'])] });
    const order = await api.createOrder({ type: 'takeaway', items: [{ name: 'Stew', qty: 1, station: 'kitchen' }] });
    const failed = await eventually('job failed at the backend', async () => (await allJobs(api, 'failed')).find((job) => job.orderId === order.id));
    expect(failed.error).toMatch(/answer|partly|time/i);
    await printer.setMode('ok');
    const next = await api.createOrder({ type: 'takeaway', items: [{ name: 'Bread', qty: 1, station: 'kitchen' }] });
    await eventually('queue resumes', async () => ((await allJobs(api, 'done')).some((job) => job.orderId === next.id) ? true : undefined));
    expect(printedJobIds(printer).get(failed.id) ?? 0).toBe(0);
    expect(agent.cache.getJob(failed.id)?.localState).toBe('failed');
  });
});
