import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderCreated } from '../common/order.js';
import { Api, Resources, WAIT_MS, sampleInput, tempDir, waitFor } from '../backend/test/helpers.js';
import { parseTokenLines } from '../common/token-lines.js';
import { PROCESS_START_BUDGET_MS, PROCESS_TEST_TIMEOUT_MS } from '../test/wait-budget.js';

/**
 * Issue 17, item 12: `npm install` then `npm run backend` — a diner's link answered 404 "the diner
 * page is not built" until someone ran `npm run build:diner`. `ticketrail backend` now builds the
 * page when it is missing. The test gives it an empty folder as dist/diner: a fresh install.
 */
const resources = new Resources();
afterEach(() => resources.closeAll());

const REPO_ROOT = resolve(import.meta.dirname, '..');
/** A cold Vite build of the page on a shared two-core machine, plus tsx compiling the CLI. */
const START_MS = PROCESS_START_BUDGET_MS;

describe('ticketrail backend on a fresh install', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('builds the diner page it serves at /o/<token> before it starts', async () => {
    const dinerDir = join(tempDir(resources), 'dist', 'diner');
    const dataDir = tempDir(resources);
    const script = `import { runBackendCommand } from "./cli/backend.ts"; await runBackendCommand(process.argv.slice(1), { dinerDir: ${JSON.stringify(dinerDir)} });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', '--port', '0', '--data-dir', dataDir], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', RELAY_PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    resources.add(() => child.exitCode === null && child.kill('SIGKILL'));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

    await waitFor(
      'the first-start banner',
      (ready) => {
        const check = () => {
          if (parseTokenLines(output).pos?.startsWith('tr_')) ready(true);
        };
        child.stdout.on('data', check);
        check();
      },
      START_MS,
    );
    expect(output).toContain(`built the diner's page (${dinerDir})`);
    expect(existsSync(join(dinerDir, 'index.html'))).toBe(true);

    const api = new Api(/listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '');
    // The first-start banner's line, in the format every start prints (common/token-lines.ts).
    const pos = parseTokenLines(output).pos ?? '';
    const order = await api.post<OrderCreated>('/api/orders', pos, sampleInput());
    const page = await fetch(`${api.baseUrl}/o/${encodeURIComponent(order.body.customerToken)}`, { signal: AbortSignal.timeout(WAIT_MS) });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toBe(readFileSync(join(dinerDir, 'index.html'), 'utf8'));
    // Its script loads from the assets the backend serves next to it.
    const script0 = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script0).toBeDefined();
    const asset = await fetch(`${api.baseUrl}/o/${script0 ?? ''}`, { signal: AbortSignal.timeout(WAIT_MS) });
    expect(asset.status).toBe(200);
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(0);

    child.kill('SIGINT');
    expect(await waitFor<number | null>('exit after SIGINT', (exited) => child.once('exit', (code) => exited(code)), WAIT_MS)).toBe(0);
  });
});
