/**
 * Exactly once without a lease (docs/connectors.md): the headless agent runs the `tabletrack`
 * connector as its own process, exactly as `npm run agent -- --connector tabletrack …` starts it,
 * and is SIGKILLed at the two moments that matter. TableTrack has Pusher off here: the agent's
 * first pull at start takes the job.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tableTrackModule } from '../../agent/connectors/tabletrack/tabletrack-module.js';
import { TABLETRACK_KEY_ENV } from '../../common/settings.js';
import type { VirtualPrinter } from '../../agent/printing/virtual-printer.js';
import { PRINT_FAILURE_REASONS } from '../../common/print-job.js';
import { Resources, eventually, startTestPrinter, tempDir } from './kitchen-harness.js';
import { STAND_IN_KEY, startStandIn } from '../tabletrack/tabletrack-harness.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../wait-budget.js';
import { journalState, killAgent, startHeadlessAgent, type HeadlessAgent } from './agent-process.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

function startAgent(dataDir: string, tableTrackUrl: string, printerPort: number): Promise<HeadlessAgent> {
  const args = ['--connector', 'tabletrack', '--backend-url', tableTrackUrl, '--printer', `tcp://127.0.0.1:${printerPort}`, '--data-dir', dataDir, '--port', '0'];
  return startHeadlessAgent(resources, args, { [TABLETRACK_KEY_ENV]: STAND_IN_KEY });
}

/** The journal's local state of a job, read from the agent's TableTrack cache file. */
const localState = (dataDir: string, jobId: string) => journalState(join(dataDir, tableTrackModule.cacheFile as string), jobId);

/** Printed tickets whose text holds `marker`. */
const printedWith = (printer: VirtualPrinter, marker: string) => printer.printed.filter((job) => job.decoded.lines.some((line) => line.text.includes(marker))).length;

describe('TableTrack agent killed mid-job', () => {
  it('prints a job journaled before the crash (nothing sent yet) exactly once after the restart', { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
    const tt = await startStandIn(resources, undefined);
    const printer = await startTestPrinter(resources);
    await printer.setMode('refusing');
    const dataDir = tempDir(resources);
    const job = await tt.createJob({ printerId: 1, text: '\u001b@Journaled before the crash\n', cutPaper: true });

    const first = await startAgent(dataDir, tt.url, printer.port);
    // Pulled (TableTrack has it `printing` now) and journaled; the printer refuses, so nothing left this PC.
    await eventually('the job journaled, waiting for its printer', () => (localState(dataDir, `tabletrack:${job.id}`) === 'claimed' ? true : undefined));
    expect(tt.job(job.id)?.status).toBe('printing');
    await killAgent(first.child);

    await printer.setMode('ok');
    await startAgent(dataDir, tt.url, printer.port);
    const report = await eventually('the PATCH after the restart', () => tt.reports(job.id)[0]);
    expect(report).toMatchObject({ status: 'done', printer: `Printer tcp://127.0.0.1:${printer.port}` });
    expect(printedWith(printer, 'Journaled before the crash')).toBe(1);

    // A second job after it prints too; the first is never sent again.
    const next = await tt.createJob({ printerId: 1, text: '\u001b@The next one\n', cutPaper: true });
    await eventually('the next job done', () => (tt.reports(next.id).length === 1 ? true : undefined));
    expect(printedWith(printer, 'Journaled before the crash')).toBe(1);
    expect(tt.reports(job.id)).toHaveLength(1);
  });

  it('reports a job caught sending as failed ("may have partly printed") and never sends it again', { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
    const tt = await startStandIn(resources, undefined);
    const printer = await startTestPrinter(resources);
    await printer.setMode('busy');
    const dataDir = tempDir(resources);
    const job = await tt.createJob({ printerId: 1, text: '\u001b@Caught sending\n', cutPaper: true });

    const first = await startAgent(dataDir, tt.url, printer.port);
    await eventually('the agent sending the job', () => (localState(dataDir, `tabletrack:${job.id}`) === 'sending' ? true : undefined));
    await killAgent(first.child);

    await printer.setMode('ok');
    await startAgent(dataDir, tt.url, printer.port);
    const report = await eventually('the failure reported after the restart', () => tt.reports(job.id)[0]);
    expect(report.status).toBe('failed');
    expect(report.error).toBe(PRINT_FAILURE_REASONS.partlySent);
    expect(tt.job(job.id)?.status).toBe('failed');

    const next = await tt.createJob({ printerId: 1, text: '\u001b@After the crash\n', cutPaper: true });
    await eventually('the next job done', () => (tt.reports(next.id).length === 1 ? true : undefined));
    // What the busy printer held when the first agent died is all that may ever come out of it: never a second copy.
    expect(printedWith(printer, 'Caught sending')).toBe(0);
    expect(printedWith(printer, 'After the crash')).toBe(1);
    expect(tt.reports(job.id)).toHaveLength(1);
  });
});
