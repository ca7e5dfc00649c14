import { afterEach, describe, expect, it } from 'vitest';
import { CacheDb } from '../../agent/cache/cache-db.js';
import { createEscPosDriver } from '../../agent/pipeline/escpos-driver.js';
import { journaledJobSource, type JobOutcome } from '../../agent/pipeline/job-source.js';
import { PRINT_RETRY, PrintPipeline, SEND_GRACE_MS, type PrintRetryPolicy } from '../../agent/pipeline/print-pipeline.js';
import type { PrintJob } from '../../common/print-job.js';
import { Resources, eventually, printerSettings, quietLogger, startTestPrinter, tempDir } from './kitchen-harness.js';
import { ManualClock } from './manual-clock.js';

/*
 * Issue 20: one send has a time limit on the agent's clock. A printer that accepts the connection
 * and never reads (virtual printer `busy`) used to keep the job "printing" until the driver's own
 * socket timers gave up; now the send is cut off after PRINT_RETRY.sendLimitMs and the job waits as
 * "needs attention" (not answering), nothing sent. The driver's own timers here are far longer than
 * the test, so only the pipeline's limit can end the send.
 */

const resources = new Resources();
afterEach(() => resources.closeAll());

const SLOW_DRIVER = { connectTimeoutMs: 60_000, answerTimeoutMs: 600_000 } as const;
const POLICY: PrintRetryPolicy = { ...PRINT_RETRY, sendLimitMs: 3_000 + SEND_GRACE_MS };

function rawJob(id: string): PrintJob {
  const at = new Date().toISOString();
  const payload = Buffer.from('Order 12\n1 x Pho\n\x1dV\x00', 'latin1').toString('base64');
  return { id, kind: 'raw', station: 'kitchen', copies: 1, payload, status: 'pending', attempts: 0, createdAt: at, updatedAt: at, version: 1 };
}

describe('the time limit of one send', () => {
  it('cuts off a send to a printer that never reads, and the job waits as needs attention with nothing sent', async () => {
    const clock = new ManualClock();
    const printer = await startTestPrinter(resources);
    await printer.setMode('busy');
    const cache = new CacheDb(tempDir(resources));
    const reports: JobOutcome[] = [];
    const settings = [printerSettings(printer, ['kitchen'])];
    const pipeline = new PrintPipeline({
      cache,
      sources: { of: () => journaledJobSource((_job, outcome, _printer, alongside) => (reports.push(outcome), alongside())), pending: async () => [] },
      driver: createEscPosDriver(SLOW_DRIVER),
      logger: quietLogger,
      printers: () => settings,
      retry: POLICY,
      clock,
    });
    resources.add(async () => {
      pipeline.stop();
      await printer.setMode('ok');
      await pipeline.idle();
      cache.close();
    });

    const job = rawJob('raw-1');
    cache.putJob(job);
    pipeline.consider(job);
    await eventually('the send under way', () => (cache.getJob(job.id)?.localState === 'sending' ? true : undefined));
    // The status query is unanswered: the job is not "printing" — no byte of it left this PC.
    expect(pipeline.watch.stageOf(job.id)).toBe('waiting');

    clock.advance(POLICY.sendLimitMs - 1);
    expect(pipeline.watch.stageOf(job.id)).toBe('waiting');
    clock.advance(1);
    await eventually('needs attention', () => (pipeline.watch.stageOf(job.id) === 'needsAttention' ? true : undefined));
    expect(pipeline.watch.attentionOf(job.id)).toMatchObject({ problem: 'notAnswering' });
    expect(pipeline.watch.printers()).toEqual([expect.objectContaining({ problem: 'notAnswering', waiting: 1 })]);
    expect(cache.getJob(job.id)?.localState).toBe('claimed');
    expect(cache.getJob(job.id)?.localError).toContain('time limit');
    expect(reports).toEqual([]);
    expect(printer.printed).toEqual([]);
  });
});
