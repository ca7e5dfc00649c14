import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { OrdersPageSchema } from '../../common/order.js';
import { BackendHealthSchema } from '../../common/health.js';
import { runTokensCli } from '../cli.js';
import { parseTokenLines } from '../../common/token-lines.js';
import { parseRate, runSimulateCli } from '../simulate.js';
import { testDatabaseEnv } from './database.js';
import { Api, Resources, TEST_TOKENS, WAIT_MS, startTestBackend, tempDir, waitFor } from './helpers.js';
import { PROCESS_START_BUDGET_MS, PROCESS_TEST_TIMEOUT_MS } from '../../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function tokensCli(args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const dataDir = args[args.indexOf('--data-dir') + 1] ?? '';
  await runTokensCli(args, { print: (line) => lines.push(line), env: await testDatabaseEnv(dataDir) });
  return lines;
}

describe('tokens CLI', () => {
  it('creates, lists and revokes tokens that a running backend honours at once', async () => {
    const test = await startTestBackend(resources);
    const dataDir = ['--data-dir', test.dataDir];
    const created = await tokensCli(['create', '--role', 'agent', '--label', 'bar counter', ...dataDir]);
    // The token alone on the first line, what a script captures.
    const token = created[0];
    expect(token).toMatch(/^tr_[0-9a-z]{32}$/);
    expect((await test.api.get('/api/events', token)).status).toBe(200);
    expect((await test.api.post('/api/orders', token, {})).status).toBe(403);

    const listed = await tokensCli(['list', ...dataDir]);
    const line = listed.find((l) => l.includes('bar counter'));
    expect(line).toMatch(/^tok_\S+\s+agent\s+default\s+\S+\s+active\s+bar counter$/);
    // Nothing secret is listed.
    expect(listed.join('\n')).not.toContain(token);

    const id = line?.split(/\s+/)[0] ?? '';
    expect(await tokensCli(['revoke', id, ...dataDir])).toEqual([`revoked ${id}`]);
    expect((await test.api.get('/api/events', token)).status).toBe(401);
    expect((await tokensCli(['list', ...dataDir])).find((l) => l.startsWith(id))).toMatch(/revoked/);
  });

  it('refuses a bad role or command', async () => {
    const dir = tempDir(resources);
    await expect(tokensCli(['create', '--role', 'chef', '--data-dir', dir])).rejects.toThrow(/--role must be one of admin, agent, pos/);
    await expect(tokensCli(['mint', '--data-dir', dir])).rejects.toThrow(/unknown tokens command/);
    await expect(tokensCli(['revoke', 'tok_nope', '--data-dir', dir])).rejects.toThrow(/no active token/);
  });
});

describe('backend CLI', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('prints the URLs and first-start tokens, serves, and closes cleanly on SIGINT', async () => {
    const dir = tempDir(resources);
    const script = 'import { runBackendCli } from "./backend/cli.ts"; await runBackendCli(process.argv.slice(1));';
    // On PostgreSQL: one process on the database, so it may keep its embedded relay.
    const database = await testDatabaseEnv(dir);
    const single = database.DATABASE_URL ? ['--single-process'] : [];
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', '--port', '0', '--data-dir', dir, ...single], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', RELAY_PORT: '0', LOG_LEVEL: 'warn', ...database },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    resources.add(() => child.exitCode === null && child.kill('SIGKILL'));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

    await waitFor('the first-start banner', (resolve) => {
      const check = () => {
        if (parseTokenLines(output).pos?.startsWith('tr_')) resolve(true);
      };
      child.stdout.on('data', check);
      check();
    }, PROCESS_START_BUDGET_MS);
    const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
    expect(output).toMatch(/embedded Pusher-protocol relay on http:\/\/127\.0\.0\.1:\d+/);
    const agent = parseTokenLines(output).agent ?? '';
    const api = new Api(url);
    const health = BackendHealthSchema.parse((await api.get('/api/health')).body);
    expect(health).toMatchObject({ ok: true, db: 'ok', realtime: { mode: 'embedded' } });
    expect((await api.get('/api/events', agent)).status).toBe(200);

    child.kill('SIGINT');
    const code = await waitFor<number | null>('exit after SIGINT', (resolve) => child.once('exit', (exitCode) => resolve(exitCode)), WAIT_MS);
    expect(code).toBe(0);
    expect(output).toMatch(/SIGINT: closing…\s+closed/);
    expect(output).not.toMatch(/checkpoint failed|"level":[56]0/);
  });
});

describe('simulate CLI', () => {
  it('parses rates', () => {
    expect(parseRate('1/s')).toBe(1000);
    expect(parseRate('5/min')).toBe(12_000);
    expect(parseRate('20/s')).toBe(50);
    expect(() => parseRate('fast')).toThrow(/--rate/);
    expect(() => parseRate('0/s')).toThrow(/--rate/);
  });

  it('posts realistic orders and prints one line per order', async () => {
    const test = await startTestBackend(resources);
    const lines: string[] = [];
    const result = await runSimulateCli(['--count', '6', '--rate', '100/s'], {
      env: { TICKETRAIL_BACKEND_URL: test.backend.url, POS_TOKEN: TEST_TOKENS.pos },
      print: (line) => lines.push(line),
    });
    expect(result).toEqual({ sent: 6, failed: 0 });
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^A-001\s+.+ → (kitchen|bar|expo)/);
    const orders = OrdersPageSchema.parse((await test.api.get('/api/orders?status=all', TEST_TOKENS.agent)).body).orders;
    expect(orders).toHaveLength(6);
    expect(orders.every((order) => order.items.length >= 1 && order.total !== undefined)).toBe(true);

    await expect(
      runSimulateCli(['--count', '2', '--rate', '100/s'], {
        env: { TICKETRAIL_BACKEND_URL: test.backend.url, POS_TOKEN: 'wrong-token-wrong-token' },
        print: () => undefined,
      }),
    ).rejects.toThrow(/2 of 2 orders failed/);
  });
});
