import Database from 'better-sqlite3';
import { WAIT_BUDGET_MS } from '../../test/wait-budget.js';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackgroundCheckpoints } from './checkpointer.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('background checkpoints', () => {
  it('copies committed WAL pages into the database file from a worker thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ticketrail-checkpoint-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'test.sqlite');
    const db = new Database(file);
    cleanups.push(() => db.close());
    db.pragma('journal_mode = WAL');
    // Only the worker may checkpoint: the main file grows only if it does.
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    for (let i = 0; i < 500; i += 1) insert.run('x'.repeat(500));
    const sizeBefore = statSync(file).size;

    const errors: unknown[] = [];
    const checkpointer = startBackgroundCheckpoints(file, { intervalMs: 50, onError: (error) => errors.push(error) });
    cleanups.push(() => checkpointer.stop());
    const deadline = Date.now() + WAIT_BUDGET_MS;
    // Until all of it is in: a checkpoint can land in steps, and the first step is not the end.
    const copied = sizeBefore + 200_000;
    while (statSync(file).size <= copied && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));

    expect(statSync(file).size).toBeGreaterThan(copied);
    expect(errors).toEqual([]);
    await checkpointer.stop();
    // Stopping twice is harmless.
    await checkpointer.stop();
  });
});
