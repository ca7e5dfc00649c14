import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Where Electron can run: its binary must have been downloaded (the npm package fetches it on
 * install, which fails offline) and, on Linux, a display must exist. Returns why not otherwise.
 */
export function detectElectron(env: NodeJS.ProcessEnv = process.env): { binary: string } | { reason: string } {
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

export function launchElectron(binary: string, mainFile: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(binary, [mainFile], { stdio: 'inherit', env });
}
