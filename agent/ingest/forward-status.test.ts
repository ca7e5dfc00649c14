import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/integration/manual-clock.js';
import { createEscPosDriver } from '../pipeline/escpos-driver.js';
import { printerSettings } from '../printing/test-fixtures.js';
import { startVirtualPrinter, type VirtualPrinter } from '../printing/virtual-printer.js';
import { ForwardPrinterStatus, FORWARD_STATUS_TTL_MS } from './forward-status.js';
import { recordingLogger } from '../test-support/recording-logger.js';

const printers: VirtualPrinter[] = [];
afterEach(async () => {
  for (const p of printers.splice(0)) await p.close();
});

async function setup() {
  const printer = await startVirtualPrinter({ name: 'forward' });
  printers.push(printer);
  const questions: number[] = [];
  // DLE EOT 1 opens every question the driver asks.
  printer.on('status-request', (request) => request.command === 'DLE EOT' && request.n === 1 && questions.push(request.n));
  const clock = new ManualClock();
  const status = new ForwardPrinterStatus(createEscPosDriver({ connectTimeoutMs: 1_000, answerTimeoutMs: 1_500 }), clock, recordingLogger());
  return { printer, questions, clock, status, settings: printerSettings({ interface: printer.url }) };
}

describe('ForwardPrinterStatus', () => {
  it('asks the printer once for a burst of requests, and again once the answer is a second old by the clock', async () => {
    const { printer, questions, clock, status, settings } = await setup();
    const burst = await Promise.all([status.condition(settings), status.condition(settings), status.condition(settings)]);
    expect(burst).toEqual(Array(3).fill({ online: true, coverOpen: false, paperOut: false, paperNearEnd: false }));
    expect(status.condition(settings)).toEqual(burst[0]);
    expect(questions).toHaveLength(1);

    await printer.setMode('paperOut');
    clock.advance(FORWARD_STATUS_TTL_MS - 1);
    expect(status.condition(settings)).toEqual(burst[0]);
    clock.advance(1);
    await expect(status.condition(settings)).resolves.toEqual({ online: false, coverOpen: false, paperOut: true, paperNearEnd: false });
    expect(questions).toHaveLength(2);
  });

  it('tells an unreachable forward printer as offline', async () => {
    const { printer, status, settings } = await setup();
    await printer.setMode('refusing');
    await expect(status.condition(settings)).resolves.toMatchObject({ online: false });
  });
});
