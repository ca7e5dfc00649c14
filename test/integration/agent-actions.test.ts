import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startLocalApi } from '../../agent/local-api/local-api-server.js';
import { createConfSettingsStore } from '../../agent/settings/conf-settings-store.js';
import { SettingsService } from '../../agent/settings/settings-service.js';
import { CodedError, ERROR_CODES } from '../../common/errors.js';
import { LOCAL_API, type BoardUpdate } from '../../common/kitchen-api.js';
import { Resources, TEST_TOKENS, agentTokenFor, allJobs, eventually, printedJobIds, printerSettings, startTestAgent, startTestBackend, startTestPrinter, tempDir } from './kitchen-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

describe('agent actions', () => {
  it('prints a test page and reads the printer status', async () => {
    const { backend } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [printerSettings(printer)] });

    await expect(agent.api.testPrint({ printerId: 'test-printer' })).resolves.toMatchObject({ ok: true });
    expect(printer.printed).toHaveLength(1);
    await expect(agent.api.printerStatus({ printerId: 'test-printer' })).resolves.toMatchObject({ online: true, paperOut: false });
    await printer.setMode('paperOut');
    await expect(agent.api.printerStatus({ printerId: 'test-printer' })).resolves.toMatchObject({ paperOut: true });
    await expect(agent.api.testPrint({ printerId: 'test-printer' })).resolves.toMatchObject({ ok: false, message: expect.stringMatching(/paper/) });
    await expect(agent.api.testPrint({ printerId: 'nope' })).rejects.toMatchObject({ code: 'PRINTER_NOT_FOUND' });
  });

  it('reprints a ticket only when asked, marked as a reprint, and previews what it printed', async () => {
    const { backend, api } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [printerSettings(printer, ['kitchen'])] });
    const order = await api.createOrder({ type: 'takeaway', items: [{ name: 'Borscht', qty: 1, station: 'kitchen', modifiers: ['no cream'] }] });
    const [job] = await eventually('ticket done', async () => {
      const done = (await allJobs(api, 'done')).filter((j) => j.orderId === order.id);
      return done.length === 1 ? done : undefined;
    });

    const preview = await agent.api.previewJob({ jobId: job!.id });
    expect(preview.lines.map((line) => line.text).join('\n')).toMatch(/Borscht[\s\S]*no cream/);

    const reprint = await agent.api.reprint({ jobId: job!.id });
    expect(reprint.id).not.toBe(job!.id);
    await eventually('reprint done', async () => ((await allJobs(api, 'done')).some((j) => j.id === reprint.id) ? true : undefined));
    const printed = printedJobIds(printer);
    expect([printed.get(job!.id), printed.get(reprint.id)]).toEqual([1, 1]);
    const reprinted = printer.printed.find((p) => p.decoded.lines.some((line) => line.text.includes(reprint.id)));
    expect(reprinted?.decoded.lines.some((line) => /REPRINT/.test(line.text))).toBe(true);
    const log = await agent.api.printLog({ limit: 10 });
    expect(log.map((entry) => entry.id)).toEqual(expect.arrayContaining([job!.id, reprint.id]));
    expect(log.every((entry) => !('payload' in entry))).toBe(true);
  });

  it('guards the local API with a token, over HTTP and WebSocket, and refuses an off-loopback bind without one', async () => {
    const { backend } = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [] });
    const local = await startLocalApi(agent.api, { host: '127.0.0.1', port: 0, token: 'board-token-123' });
    resources.add(() => local.close());

    const call = (token?: string) =>
      fetch(`${local.url}${LOCAL_API.prefix}/getSnapshot`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: '{}' });
    expect((await call()).status).toBe(401);
    expect((await call('wrong')).status).toBe(401);
    const ok = await call('board-token-123');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, value: { orders: [] } });
    const unknown = await fetch(`${local.url}${LOCAL_API.prefix}/dropTables`, { method: 'POST', headers: { authorization: 'Bearer board-token-123', 'content-type': 'application/json' }, body: '{}' });
    expect(unknown.status).toBe(404);
    const bad = await fetch(`${local.url}${LOCAL_API.prefix}/orderAction`, { method: 'POST', headers: { authorization: 'Bearer board-token-123', 'content-type': 'application/json' }, body: '{"orderId":1}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const wsUrl = local.url.replace('http', 'ws') + LOCAL_API.updatesPath;
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(wsUrl);
      ws.once('open', () => resolve('open'));
      ws.once('error', () => resolve('refused'));
    });
    expect(refused).toBe('refused');
    const first = await new Promise<BoardUpdate>((resolve, reject) => {
      const ws = new WebSocket(`${wsUrl}?token=board-token-123`);
      ws.once('message', (data) => {
        resolve(JSON.parse(String(data)) as BoardUpdate);
        ws.close();
      });
      ws.once('error', reject);
    });
    expect(first.type).toBe('snapshot');

    await expect(startLocalApi(agent.api, { host: '0.0.0.0', port: 0 })).rejects.toMatchObject({ code: 'SETTINGS_INVALID' });
  });

  it('shows a refused print-job report in the print log and alerts the board with print.failed', async () => {
    const { backend, api, dataDir } = await startTestBackend(resources);
    // No printer here for the station: the test decides what this agent reports.
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [] });
    const order = await api.createOrder({ type: 'takeaway', items: [{ name: 'Borscht', qty: 1, station: 'kitchen' }] });
    const job = await eventually('job in the print log', async () => (await agent.api.printLog({ limit: 10 })).find((entry) => entry.orderId === order.id));

    // Another PC holds the job, and the agent has seen that, so no later event refreshes the log by chance.
    expect((await api.post(`/api/print-jobs/${job.id}/claim`, await agentTokenFor(dataDir, 'other-pc'), { agentId: 'other-pc' })).status).toBe(200);
    await eventually('claim seen', () => (agent.cache.getJob(job.id)?.job.status === 'printing' ? true : undefined));

    const updates: BoardUpdate[] = [];
    resources.add(agent.api.subscribe((update) => updates.push(update)));
    // This PC's report of the same job (one that waited in its outbox while its lease lapsed, say).
    agent.outbox.enqueue('print-job.status', job.id, { agentId: 'agent-test', status: 'done', printedAt: new Date().toISOString() }, () =>
      agent.cache.setJobLocal(job.id, 'printed'),
    );
    await agent.outbox.kick();

    expect(updates).toContainEqual({ type: 'alert', alert: 'print.failed', jobId: job.id, orderId: order.id });
    const shown = updates.flatMap((update) => (update.type === 'print-job' && update.job.id === job.id ? [update.job] : []));
    expect(shown.at(-1)?.error).toMatch(/^report refused: .*\(PRINT_JOB_NOT_CLAIMED_BY_AGENT\)$/);
    expect((await agent.api.printLog({ limit: 10 })).find((entry) => entry.id === job.id)?.error).toMatch(/report refused/);
    expect(agent.cache.outbox()).toEqual([]);
  });

  it('Test connection replaces the realtime connection fields as a whole and keeps what the person chose', async () => {
    const embedded = await startTestBackend(resources);
    // A backend publishing to a hosted cluster. No order is made, so it never calls out.
    const hosted = await startTestBackend(resources, { env: { PUSHER_APP_ID: '77', PUSHER_KEY: 'hosted-key', PUSHER_SECRET: 'hosted-secret', PUSHER_CLUSTER: 'eu' } });
    // Realtime off: the agent must not try to reach the hosted cluster from this test.
    const agent = await startTestAgent(resources, { backendUrl: embedded.backend.url, printers: [], realtime: false, pollIntervalMs: 5000 });

    await expect(agent.api.testConnection()).resolves.toMatchObject({ ok: true });
    const relayPort = embedded.backend.relay?.port;
    expect(agent.settings.get().realtime).toEqual({ enabled: false, pollIntervalMs: 5000, key: expect.any(String), host: '127.0.0.1', port: relayPort, useTLS: false });

    // The settings form sends every section: the URL changes, the realtime section comes back as shown.
    // A new backend URL forgets the token (it is bound to its backend): the person gives it again.
    await agent.api.saveSettings({ backendUrl: hosted.backend.url, agentToken: TEST_TOKENS.agent, realtime: agent.settings.get().realtime });
    await expect(agent.api.testConnection()).resolves.toMatchObject({ ok: true, realtime: { cluster: 'eu' } });
    expect(agent.settings.get().realtime).toEqual({ enabled: false, pollIntervalMs: 5000, key: 'hosted-key', cluster: 'eu', useTLS: true });
    // And so in the file, for the next start.
    expect(new SettingsService(createConfSettingsStore(agent.dataDir), {}).get().realtime).toEqual(agent.settings.get().realtime);

    await agent.api.saveSettings({ backendUrl: embedded.backend.url, agentToken: TEST_TOKENS.agent, realtime: agent.settings.get().realtime });
    await agent.api.testConnection();
    expect(agent.settings.get().realtime).not.toHaveProperty('cluster');
    expect(agent.settings.get().realtime).toMatchObject({ host: '127.0.0.1', port: relayPort });
  });

  it("takes the hosted backend's Pusher credentials only on the PC that hosts the backend, and never gives the secret back", async () => {
    const { backend } = await startTestBackend(resources);
    const hosted = { appId: '4242', key: 'hosted-key', secret: 'hosted-secret-4242', host: 'ws.example.org', port: 443, useTLS: true };

    const standalone = await startTestAgent(resources, { backendUrl: backend.url, printers: [], realtime: false });
    expect(await standalone.api.getSettings()).toMatchObject({ hostsBackend: false });
    const refusal = await standalone.api.saveSettings({ hostedPusher: hosted }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(CodedError);
    expect(refusal).toMatchObject({ code: ERROR_CODES.SETTINGS_INVALID, details: { issues: [{ path: ['hostedPusher'], message: expect.stringMatching(/only for the PC that hosts the backend/) }] } });
    expect((await standalone.api.getSettings()).hostedPusher).toBeUndefined();

    // As cli/all-in-one.ts starts it: the host says this PC hosts the backend.
    const dataDir = tempDir(resources);
    const allInOne = await startTestAgent(resources, { backendUrl: backend.url, printers: [], realtime: false, dataDir, host: { hostsBackend: true } });
    const saved = await allInOne.api.saveSettings({ hostedPusher: hosted });
    const shown = await allInOne.api.getSettings();
    for (const answer of [saved, shown]) {
      const { secret: _secret, ...visible } = hosted;
      expect(answer).toMatchObject({ hostsBackend: true, hostedPusher: { ...visible, secretSet: true } });
      expect(answer.hostedPusher).not.toHaveProperty('secret');
      expect(JSON.stringify(answer)).not.toContain(hosted.secret);
    }
    // What the backend starts with next time (cli/all-in-one.ts reads the file at start).
    expect(new SettingsService(createConfSettingsStore(allInOne.dataDir), {}).get().hostedPusher).toMatchObject(hosted);
  });
});

