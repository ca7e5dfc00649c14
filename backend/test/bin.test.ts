import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Resources, tempDir, waitFor } from './helpers.js';
import { PROCESS_START_BUDGET_MS, PROCESS_TEST_TIMEOUT_MS } from '../../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO_ROOT, 'bin', 'ticketrail.js');
/** Compiling the CLI through tsx on a cold, shared machine takes a few seconds. */
const START_MS = PROCESS_START_BUDGET_MS;

interface Run {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the installed-command entry the way npm's shim does: `node <bin> …`, from a foreign cwd. */
function runBin(resources: Resources, bin: string, args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: tempDir(resources),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a test can signal the group the way a terminal's Ctrl-C does.
    detached: true,
  });
  resources.add(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output, exited };
}

function exitOf(run: Run): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return waitFor('the command to exit', (resolve) => void run.exited.then(resolve), START_MS);
}

describe('bin/ticketrail.js', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('is the package\'s "ticketrail" command', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(manifest.bin).toEqual({ ticketrail: 'bin/ticketrail.js' });
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('runs `relay --help` from any working directory and exits 0', async () => {
    const run = runBin(resources, BIN, ['relay', '--help']);
    expect(await exitOf(run)).toEqual({ code: 0, signal: null });
    expect(run.output.stdout).toMatch(/^usage: ticketrail relay\n/);
    expect(run.output.stdout).toContain('RELAY_APP_SECRET');
    expect(run.output.stderr).toBe('');
  });

  it('works through a symlink, as npm installs it in node_modules/.bin', async () => {
    const link = join(tempDir(resources), 'ticketrail');
    symlinkSync(BIN, link);
    const run = runBin(resources, link, ['relay', '--help']);
    expect(await exitOf(run)).toEqual({ code: 0, signal: null });
    expect(run.output.stdout).toMatch(/^usage: ticketrail relay\n/);
  });

  it("passes on the CLI's exit code: 2 and the usage for an unknown command", async () => {
    const run = runBin(resources, BIN, ['no-such-command']);
    expect(await exitOf(run)).toEqual({ code: 2, signal: null });
    expect(run.output.stderr).toMatch(/^usage: ticketrail <command> \[options\]/);
  });

  it('runs `agent` from any working directory and serves the board built in the repository', async () => {
    const run = runBin(resources, BIN, ['agent', '--port', '0', '--data-dir', tempDir(resources), '--backend', 'http://127.0.0.1:9']);
    const url = await waitFor<string>('the agent to listen', (resolve) => {
      const check = (): void => {
        const found = /board at (http:\/\/127\.0\.0\.1:\d+)/.exec(run.output.stdout)?.[1];
        if (found) resolve(found);
      };
      run.child.stdout?.on('data', check);
      check();
    }, START_MS);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    await expect(page.text()).resolves.toContain('<div id="root">');
    run.child.kill('SIGTERM');
    expect(await exitOf(run)).toEqual({ code: 0, signal: null });
  });

  it.each([
    ['SIGTERM to the process', 'SIGTERM', false],
    ["Ctrl-C (SIGINT to the terminal's whole process group)", 'SIGINT', true],
  ] as const)('on %s, the CLI closes the relay cleanly and exits 0', async (_how, signal, toGroup) => {
    const run = runBin(resources, BIN, ['relay'], { RELAY_PORT: '0', RELAY_APP_SECRET: 'bin-test-secret-0123456789' });
    const url = await waitFor<string>('the relay to listen', (resolve) => {
      const check = (): void => {
        const found = /relay listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.output.stdout)?.[1];
        if (found) resolve(found);
      };
      run.child.stdout?.on('data', check);
      check();
    }, START_MS);
    expect((await fetch(`${url}/apps/ticketrail/channels`)).status).toBe(401);

    // A terminal signals the whole foreground group; the CLI must see it and shut down cleanly.
    process.kill(toGroup ? -(run.child.pid ?? 0) : (run.child.pid ?? 0), signal);
    expect(await exitOf(run)).toEqual({ code: 0, signal: null });
    expect(run.output.stderr).toMatch(new RegExp(`relay: ${signal} received, closing connections\\s+relay: stopped`));
  });
});
