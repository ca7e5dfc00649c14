/**
 * The pinned command line (issue 10): `npm run agent -- --connector tabletrack --backend-url …
 * --printer tcp://… --data-dir … --port N --pusher-host … --pusher-port … --pusher-tls false`, the
 * key in TICKETRAIL_TABLETRACK_KEY, run exactly so through npm; `POST /api/kitchen/getSnapshot` on
 * its local API lists the TableTrack card.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TABLETRACK_KEY_ENV } from '../../common/settings.js';
import type { ApiResult, BoardSnapshot } from '../../common/kitchen-api.js';
import { LOCAL_API } from '../../common/kitchen-api.js';
import { PROCESS_START_BUDGET_MS, PROCESS_TEST_TIMEOUT_MS } from '../wait-budget.js';
import { Resources, eventually, freePort, startTestPrinter, tempDir } from './kitchen-harness.js';
import { STAND_IN_KEY, startStandIn, startTestRelay } from '../tabletrack/tabletrack-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const ROOT = resolve(import.meta.dirname, '../..');

async function snapshot(port: number): Promise<BoardSnapshot | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${LOCAL_API.prefix}/getSnapshot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const result = (await response.json()) as ApiResult<BoardSnapshot>;
    return result.ok ? result.value : undefined;
  } catch {
    return undefined;
  }
}

describe('npm run agent -- --connector tabletrack', () => {
  it('prints a TableTrack job through its Pusher and lists its card on POST /api/kitchen/getSnapshot', { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
    const relay = await startTestRelay(resources);
    const tt = await startStandIn(resources, relay);
    const printer = await startTestPrinter(resources);
    const port = await freePort();
    const args = [
      'run', 'agent', '--',
      '--connector', 'tabletrack',
      '--backend-url', tt.url,
      '--printer', `tcp://127.0.0.1:${printer.port}`,
      '--data-dir', tempDir(resources),
      '--port', String(port),
      '--pusher-host', relay.host,
      '--pusher-port', String(relay.port),
      '--pusher-tls', 'false',
    ];
    // Its own process group: npm, tsx and the agent go down together.
    const child = spawn('npm', args, { cwd: ROOT, env: { ...process.env, [TABLETRACK_KEY_ENV]: STAND_IN_KEY, LOG_LEVEL: 'warn' }, stdio: 'ignore', detached: true });
    resources.add(() => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    });

    // Live: subscribed to TableTrack's public channels on the relay, so the doorbell brings the job.
    await eventually('the agent live', async () => ((await snapshot(port))?.connection.mode === 'live' ? true : undefined), PROCESS_START_BUDGET_MS);
    const job = await tt.createJob({ printerId: 1, text: '\u001b@Table 4\n1 x Soup\n', cutPaper: true });

    const card = await eventually('the card on getSnapshot', async () => (await snapshot(port))?.orders.find((order) => order.id === `tabletrack:${job.id}`));
    expect(card).toMatchObject({ status: 'submitted', source: { kind: 'tabletrack', from: 'Kitchen' } });
    expect(card.source?.blocks.map((block) => (block.kind === 'image' ? '' : block.text))).toEqual(['Table 4', '1 x Soup']);
    const report = await eventually('the PATCH', () => tt.reports(job.id)[0]);
    expect(report).toMatchObject({ status: 'done', printer: `Printer tcp://127.0.0.1:${printer.port}` });
    expect(printer.printed).toHaveLength(1);
  });
});
