/**
 * The headless agent as its own process, for the crash tests: started exactly as `npm run agent`
 * starts it (tsx, cli/ticketrail.ts agent …) so that SIGKILL hits the real thing, and its cache
 * file read as another process sees it.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROCESS_START_BUDGET_MS } from '../wait-budget.js';
import { eventually, type Resources } from './kitchen-harness.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** A headless agent process that has said where its board is. */
export interface HeadlessAgent {
  child: ChildProcess;
  /** The local API and board, as the agent printed it. */
  boardUrl: string;
}

const BOARD_URL = /board at (http:\/\/\S+)/;

/**
 * `ticketrail agent <args>` with `env` over this process's environment, resolved once the agent
 * prints its board URL (bounded by PROCESS_START_BUDGET_MS: compiling and opening the cache is the
 * slow part on a loaded machine, and what a test waits for next should not pay for it). Killed at
 * teardown if still running.
 */
export async function startHeadlessAgent(resources: Resources, args: string[], env: Record<string, string>): Promise<HeadlessAgent> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/ticketrail.ts', 'agent', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  resources.add(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  let output = '';
  const boardUrl = await new Promise<string>((found, failed) => {
    const timer = setTimeout(() => failed(new Error(`the agent did not start in ${PROCESS_START_BUDGET_MS} ms:\n${output}`)), PROCESS_START_BUDGET_MS);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const url = BOARD_URL.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        found(url);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      failed(new Error(`the agent exited (${code ?? signal}) before it was listening:\n${output}`));
    });
  });
  // Keep draining its output so a chatty agent never blocks on a full pipe.
  child.stdout.resume();
  child.stderr.resume();
  return { child, boardUrl };
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
