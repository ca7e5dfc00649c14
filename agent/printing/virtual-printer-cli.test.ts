import { describe, expect, it } from 'vitest';
import { WAIT_BUDGET_MS } from '../../test/wait-budget.js';
import { sendToPrinter } from './printer-transport.js';
import { FIXED_NOW, kitchenOrder, printerSettings, UTC, within } from './test-fixtures.js';
import { renderKitchenTicket } from './ticket-renderer.js';
import { CLI_EXIT, runVirtualPrinterCli, type CliIo } from './virtual-printer-cli.js';

/** A safety net, not a measurement (test/wait-budget.ts). */
const WAIT_MS = WAIT_BUDGET_MS;

/** Captures output and lets the test decide when "Ctrl-C" happens. */
function testIo(): CliIo & { outLines: string[]; errLines: string[]; shutdown(): void; nextOut(match: RegExp): Promise<string> } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  const waiters: { match: RegExp; resolve: (line: string) => void }[] = [];
  let shutdown: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (shutdown = resolve));
  return {
    outLines,
    errLines,
    out: (line) => {
      outLines.push(line);
      for (const waiter of waiters.filter((w) => w.match.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    },
    err: (line) => errLines.push(line),
    untilShutdown: () => stopped,
    shutdown: () => shutdown(),
    nextOut: (match) => {
      const seen = outLines.find((line) => match.test(line));
      return seen !== undefined ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

describe('runVirtualPrinterCli', () => {
  it.each([
    [['--port', 'abc'], '--port must be a whole number'],
    [['--port', '70000'], '--port must be a whole number'],
    [['--mode', 'jammed'], '--mode must be one of ok, paperOut, coverOpen, offline, busy, refusing'],
    [['--type', 'ZEBRA'], '--type must be one of EPSON, STAR'],
    [['--colour', 'red'], "Unknown option '--colour'"],
  ])('rejects %j with a clear error and exit code 2', async (argv, message) => {
    const io = testIo();
    expect(await runVirtualPrinterCli(argv, io)).toBe(CLI_EXIT.badArguments);
    expect(io.errLines.join('\n')).toContain(message);
    expect(io.errLines.join('\n')).toContain('usage: virtual-printer');
  });

  it('prints usage for --help', async () => {
    const io = testIo();
    expect(await runVirtualPrinterCli(['--help'], io)).toBe(CLI_EXIT.ok);
    expect(io.outLines[0]).toContain('usage: virtual-printer');
  });

  it('listens, writes each printed ticket as text with a header, and stops on shutdown', async () => {
    const io = testIo();
    const running = runVirtualPrinterCli(['--port', '0', '--name', 'pass', '--columns', '32'], io);
    const banner = await within(io.nextOut(/on tcp:\/\//u), WAIT_MS, 'the listening banner');
    const url = /tcp:\/\/[\d.]+:\d+/u.exec(banner)![0];

    const ticket = renderKitchenTicket(kitchenOrder(), { jobId: 'job-7', station: 'kitchen' }, printerSettings({ width: 58 }), FIXED_NOW, UTC);
    expect(await sendToPrinter(url, ticket, { connectTimeoutMs: WAIT_MS, answerTimeoutMs: WAIT_MS })).toMatchObject({ ok: true });
    await within(io.nextOut(/^--- cut x1/u), WAIT_MS, 'the printed ticket');

    io.shutdown();
    expect(await within(running, WAIT_MS, 'the CLI to stop')).toBe(CLI_EXIT.ok);
    expect(io.outLines).toContainEqual(expect.stringMatching(/^=== pass#1 \| connection 1 \| \d{4}-\d\d-\d\dT[\d:.]+Z \| \d+ bytes ===$/u));
    // Centred in 32 columns (13 spaces before), padded to 32, then the style tags.
    expect(io.outLines).toContain(`${' '.repeat(13)}#1042${' '.repeat(14)}  [bold wide tall]`);
    expect(io.outLines).toContain('job-7 - printed 12:40');
    expect(io.outLines.at(-1)).toBe('virtual printer stopped');
  });
});
