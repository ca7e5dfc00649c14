import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DIALECTS, type Dialect } from './escpos-commands.js';
import { PRINTING_ERRORS, PrintingError } from './printing-errors.js';
import {
  startVirtualPrinter,
  VIRTUAL_PRINTER_MODES,
  type VirtualPrinter,
  type VirtualPrinterMode,
  type VirtualPrinterOptions,
} from './virtual-printer.js';
import { formatPrintedJob } from './virtual-printer-format.js';

/**
 * `npm run virtual-printer -- --port 9100 --host 127.0.0.1 --mode ok`: a printer to point
 * TicketRail at without hardware. Each printed ticket goes to stdout as text; Ctrl-C stops it.
 */
export const CLI_EXIT = { ok: 0, failed: 1, badArguments: 2 } as const;

const USAGE = `usage: virtual-printer [--port 9100] [--host 127.0.0.1] [--mode ${VIRTUAL_PRINTER_MODES.join('|')}]
                       [--type ${DIALECTS.join('|')}] [--name NAME] [--columns 48] [--paper-runs-out-after N]`;

const DEFAULTS = { port: 9100, host: '127.0.0.1', columns: 48 } as const;
const MAX_PORT = 65_535;
const MAX_COLUMNS = 200;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the printer should stop (SIGINT/SIGTERM by default). */
  untilShutdown(): Promise<void>;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  untilShutdown: () =>
    new Promise((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }),
};

interface CliConfig {
  printer: VirtualPrinterOptions;
  columns: number;
  paperRunsOutAfter?: number;
}

function badArgument(message: string): never {
  throw new PrintingError(PRINTING_ERRORS.CLI_ARGS_INVALID, message);
}

function integerArg(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/u.test(value) || n < min || n > max) badArgument(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) badArgument(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

export function parseCliArgs(argv: string[]): CliConfig | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      mode: { type: 'string' },
      type: { type: 'string' },
      name: { type: 'string' },
      columns: { type: 'string' },
      'paper-runs-out-after': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const paperJobs = values['paper-runs-out-after'];
  return {
    printer: {
      port: integerArg('port', values.port, DEFAULTS.port, 0, MAX_PORT),
      host: values.host ?? DEFAULTS.host,
      mode: oneOf<VirtualPrinterMode>('mode', values.mode, VIRTUAL_PRINTER_MODES, 'ok'),
      printerType: oneOf<Dialect>('type', values.type, DIALECTS, 'EPSON'),
      name: values.name,
    },
    columns: integerArg('columns', values.columns, DEFAULTS.columns, 1, MAX_COLUMNS),
    paperRunsOutAfter: paperJobs === undefined ? undefined : integerArg('paper-runs-out-after', paperJobs, 0, 1, Number.MAX_SAFE_INTEGER),
  };
}

/** Runs until shutdown; resolves with the exit code (2 for bad arguments). */
export async function runVirtualPrinterCli(argv: string[], io: CliIo = processIo): Promise<number> {
  let config: CliConfig | 'help';
  try {
    config = parseCliArgs(argv);
  } catch (error) {
    io.err(`virtual-printer: ${(error as Error).message}`);
    io.err(USAGE);
    return CLI_EXIT.badArguments;
  }
  if (config === 'help') {
    io.out(USAGE);
    return CLI_EXIT.ok;
  }

  let printer: VirtualPrinter;
  try {
    printer = await startVirtualPrinter(config.printer);
  } catch (error) {
    io.err(`virtual-printer: cannot listen on ${config.printer.host}:${config.printer.port}: ${(error as Error).message}`);
    return CLI_EXIT.failed;
  }
  const { columns } = config;
  printer.on('job', (job) => formatPrintedJob(job, columns).forEach((line) => io.out(line)));
  printer.on('discarded', ({ connectionId }) => io.out(`=== job from connection ${connectionId} not printed: printer is ${printer.currentMode} ===`));
  printer.on('mode', (mode) => io.out(`--- mode: ${mode} ---`));
  if (config.paperRunsOutAfter !== undefined) await printer.paperRunsOutAfter(config.paperRunsOutAfter);

  io.out(`virtual printer "${printer.name}" on ${printer.url} (mode ${printer.currentMode}, ${printer.decodeOptions.printerType}); Ctrl-C stops it`);
  await io.untilShutdown();
  await printer.close();
  io.out('virtual printer stopped');
  return CLI_EXIT.ok;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  process.exitCode = await runVirtualPrinterCli(process.argv.slice(2));
}
