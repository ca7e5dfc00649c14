/**
 * The headless agent as its own process, for the crash tests: started exactly as `npm run agent`
 * starts it (tsx, cli/ticketrail.ts agent …) so that SIGKILL hits the real thing, and its cache
 * file read as another process sees it.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventually, type Resources } from './kitchen-harness.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** `ticketrail agent <args>` with `env` over this process's environment; killed at teardown if still running. */
export function spawnHeadlessAgent(resources: Resources, args: string[], env: Record<string, string>, stdio: StdioOptions = 'ignore'): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/ticketrail.ts', 'agent', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio,
  });
  resources.add(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  return child;
}

/**
 * Runs `read` on the agent's cache file, opened read-only. Answers `empty` while the agent has not
 * created the file, or has created it but not its tables yet: nothing is recorded so far.
 */
export function readAgentCache<T>(file: string, empty: T, read: (db: Database.Database) => T): T {
  if (!existsSync(file)) return empty;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } catch (error) {
    if (/no such table/.test((error as Error).message)) return empty;
    throw error;
  } finally {
    db.close();
  }
}

/** The local state of one job in the agent's journal (undefined: not journaled yet). */
export function journalState(file: string, jobId: string): string | undefined {
  return readAgentCache(file, undefined, (db) =>
    db.prepare<[string], { local_state: string | null }>('SELECT local_state FROM print_jobs WHERE id = ?').get(jobId)?.local_state ?? undefined,
  );
}

/** SIGKILL, as a power cut or the OOM killer would, and wait until the process is gone. */
export async function killAgent(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await eventually('agent dead', () => (child.exitCode !== null || child.signalCode !== null ? true : undefined));
}
