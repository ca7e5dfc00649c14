import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeElectronNativeModules, watchElectronStart } from './electron-launcher.js';

// Stand-ins for the Electron binary (which cannot be downloaded here): small scripts that behave
// as Electron in Node mode does, or fails to.
const dir = mkdtempSync(join(tmpdir(), 'ticketrail-electron-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = resolve(import.meta.dirname, '..');

function fakeBinary(name: string, script: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('probeElectronNativeModules', () => {
  it('accepts an Electron in which better-sqlite3 loads, asked in Node mode', () => {
    // Runs the probe with this Node (whose ABI better-sqlite3 was built for), only when asked as Electron-as-Node.
    const binary = fakeBinary('electron-ok', `[ "$ELECTRON_RUN_AS_NODE" = 1 ] || exit 9\nexec "${process.execPath}" "$@"`);
    expect(probeElectronNativeModules(binary, root)).toEqual({ binary });
  });

  it('refuses one whose ABI differs, naming the loader’s error', () => {
    const binary = fakeBinary(
      'electron-abi',
      `echo "Error: The module 'better_sqlite3.node' was compiled against NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 140." >&2\nexit 1`,
    );
    const check = probeElectronNativeModules(binary, root);
    expect('reason' in check && check.reason).toMatch(/better-sqlite3 does not load in Electron here \(Error: .*NODE_MODULE_VERSION 140/);
  });

  it('refuses one that hangs, after the timeout', () => {
    const binary = fakeBinary('electron-hangs', 'sleep 30');
    const check = probeElectronNativeModules(binary, root, 300);
    expect('reason' in check && check.reason).toMatch(/does not load in Electron here \(.*(ETIMEDOUT|timed out)/i);
  });
});

describe('watchElectronStart', () => {
  it('reports a window that dies at start as failed, with its exit code', async () => {
    const child = spawn(fakeBinary('window-crash', 'exit 3'), [], { stdio: 'ignore' });
    await expect(watchElectronStart(child, 5_000)).resolves.toEqual({ kind: 'failed', detail: 'exited with code 3' });
  });

  it('reports a clean exit as a quit, not a failure', async () => {
    const child = spawn(fakeBinary('window-quit', 'exit 0'), [], { stdio: 'ignore' });
    await expect(watchElectronStart(child, 5_000)).resolves.toEqual({ kind: 'quit' });
  });

  it('reports a window still up after the grace period as running', async () => {
    const child = spawn(fakeBinary('window-up', 'sleep 5'), [], { stdio: 'ignore' });
    try {
      await expect(watchElectronStart(child, 300)).resolves.toEqual({ kind: 'running' });
    } finally {
      child.kill();
    }
  });

  it('reports a binary that cannot be started at all as failed', async () => {
    const child = spawn(join(dir, 'no-such-electron'), [], { stdio: 'ignore' });
    const started = await watchElectronStart(child, 5_000);
    expect(started.kind).toBe('failed');
    expect(started.kind === 'failed' && started.detail).toMatch(/ENOENT/);
  });
});
