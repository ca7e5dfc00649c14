/**
 * The pinned command line of the pusher-app connector (issue 18): `npm run agent -- --connector
 * pusher-app --printer tcp://HOST:PORT [--stations a,b] --data-dir DIR --port N`, with `pusherApp`
 * read from DIR/settings.json, and the exactly-once guarantee when the agent is SIGKILLed after
 * journaling an order.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pusherAppModule } from '../../agent/connectors/pusher-app/pusher-app-module.js';
import { LOCAL_API, type ApiResult, type BoardSnapshot } from '../../common/kitchen-api.js';
import type { RedactedSettings } from '../../common/settings.js';
import { PROCESS_START_BUDGET_MS, PROCESS_TEST_TIMEOUT_MS, WAIT_BUDGET_MS } from '../wait-budget.js';
import { journalState, killAgent, startHeadlessAgent } from './agent-process.js';
import { Resources, eventually, freePort, startTestPrinter, tempDir } from './kitchen-harness.js';
import { startLaravelStandIn } from '../pusher-app/laravel-stand-in.js';
import { CHANNEL, ORDER_EVENT, laravelOrder, printedWith, pusherAppSettings, startRelayFor } from '../pusher-app/pusher-app-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const ROOT = resolve(import.meta.dirname, '../..');

async function call<T>(port: number, method: string): Promise<T | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${LOCAL_API.prefix}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const result = (await response.json()) as ApiResult<T>;
    return result.ok ? result.value : undefined;
  } catch {
    return undefined;
  }
}

/** DIR/settings.json as an admin writes it: `settings` → the connector's section. */
function writeSettings(dir: string, file: unknown): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(file), { mode: 0o600 });
}

describe('npm run agent -- --connector pusher-app', () => {
  it('reads pusherApp from DIR/settings.json, prints every station on a --printer given without --stations, and answers getSnapshot and getSettings', { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
    const relay = await startRelayFor(resources);
    const app = await startLaravelStandIn(resources, relay);
    const printer = await startTestPrinter(resources);
    const dataDir = tempDir(resources);
    writeSettings(dataDir, { settings: { pusherApp: pusherAppSettings(relay, app) } });
    const port = await freePort();
    const args = ['run', 'agent', '--', '--connector', 'pusher-app', '--printer', `tcp://127.0.0.1:${printer.port}`, '--data-dir', dataDir, '--port', String(port)];
    // Its own process group: npm, tsx and the agent go down together.
    const child = spawn('npm', args, { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: 'ignore', detached: true });
    resources.add(() => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    });

    await eventually('the agent live', async () => ((await call<BoardSnapshot>(port, 'getSnapshot'))?.connection.mode === 'live' ? true : undefined), PROCESS_START_BUDGET_MS);
    await app.broadcast(CHANNEL, ORDER_EVENT, laravelOrder(71, [{ name: 'Ramen', quantity: 1, station: 'kitchen' }, { name: 'Sake', quantity: 1, station: 'bar' }]));
    await printer.waitForJobs(2, WAIT_BUDGET_MS);
    expect(printedWith(printer, 'Ramen')).toHaveLength(1);
    expect(printedWith(printer, 'Sake')).toHaveLength(1);

    const snapshot = await call<BoardSnapshot>(port, 'getSnapshot');
    expect(snapshot?.orders.map((order) => ({ id: order.id, number: order.number, kind: order.source?.kind }))).toEqual([{ id: 'pusher-app:71', number: 'V-71', kind: 'pusher-app' }]);
    expect(await call<RedactedSettings>(port, 'getSettings')).toMatchObject({ runningConnector: 'pusher-app', pusherApp: { channel: CHANNEL } });
  });

  it('prints an order journaled before a SIGKILL once, after the restart, and never again when the app sends it again', { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
    const relay = await startRelayFor(resources);
    const app = await startLaravelStandIn(resources, relay);
    const printer = await startTestPrinter(resources);
    await printer.setMode('refusing');
    const dataDir = tempDir(resources);
    // The settings object itself at the top of the file is read too.
    writeSettings(dataDir, { pusherApp: pusherAppSettings(relay, app) });
    const args = ['--connector', 'pusher-app', '--printer', `tcp://127.0.0.1:${printer.port}`, '--data-dir', dataDir, '--port', '0'];
    const cache = join(dataDir, pusherAppModule.cacheFile as string);

    const first = await startHeadlessAgent(resources, args, {});
    await eventually('the first agent subscribed', () => (app.authRequests.length === 1 ? true : undefined));
    await eventually('the channel occupied', async () => ((await app.occupied(CHANNEL)) ? true : undefined));
    const order = laravelOrder(72, [{ name: 'Journaled before the crash', quantity: 1 }]);
    await app.broadcast(CHANNEL, ORDER_EVENT, order);
    // Journaled, and the printer refuses: nothing has left this PC.
    await eventually('the ticket journaled, waiting for its printer', () => (journalState(cache, 'pusher-app:72#0') === 'claimed' ? true : undefined));
    await killAgent(first.child);

    await printer.setMode('ok');
    await startHeadlessAgent(resources, args, {});
    await eventually('printed after the restart', () => (printedWith(printer, 'Journaled before the crash').length === 1 ? true : undefined));
    await eventually('the second agent subscribed', () => (app.authRequests.length === 2 ? true : undefined));
    await eventually('the channel occupied again', async () => ((await app.occupied(CHANNEL)) ? true : undefined));
    await app.broadcast(CHANNEL, ORDER_EVENT, order);
    await app.broadcast(CHANNEL, ORDER_EVENT, laravelOrder(73, [{ name: 'The next one', quantity: 1 }]));
    await eventually('the next order printed', () => (printedWith(printer, 'The next one').length === 1 ? true : undefined));
    expect(printedWith(printer, 'Journaled before the crash')).toHaveLength(1);
    expect(journalState(cache, 'pusher-app:72#0')).toBe('printed');
  });
});
