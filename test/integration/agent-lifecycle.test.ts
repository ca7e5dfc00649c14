import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheDb } from '../../agent/cache/cache-db.js';
import { ALL_IN_ONE_SETTINGS_DIR_ENV, SETTINGS_ENV, createAgent } from '../../agent/index.js';
import { createEscPosDriver } from '../../agent/pipeline/escpos-driver.js';
import { createConfSettingsStore } from '../../agent/settings/conf-settings-store.js';
import type { Order } from '../../common/order.js';
import { startHoldingProxy } from './holding-proxy.js';
import {
  Resources,
  allJobs,
  TEST_DRIVER,
  TEST_TOKENS,
  eventually,
  freePort,
  printedJobIds,
  printerSettings,
  startTestAgent,
  startTestBackend,
  startTestPrinter,
  tempDir,
  ticketRailSync,
} from './kitchen-harness.js';
import { ManualClock } from './manual-clock.js';
import { watchCrashes } from './process-watch.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

describe('kitchen agent against the real backend', () => {
  it('shows a new order, prints each station ticket once and reports it done', async () => {
    const { backend, api } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [printerSettings(printer)] });
    await eventually('agent live', () => (agent.sync.connection.mode === 'live' ? true : undefined));

    const order = await api.createOrder();
    const card = await eventually('card on the board', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === order.id));
    expect(card.items.map((item) => item.name)).toEqual(['Cheeseburger', 'IPA draft']);

    const jobs = await eventually('both tickets done at the backend', async () => {
      const done = (await allJobs(api, 'done')).filter((job) => job.orderId === order.id);
      return done.length === 2 ? done : undefined;
    });
    expect(jobs.every((job) => job.claimedBy === 'agent-test' && job.printedAt)).toBe(true);
    const printed = printedJobIds(printer);
    expect(jobs.map((job) => printed.get(job.id))).toEqual([1, 1]);
    const kitchenTicket = printer.printed.find((p) => p.decoded.lines.some((line) => line.text.includes('Cheeseburger')));
    expect(kitchenTicket?.decoded.lines.some((line) => line.text.includes('IPA draft'))).toBe(false);
  });

  it('sends kitchen actions to the backend and drops completed orders from the rail', async () => {
    const { backend, api } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [printerSettings(printer)] });
    const order = await api.createOrder();
    await eventually('card', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === order.id));

    const backendStatus = async () => (await api.get<Order>(`/api/orders/${order.id}`, TEST_TOKENS.admin)).body.status;
    for (const to of ['accepted', 'ready', 'accepted', 'ready', 'completed'] as const) {
      const shown = await agent.api.orderAction({ orderId: order.id, to });
      expect(shown.status).toBe(to);
      await eventually(`backend ${to}`, async () => ((await backendStatus()) === to ? true : undefined));
    }
    await eventually('off the rail', async () => ((await agent.api.getSnapshot()).orders.some((o) => o.id === order.id) ? undefined : true));
    expect(agent.cache.outbox()).toEqual([]);
  });

  it('delivers actions taken back to back, while the first is still on its way to the backend', async () => {
    const { backend, api } = await startTestBackend(resources);
    // Time stands still for the agent: no retry timer can deliver the second action, only the
    // outbox going round again once the first is answered.
    const clock = new ManualClock();
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [], clock });
    const order = await api.createOrder();
    await eventually('card', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === order.id));

    // A bump bar: accept and bump in one breath. The second action is queued while the first is in flight.
    await agent.api.orderAction({ orderId: order.id, to: 'accepted' });
    await agent.api.orderAction({ orderId: order.id, to: 'ready' });
    const backendStatus = async () => (await api.get<Order>(`/api/orders/${order.id}`, TEST_TOKENS.admin)).body.status;
    await eventually('backend ready', async () => ((await backendStatus()) === 'ready' ? true : undefined));
    expect(agent.cache.outbox()).toEqual([]);
  });

  it('refuses illegal actions locally with the allowed ones and requires a cancel reason', async () => {
    const { backend, api } = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [] });
    const order = await api.createOrder();
    await eventually('card', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === order.id));
    await expect(agent.api.orderAction({ orderId: order.id, to: 'completed' })).rejects.toMatchObject({
      code: 'ORDER_TRANSITION_INVALID',
      details: { allowed: ['accepted', 'cancelled'] },
    });
    await expect(agent.api.orderAction({ orderId: order.id, to: 'cancelled' })).rejects.toMatchObject({ code: 'ORDER_CANCEL_REASON_REQUIRED' });
    // Shapes are checked where a call enters the agent (its local HTTP API here, IPC alike).
    const bogus = await fetch(`${agent.localApiUrl}/api/kitchen/orderAction`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orderId: order.id, to: 'bogus' }) });
    expect(await bogus.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(agent.cache.outbox()).toEqual([]);
  });

  it('shows a conflict when the backend refuses an action, and takes the backend version', async () => {
    const { backend, api } = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [] });
    const order = await api.createOrder();
    await eventually('card', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === order.id));
    await agent.sync.stop();
    const cancel = await api.post(`/api/orders/${order.id}/transitions`, TEST_TOKENS.admin, { to: 'cancelled', reason: 'customer left' });
    expect(cancel.status).toBe(200);

    await agent.api.orderAction({ orderId: order.id, to: 'accepted' });
    await agent.outbox.kick();
    const cached = agent.cache.getOrder(order.id);
    expect(cached?.order.status).toBe('cancelled');
    expect(cached?.conflict).toMatch(/ORDER_TRANSITION_INVALID/);
    expect(agent.cache.outbox()).toEqual([]);
  });

  it('treats a move another screen already made as done, without a conflict', async () => {
    const { backend, api } = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [] });
    const order = await api.createOrder();
    await eventually('card', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === order.id));
    await agent.sync.stop();
    expect((await api.post(`/api/orders/${order.id}/transitions`, TEST_TOKENS.admin, { to: 'accepted' })).status).toBe(200);

    await agent.api.orderAction({ orderId: order.id, to: 'accepted' });
    await agent.outbox.kick();
    const cached = agent.cache.getOrder(order.id);
    expect(cached?.order).toMatchObject({ status: 'accepted', version: 2 });
    expect(cached?.conflict).toBeUndefined();
  });

  it('close() ends a job waiting for its printer at once: nothing sent, nothing reported, claimed for the next start', async () => {
    const { backend, api } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    await printer.setMode('refusing');
    // The agent's clock stands still: the job's next attempt never comes due unless close() ends the wait.
    const clock = new ManualClock();
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [printerSettings(printer, ['kitchen'])], clock });
    const order = await api.createOrder({ type: 'takeaway', items: [{ name: 'Ramen', qty: 1, station: 'kitchen' }] });
    const waiting = await eventually('job waiting for the printer', () =>
      agent.cache.jobsInLocalState('claimed').find((cached) => cached.job.orderId === order.id && cached.localError),
    );

    await agent.close();
    expect(printer.printed).toEqual([]);
    const cache = new CacheDb(agent.dataDir);
    try {
      expect(cache.getJob(waiting.job.id)?.localState).toBe('claimed');
      expect(cache.outbox()).toEqual([]);
    } finally {
      cache.close();
    }
  });

  it('rebuilds the board from its cache alone when the backend is unreachable at start', async () => {
    const { backend, api } = await startTestBackend(resources);
    const first = await startTestAgent(resources, { backendUrl: backend.url, printers: [] });
    const orders = [await api.createOrder(), await api.createOrder()];
    await eventually('both cards', async () => ((await first.api.getSnapshot()).orders.length === 2 ? true : undefined));
    await first.close();

    const deadUrl = `http://127.0.0.1:${await freePort()}`;
    const second = await startTestAgent(resources, { backendUrl: deadUrl, printers: [], dataDir: first.dataDir });
    const snapshot = await second.api.getSnapshot();
    expect(snapshot.orders.map((o) => o.id).sort()).toEqual(orders.map((o) => o.id).sort());
    await eventually('offline banner', () => (second.sync.connection.mode === 'offline' ? true : undefined));
  });

  it('close() waits for an action on its way to the backend: recorded there, gone from the outbox, no crash', async () => {
    const crashes = watchCrashes(resources);
    const { backend, api } = await startTestBackend(resources);
    // A slow link to the backend: each kitchen action is answered 600 ms late.
    const proxy = await startHoldingProxy(resources, backend.url, { match: (req) => req.method === 'POST' && /\/transitions$/.test(req.url ?? ''), holdMs: 600 });
    const agent = await startTestAgent(resources, { backendUrl: proxy.url, printers: [] });
    const order = await api.createOrder();
    await eventually('card', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === order.id));

    await agent.api.orderAction({ orderId: order.id, to: 'accepted' });
    await eventually('action on its way', () => (proxy.held === 1 ? true : undefined));
    await agent.close();

    expect((await api.get<Order>(`/api/orders/${order.id}`, TEST_TOKENS.admin)).body.status).toBe('accepted');
    // Its answer was written before the cache closed: the next start will not send it again.
    const cache = new CacheDb(agent.dataDir);
    try {
      expect(cache.outbox()).toEqual([]);
      expect(cache.getOrder(order.id)?.order).toMatchObject({ status: 'accepted', version: 2 });
    } finally {
      cache.close();
    }
    // A late answer after close used to reject inside a fire-and-forget kick(): once the proxy has
    // answered everything, and the event loop has turned once (unhandled rejections surface then),
    // nothing is left to fail.
    await proxy.idle();
    await new Promise((resolve) => setImmediate(resolve));
    expect(crashes).toEqual([]);
  });

  it('takes run-only settings from its host, never from the process environment', async () => {
    const { backend } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    const dataDir = tempDir(resources);
    const planted = {
      [SETTINGS_ENV.backendUrl]: `http://127.0.0.1:${await freePort()}`,
      [SETTINGS_ENV.agentToken]: 'planted-token',
      [SETTINGS_ENV.fallbackPrinter]: JSON.stringify({ id: 'x', name: 'Planted', interface: `tcp://127.0.0.1:${printer.port}`, stations: ['kitchen'] }),
      [ALL_IN_ONE_SETTINGS_DIR_ENV]: dataDir,
    };
    // As if the process had been started with them: a host that passes nothing gets nothing of them.
    const saved = Object.fromEntries(Object.keys(planted).map((name) => [name, process.env[name]]));
    Object.assign(process.env, planted);
    resources.add(() => {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });
    const agent = await createAgent(
      { dataDir, localApi: { host: '127.0.0.1', port: 0 } },
      {
        settingsStore: createConfSettingsStore(dataDir),
        driver: createEscPosDriver(TEST_DRIVER),
        logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
        settingsOverrides: { backendUrl: backend.url, agentToken: TEST_TOKENS.agent },
      },
    );
    resources.add(() => agent.close());

    expect(agent.settings.get()).toMatchObject({ backendUrl: backend.url, agentToken: TEST_TOKENS.agent, printers: [] });
    expect(agent.settings.hostsBackend).toBe(false);
  });

  it('starts over a settings file that is not JSON, warns naming it, and keeps a copy before any save', async () => {
    const { backend } = await startTestBackend(resources);
    const dataDir = tempDir(resources);
    const file = join(dataDir, 'settings.json');
    const broken = `{"settings": {"backendUrl": "${backend.url}", "agentToken": "${TEST_TOKENS.agent}"`;
    writeFileSync(file, broken);
    const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
    const agent = await createAgent(
      { dataDir, localApi: { host: '127.0.0.1', port: 0 } },
      {
        settingsStore: createConfSettingsStore(dataDir),
        driver: createEscPosDriver(TEST_DRIVER),
        logger: { info: () => undefined, warn: (message, fields) => warnings.push({ message, ...(fields ? { fields } : {}) }), error: () => undefined },
      },
    );
    resources.add(() => agent.close());

    expect(agent.settings.fileProblem).toMatchObject({ location: file, reason: expect.stringMatching(/not valid JSON/) });
    const warning = warnings.find((entry) => entry.message.includes(file));
    expect(warning?.message).toMatch(/not valid JSON.*running on default settings/);
    const copy = warning?.fields?.keptCopy as string;
    expect(existsSync(copy) && readFileSync(copy, 'utf8')).toBe(broken);
    // The board still works, and the admin's first save cannot destroy what they had typed.
    await expect(agent.api.saveSettings({ backendUrl: backend.url, agentToken: TEST_TOKENS.agent })).resolves.toMatchObject({ agentTokenSet: true });
    expect(readFileSync(copy, 'utf8')).toBe(broken);
    await eventually('connected with the saved settings', () => (ticketRailSync(agent).connection.mode !== 'offline' ? true : undefined));
  });
});
