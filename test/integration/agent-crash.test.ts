import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS_ENV } from '../../agent/host-env.js';
import { Resources, TEST_TOKENS, allJobs, cachePath, eventually, printedJobIds, startTestBackend, startTestPrinter, tempDir } from './kitchen-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const ROOT = resolve(import.meta.dirname, '../..');

/** The headless agent as its own process, exactly as `npm run agent` starts it. */
function spawnAgent(dataDir: string, backendUrl: string, printerPort: number): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/ticketrail.ts', 'agent', '--data-dir', dataDir, '--port', '0', '--printer', `tcp://127.0.0.1:${printerPort}`, '--stations', 'kitchen', '--backend', backendUrl],
    { cwd: ROOT, env: { ...process.env, [SETTINGS_ENV.agentToken]: TEST_TOKENS.agent, LOG_LEVEL: 'warn' }, stdio: 'ignore' },
  );
  resources.add(() => child.exitCode === null && child.kill('SIGKILL'));
  return child;
}

function localState(dataDir: string, jobId: string): string | undefined {
  if (!existsSync(cachePath(dataDir))) return undefined;
  const db = new Database(cachePath(dataDir), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[string], { local_state: string | null }>('SELECT local_state FROM print_jobs WHERE id = ?').get(jobId)?.local_state ?? undefined;
  } catch (error) {
    // The agent has created the file but not its tables yet: nothing recorded so far.
    if (/no such table/.test((error as Error).message)) return undefined;
    throw error;
  } finally {
    db.close();
  }
}

describe('agent killed mid-job', () => {
  it('never prints the job twice after SIGKILL and a restart, and reports its final status', async () => {
    const { backend, api } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    await printer.setMode('busy');
    const dataDir = tempDir(resources);

    const first = spawnAgent(dataDir, backend.url, printer.port);
    const order = await api.createOrder({ type: 'takeaway', items: [{ name: 'Ramen', qty: 1, station: 'kitchen' }] });
    const jobId = await eventually('the ticket job', async () => (await allJobs(api)).find((job) => job.orderId === order.id)?.id, 10_000);
    await eventually('agent sending the job', () => (localState(dataDir, jobId) === 'sending' ? true : undefined), 20_000);
    first.kill('SIGKILL');
    await eventually('agent dead', () => (first.exitCode !== null || first.signalCode !== null ? true : undefined));

    await printer.setMode('ok');
    spawnAgent(dataDir, backend.url, printer.port);
    const failed = await eventually('final status reported', async () => (await allJobs(api, 'failed')).find((job) => job.id === jobId), 20_000);
    expect(failed.error).toMatch(/partly printed/);

    const next = await api.createOrder({ type: 'takeaway', items: [{ name: 'Gyoza', qty: 1, station: 'kitchen' }] });
    await eventually('the next ticket prints', async () => ((await allJobs(api, 'done')).some((job) => job.orderId === next.id) ? true : undefined), 20_000);
    expect(printedJobIds(printer).get(jobId) ?? 0).toBe(0);
    expect([...printedJobIds(printer).values()].every((count) => count === 1)).toBe(true);
  });
});
