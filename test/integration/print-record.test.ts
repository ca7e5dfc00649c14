import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Resources,
  allJobs,
  cachePath,
  eventually,
  printedJobIds,
  printerSettings,
  startTestAgent,
  startTestBackend,
  startTestPrinter,
  tempDir,
} from './kitchen-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/** Makes every insert into the agent's outbox fail, as a full disk would, through a trigger in its SQLite file. */
function failOutboxInserts(dataDir: string, fail: boolean): void {
  const db = new Database(cachePath(dataDir));
  try {
    db.exec(fail ? "CREATE TRIGGER outbox_full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END" : 'DROP TRIGGER outbox_full');
  } finally {
    db.close();
  }
}

describe('a printed job and its report are recorded together', () => {
  it('never marks a job printed without its report queued; after a restart it is reported, not printed again', async () => {
    const { backend, api } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    const dataDir = tempDir(resources);
    const first = await startTestAgent(resources, { backendUrl: backend.url, printers: [printerSettings(printer)], dataDir });
    await eventually('agent live', () => (first.sync.connection.mode === 'live' ? true : undefined));
    failOutboxInserts(dataDir, true);

    const order = await api.createOrder({ type: 'takeaway', items: [{ name: 'Pho', qty: 1, station: 'kitchen' }] });
    await eventually('ticket on paper', () => (printer.printed.length === 1 ? true : undefined));
    const [jobId] = [...printedJobIds(printer).keys()];
    await first.pipeline.idle();
    // The report could not be queued, so the local state did not move to printed either.
    expect(first.cache.getJob(jobId as string)?.localState).toBe('sending');
    expect(first.cache.outbox()).toEqual([]);
    await first.close();

    failOutboxInserts(dataDir, false);
    await startTestAgent(resources, { backendUrl: backend.url, printers: [printerSettings(printer)], dataDir });
    // "sending" after a restart may have printed: reported failed with that reason, never re-sent.
    const reported = await eventually('final status at the backend', async () => (await allJobs(api, 'failed')).find((job) => job.id === jobId));
    expect(reported.orderId).toBe(order.id);
    expect(reported.error).toMatch(/partly printed/);
    expect(printedJobIds(printer).get(jobId as string)).toBe(1);
  });
});
