import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AGENT_V8_FLAGS } from '../agent/index.js';

/** How long the native-module probe may take before Electron is taken as unusable. */
export const ELECTRON_PROBE_TIMEOUT_MS = 20_000;
/** An Electron window that exits with an error within this long of its start failed to start. */
export const ELECTRON_EARLY_EXIT_MS = 15_000;

/**
 * Run by Electron in Node mode: the agent inside Electron's main process needs better-sqlite3
 * compiled for Electron's ABI, while `npm install` compiles it for this Node. Loading it is the
 * only reliable test; a mismatch fails with "NODE_MODULE_VERSION …".
 */
const NATIVE_PROBE = "require('better-sqlite3')(':memory:').close()";

export type ElectronCheck = { binary: string } | { reason: string };

/**
 * Where Electron can run: its binary must have been downloaded (the npm package fetches it on
 * install, which fails offline) and, on Linux, a display must exist. Returns why not otherwise.
 */
export function detectElectron(env: NodeJS.ProcessEnv = process.env): ElectronCheck {
  let binary: unknown;
  try {
    binary = createRequire(import.meta.url)('electron');
  } catch {
    return { reason: 'the Electron binary is not installed (its download needs internet access)' };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return { reason: 'the Electron binary is not installed' };
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { reason: 'no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  return { binary };
}

/** Whether the agent's native module loads inside this Electron; the reason, with its first error line, when not. */
export function probeElectronNativeModules(binary: string, cwd: string, timeoutMs = ELECTRON_PROBE_TIMEOUT_MS): ElectronCheck {
  const result = spawnSync(binary, ['-e', NATIVE_PROBE], {
    cwd,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    timeout: timeoutMs,
    encoding: 'utf8',
  });
  if (result.status === 0) return { binary };
  const detail = (result.error?.message ?? result.stderr.split('\n').find((line) => /NODE_MODULE_VERSION|Error/.test(line)) ?? `exit ${result.status}`).trim();
  return { reason: `better-sqlite3 does not load in Electron here (${detail.slice(0, 200)}); the packaged app (npm run dist) is built for it` };
}

/** Electron's main process hosts the agent: its V8 flags must be on Electron's own command line. */
export function electronArguments(mainFile: string): string[] {
  return [`--js-flags=${AGENT_V8_FLAGS.join(' ')}`, mainFile];
}

export function launchElectron(binary: string, mainFile: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(binary, electronArguments(mainFile), { stdio: 'inherit', env });
}

export type ElectronStart = { kind: 'running' } | { kind: 'quit' } | { kind: 'failed'; detail: string };

/**
 * Resolves `failed` when the window's process ends with an error within `earlyExitMs` (a missing
 * system library, a crash at start) — the caller then falls back to the headless board instead of
 * leaving the kitchen without one —, `quit` when it ended cleanly (someone quit from the tray),
 * `running` once it has lasted that long.
 */
export function watchElectronStart(child: ChildProcess, earlyExitMs = ELECTRON_EARLY_EXIT_MS): Promise<ElectronStart> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => settle({ kind: 'running' }), earlyExitMs);
    const settle = (outcome: ElectronStart) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('error', onError);
      resolve(outcome);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      settle(code === 0 ? { kind: 'quit' } : { kind: 'failed', detail: signal ? `ended by ${signal}` : `exited with code ${code}` });
    const onError = (error: Error) => settle({ kind: 'failed', detail: error.message });
    child.once('exit', onExit);
    child.once('error', onError);
  });
}
