import { spawn } from 'node:child_process';
import { printFailure, type PrintOutcome } from './print-outcome.js';
import { PRINTING_ERRORS } from './printing-errors.js';

/**
 * `printer:NAME` interfaces: USB and system printers behind the OS spooler (CUPS `lp`).
 *
 * Named limit: the spooler gives no way to ask the printer for `GS r 1`, so such a job counts as
 * done when the spooler accepts it (`confirmedBy: 'spooler'`), not when paper moves.
 */
export interface SpoolerOptions {
  timeoutMs: number;
  /** Defaults to `lp`; tests point it at a stand-in. */
  lpCommand?: string;
}

export interface SpoolerStatusOptions {
  timeoutMs: number;
  lpstatCommand?: string;
}

const MAX_STDERR_CHARS = 300;

/**
 * The spooler commands' arguments. The name always travels joined to its option (`-dNAME`,
 * `-pNAME`), never as an argument of its own, because of how CUPS reads them:
 * - `lpstat -p X` takes X as the printer only when X does not start with "-"; otherwise it lists
 *   every printer and then parses X as options (`-hHOST` would query another print server).
 *   lpstat has no `--` (it answers "unknown option"), so `--` cannot help there.
 * - `lp -d X` takes the next argument whatever it starts with, and lp does accept `--`, but it
 *   ends only the options before file operands; we pass none (the job is on stdin), so `--` would
 *   guard nothing. `-dNAME` is used for the same reading everywhere.
 * Joined, whatever follows `-d` / `-p` is the value. The schema (common/settings.ts) and
 * spoolerNameRefusal below also refuse a name starting with "-", so no parser can take it for an
 * option.
 */
const spoolerArgs = {
  lp: (printerName: string): string[] => [`-d${printerName}`, '-o', 'raw'],
  lpstat: (printerName: string): string[] => [`-p${printerName}`],
};

/** Why a name must not reach the spooler, or undefined when it may. */
function spoolerNameRefusal(printerName: string): string | undefined {
  if (printerName.startsWith('-')) return `printer name "${printerName}" starts with "-": the spooler would read it as an option`;
  return undefined;
}

interface CommandResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The command was not found (ENOENT). */
  missing: boolean;
  timedOut: boolean;
  inputWritten: boolean;
}

function runCommand(command: string, args: string[], input: Buffer | undefined, timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve) => {
    const result: CommandResult = { exitCode: null, stdout: '', stderr: '', missing: false, timedOut: false, inputWritten: false };
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      result.timedOut = true;
      child.kill();
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (result.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (result.stderr += chunk.toString()));
    // lp may exit before reading everything; the exit code tells what happened.
    child.stdin.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => {
      result.missing = error.code === 'ENOENT';
      result.stderr ||= error.message;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      result.exitCode = code;
      resolve(result);
    });
    child.stdin.end(input ?? Buffer.alloc(0), () => (result.inputWritten = true));
  });
}

export async function sendToSpooler(printerName: string, bytes: Buffer, options: SpoolerOptions): Promise<PrintOutcome> {
  const refusal = spoolerNameRefusal(printerName);
  if (refusal) return printFailure('refused', false, 0, refusal, PRINTING_ERRORS.INTERFACE_INVALID);
  const lp = options.lpCommand ?? 'lp';
  const result = await runCommand(lp, spoolerArgs.lp(printerName), bytes, options.timeoutMs);
  if (result.missing) {
    return printFailure('refused', false, 0, `"${lp}" not found: install the CUPS client (cups-bsd / cups-client) or use a tcp:// printer`, PRINTING_ERRORS.SPOOLER_NOT_FOUND);
  }
  if (result.timedOut) {
    // The spooler may or may not have queued it: not safe to repeat blindly.
    return printFailure('timeout', result.inputWritten ? 'all' : 'partial', result.inputWritten ? bytes.length : 0, `${lp} did not finish in ${options.timeoutMs} ms`);
  }
  if (result.exitCode !== 0) {
    const why = result.stderr.trim().slice(0, MAX_STDERR_CHARS) || `exit code ${result.exitCode}`;
    return printFailure('refused', false, 0, `the spooler rejected the job: ${why}`, PRINTING_ERRORS.SPOOLER_REJECTED);
  }
  return { ok: true, printedAt: new Date().toISOString(), bytesSent: bytes.length, confirmedBy: 'spooler', paperNearEnd: false };
}

export interface SpoolerPrinterState {
  online: boolean;
  message: string;
}

/** What the spooler knows (enabled / disabled); paper and cover are invisible through it. */
export async function querySpoolerPrinter(printerName: string, options: SpoolerStatusOptions): Promise<SpoolerPrinterState> {
  const refusal = spoolerNameRefusal(printerName);
  if (refusal) return { online: false, message: refusal };
  const lpstat = options.lpstatCommand ?? 'lpstat';
  const result = await runCommand(lpstat, spoolerArgs.lpstat(printerName), undefined, options.timeoutMs);
  if (result.missing) return { online: false, message: `"${lpstat}" not found: install the CUPS client to use printer:${printerName}` };
  if (result.timedOut) return { online: false, message: `${lpstat} did not answer in ${options.timeoutMs} ms` };
  if (result.exitCode !== 0) return { online: false, message: result.stderr.trim().slice(0, MAX_STDERR_CHARS) || `printer ${printerName} is unknown to the spooler` };
  const disabled = /\bdisabled\b/iu.test(result.stdout);
  const state = result.stdout.trim().split('\n')[0] ?? '';
  return { online: !disabled, message: `${state} (spooler status only: paper and cover cannot be read)` };
}
