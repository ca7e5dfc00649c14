import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfSettingsStore } from '../../agent/settings/conf-settings-store.js';
import { SettingsService } from '../../agent/settings/settings-service.js';
import { startRelay } from '../../backend/relay/index.js';
import { hostedPusherEnv, startAllInOne } from '../../cli/all-in-one.js';
import { Api, Resources, eventually, freePort, sampleInput, tempDir, ticketRailSync } from './kitchen-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const anyPorts = { board: 0, backend: 0, relay: 0, printer: 0 };

describe('the all-in-one kitchen', () => {
  it('publishes through the hosted Pusher credentials saved in Settings instead of its embedded relay', async () => {
    const relayPort = await freePort();
    const hosted = await startRelay({ port: relayPort, apps: [{ id: '4242', key: 'hosted-key', secret: 'hosted-secret' }] });
    resources.add(() => hosted.close());
    const dataDir = tempDir(resources);
    // As the settings screen of the all-in-one saves them (only there are they accepted).
    const agentDir = join(dataDir, 'agent');
    new SettingsService(createConfSettingsStore(agentDir), { hostsBackend: true }).save({
      hostedPusher: { appId: '4242', key: 'hosted-key', secret: 'hosted-secret', host: '127.0.0.1', port: relayPort, useTLS: false },
    });

    const kitchen = await startAllInOne({ dataDir, ports: anyPorts, logLevel: 'silent', agentLogger: quiet });
    resources.add(() => kitchen.close());
    expect(kitchen.backend.relay).toBeUndefined();
    await eventually('agent live on the hosted service', () => ((kitchen.agent ? ticketRailSync(kitchen.agent).connection.mode : undefined) === 'live' ? true : undefined));
    expect(hosted.stats().connections).toBeGreaterThanOrEqual(1);

    const order = await new Api(kitchen.backend.url).post<{ id: string }>('/api/orders', kitchen.tokens.pos, sampleInput());
    await eventually('order on the board', async () => ((await kitchen.agent!.api.getSnapshot()).orders.some((o) => o.id === order.body.id) ? true : undefined));
    await eventually('tickets on the virtual printer', () => ((kitchen.virtualPrinter?.printed.length ?? 0) >= 2 ? true : undefined));
  });

  it('keeps its embedded relay when the hosted secret cannot be opened here, and says so', () => {
    const warnings: string[] = [];
    const env = hostedPusherEnv({ appId: '1', key: 'k', secret: '', cluster: 'eu', useTLS: true }, (message) => warnings.push(message));
    expect(env).toEqual({});
    expect(warnings[0]).toMatch(/embedded relay/);
    expect(hostedPusherEnv(undefined, (message) => warnings.push(message))).toEqual({});
    expect(warnings).toHaveLength(1);
  });

  it('starts its own agent later when the window that was to host it never came up', async () => {
    const dataDir = tempDir(resources);
    const kitchen = await startAllInOne({ dataDir, ports: anyPorts, logLevel: 'silent', agentLogger: quiet, startAgent: false });
    resources.add(() => kitchen.close());
    expect(kitchen.agent).toBeUndefined();
    expect(kitchen.boardUrl).toBeUndefined();

    const agent = await kitchen.startLocalAgent();
    expect(await kitchen.startLocalAgent()).toBe(agent);
    expect(kitchen.boardUrl).toBe(agent.localApiUrl);
    const snapshot = await fetch(`${agent.localApiUrl}/api/kitchen/getSnapshot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(snapshot.status).toBe(200);
    const order = await new Api(kitchen.backend.url).post<{ id: string }>('/api/orders', kitchen.tokens.pos, sampleInput());
    await eventually('order on the late agent', async () => ((await agent.api.getSnapshot()).orders.some((o) => o.id === order.body.id) ? true : undefined));
  });

  it('starts over a settings file that is not JSON: the stand-in printer prints, the file is kept', async () => {
    const dataDir = tempDir(resources);
    mkdirSync(join(dataDir, 'agent'), { recursive: true });
    writeFileSync(join(dataDir, 'agent', 'settings.json'), '{"settings": {"printers": [');
    const kitchen = await startAllInOne({ dataDir, ports: anyPorts, logLevel: 'silent', agentLogger: quiet });
    resources.add(() => kitchen.close());
    expect(kitchen.virtualPrinter).toBeDefined();
    expect(kitchen.agent?.settings.fileProblem?.copy).toMatch(/settings\.json\.invalid-/);
    await new Api(kitchen.backend.url).post('/api/orders', kitchen.tokens.pos, sampleInput());
    await eventually('tickets on the stand-in printer', () => ((kitchen.virtualPrinter?.printed.length ?? 0) >= 2 ? true : undefined));
  });

  it('refuses a damaged tokens file, naming it, rather than making new tokens', async () => {
    const dataDir = tempDir(resources);
    writeFileSync(join(dataDir, 'all-in-one-tokens.json'), '{"admin": "short"');
    await expect(startAllInOne({ dataDir, ports: anyPorts, logLevel: 'silent', agentLogger: quiet })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/all-in-one-tokens\.json is not valid JSON/),
    });
    writeFileSync(join(dataDir, 'all-in-one-tokens.json'), '{"admin": "short", "agent": 3}');
    await expect(startAllInOne({ dataDir, ports: anyPorts, logLevel: 'silent', agentLogger: quiet })).rejects.toMatchObject({
      message: expect.stringMatching(/must hold admin, agent and pos tokens/),
    });
  });
});
