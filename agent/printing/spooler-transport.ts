import { spawn } from 'node:child_process';
import { printFailure, type PrintOutcome } from './print-outcome.js';
import { PRINTING_ERRORS } from './printing-errors.js';
import {
  powershellInvocation,
  WINDOWS_LIST_PRINTERS_SCRIPT,
  WINDOWS_PRINTER_STATUS_SCRIPT,
  WINDOWS_RAW_PRINT_SCRIPT,
  WINDOWS_SPOOLER_EXIT,
  type Invocation,
} from './windows-spooler.js';

/**
 * `printer:NAME` interfaces: USB and system printers behind the OS spooler — CUPS `lp` on Linux
 * and macOS, the Windows spooler's RAW datatype through a PowerShell helper (windows-spooler.ts).
 *
 * Named limit: the spooler gives no way to ask the printer for `GS r 1`, so such a job counts as
 * done when the spooler accepts it (`confirmedBy: 'spooler'`), not when paper moves.
 */
export interface SpoolerOptions {
  timeoutMs: number;
  /** Defaults to `lp`; tests point it at a stand-in. */
  lpCommand?: string;
  /** Which spooler: Windows' or CUPS (default: this PC's). */
  platform?: NodeJS.Platform;
  /** Defaults to `powershell.exe`; tests point it at a stand-in. */
  powershellCommand?: string;
}

export interface SpoolerStatusOptions {
  timeoutMs: number;
  lpstatCommand?: string;
  platform?: NodeJS.Platform;
  powershellCommand?: string;
}

const isWindows = (platform: NodeJS.Platform | undefined): boolean => (platform ?? process.platform) === 'win32';

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

export function runCommand(command: string, args: string[], input: Buffer | undefined, timeoutMs: number, env: Record<string, string> = {}): Promise<CommandResult> {
  return new Promise((resolve) => {
    const result: CommandResult = { exitCode: null, stdout: '', stderr: '', missing: false, timedOut: false, inputWritten: false };
    // No shell: arguments reach the program as they are.
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env }, windowsHide: true, shell: false });
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

/** What runs for a job: `lp -dNAME -o raw`, or PowerShell's RAW helper on Windows. */
export function spoolerSendInvocation(printerName: string, options: Pick<SpoolerOptions, 'lpCommand' | 'platform' | 'powershellCommand'>): Invocation {
  if (isWindows(options.platform)) return powershellInvocation(WINDOWS_RAW_PRINT_SCRIPT, printerName, options.powershellCommand);
  return { command: options.lpCommand ?? 'lp', args: spoolerArgs.lp(printerName), env: {} };
}

export async function sendToSpooler(printerName: string, bytes: Buffer, options: SpoolerOptions): Promise<PrintOutcome> {
  const windows = isWindows(options.platform);
  // Windows takes any name as data (it never reaches a command line); CUPS' tools would read "-x" as an option.
  const refusal = windows ? undefined : spoolerNameRefusal(printerName);
  if (refusal) return printFailure('refused', false, 0, refusal, PRINTING_ERRORS.INTERFACE_INVALID);
  const { command: lp, args, env } = spoolerSendInvocation(printerName, options);
  const result = await runCommand(lp, args, bytes, options.timeoutMs, env);
  if (result.missing) {
    const install = windows ? 'Windows PowerShell is needed to print to printer:NAME' : 'install the CUPS client (cups-bsd / cups-client)';
    return printFailure('refused', false, 0, `"${lp}" not found: ${install} or use a tcp:// printer`, PRINTING_ERRORS.SPOOLER_NOT_FOUND);
  }
  if (result.timedOut) {
    // The spooler may or may not have queued it: not safe to repeat blindly.
    return printFailure('timeout', result.inputWritten ? 'all' : 'partial', result.inputWritten ? bytes.length : 0, `${lp} did not finish in ${options.timeoutMs} ms`);
  }
  if (windows && result.exitCode === WINDOWS_SPOOLER_EXIT.incomplete) {
    // WritePrinter took part of the job: it may print partly, so it is not repeated blindly.
    return printFailure('partlySent', 'partial', 0, result.stderr.trim().slice(0, MAX_STDERR_CHARS));
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
  if (isWindows(options.platform)) return queryWindowsPrinter(printerName, options);
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

/** Get-Printer's PrinterStatus: 0 is Normal; anything else (paused, error, offline…) is not ready. */
const WINDOWS_STATUS_NORMAL = 0;

async function queryWindowsPrinter(printerName: string, options: SpoolerStatusOptions): Promise<SpoolerPrinterState> {
  const { command, args, env } = powershellInvocation(WINDOWS_PRINTER_STATUS_SCRIPT, printerName, options.powershellCommand);
  const result = await runCommand(command, args, undefined, options.timeoutMs, env);
  if (result.missing) return { online: false, message: `"${command}" not found: Windows PowerShell is needed for printer:${printerName}` };
  if (result.timedOut) return { online: false, message: `PowerShell did not answer in ${options.timeoutMs} ms` };
  if (result.exitCode !== 0) return { online: false, message: result.stderr.trim().slice(0, MAX_STDERR_CHARS) || `printer ${printerName} is unknown to the spooler` };
  try {
    const printer = JSON.parse(result.stdout) as { PrinterStatus?: number; PortName?: string };
    const online = printer.PrinterStatus === WINDOWS_STATUS_NORMAL;
    return { online, message: `spooler status ${printer.PrinterStatus ?? '?'} on ${printer.PortName ?? '?'} (spooler status only: paper and cover cannot be read)` };
  } catch {
    return { online: false, message: 'Get-Printer gave an answer that is not JSON' };
  }
}

export interface SystemPrinter {
  name: string;
  /** What the spooler says about it: its port (Windows) or device URI (CUPS), when known. */
  detail?: string;
}

/** The printers of this PC's spooler, for Settings: `lpstat -v` (CUPS) or Get-Printer (Windows). */
export async function listSpoolerPrinters(options: Omit<SpoolerStatusOptions, 'timeoutMs'> & { timeoutMs?: number } = {}): Promise<{ printers: SystemPrinter[]; error?: string }> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  if (isWindows(options.platform)) {
    const { command, args, env } = powershellInvocation(WINDOWS_LIST_PRINTERS_SCRIPT, undefined, options.powershellCommand);
    const result = await runCommand(command, args, undefined, timeoutMs, env);
    if (result.exitCode !== 0) return { printers: [], error: result.missing ? 'Windows PowerShell was not found' : result.stderr.trim().slice(0, MAX_STDERR_CHARS) };
    try {
      const listed = JSON.parse(result.stdout || '[]') as { Name: string; PortName?: string; DriverName?: string }[];
      return { printers: listed.map((p) => ({ name: p.Name, ...(p.PortName ? { detail: `${p.PortName}${p.DriverName ? `, ${p.DriverName}` : ''}` } : {}) })) };
    } catch {
      return { printers: [], error: 'Get-Printer gave an answer that is not JSON' };
    }
  }
  const lpstat = options.lpstatCommand ?? 'lpstat';
  const result = await runCommand(lpstat, ['-v'], undefined, timeoutMs);
  if (result.missing) return { printers: [], error: `"${lpstat}" not found: install the CUPS client to list this PC's printers` };
  if (result.exitCode !== 0) return { printers: [], error: result.stderr.trim().slice(0, MAX_STDERR_CHARS) || `${lpstat} failed` };
  // "device for NAME: URI" (CUPS prints one line per destination).
  const printers = result.stdout
    .split('\n')
    .map((line) => /^device for (.+?): (.*)$/u.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ name: match[1]!, detail: match[2]! }));
  return { printers };
}
