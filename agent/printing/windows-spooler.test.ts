import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPrinterStatus, sendToPrinter } from './printer-transport.js';
import { listSpoolerPrinters, spoolerSendInvocation } from './spooler-transport.js';
import { hex } from './test-fixtures.js';
import { POWERSHELL, PRINTER_NAME_VARIABLE, WINDOWS_RAW_PRINT_SCRIPT, WINDOWS_SPOOLER_EXIT } from './windows-spooler.js';

/**
 * `printer:NAME` on Windows. No Windows PC is here, so these tests pin the exact invocation (and a
 * stand-in for powershell.exe records what it was given); docs/printing.md says how to check the
 * helper itself on a Windows PC.
 */
const OPTIONS = { connectTimeoutMs: 1_000, answerTimeoutMs: 5_000, platform: 'win32' } as const;
const NASTY_NAMES = ['EPSON TM-T20III Receipt', `Bar "front" printer`, `Kitchen's $(Stop-Computer) ; & | -x`, '-EncodedCommand AAAA'];

let dir: string;

/** A stand-in for powershell.exe that records its arguments, the printer variable and stdin. */
function fakePowershell(exitCode = 0, stdout = ''): string {
  const path = join(dir, `powershell-${exitCode}.sh`);
  writeFileSync(
    path,
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args.txt"\nprintf '%s' "$${PRINTER_NAME_VARIABLE}" > "${dir}/name.txt"\ncat > "${dir}/stdin.bin"\nprintf '%s' '${stdout}'\n[ ${exitCode} -eq 0 ] || echo "the spooler refused the job (Windows error 1801)" >&2\nexit ${exitCode}\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

const decodeScript = (args: string[]): string => Buffer.from(args.at(-1)!, 'base64').toString('utf16le');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ticketrail-winspool-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('Windows spooler (printer:NAME, RAW datatype)', () => {
  it('runs powershell.exe with fixed arguments: the script encoded, the name only in the environment', () => {
    for (const name of NASTY_NAMES) {
      const invocation = spoolerSendInvocation(name, { platform: 'win32' });
      expect(invocation.command).toBe(POWERSHELL);
      expect(invocation.args.slice(0, -1)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
      expect(decodeScript(invocation.args)).toBe(WINDOWS_RAW_PRINT_SCRIPT);
      expect(invocation.args.join(' ')).not.toContain(name);
      expect(invocation.env).toEqual({ [PRINTER_NAME_VARIABLE]: name });
    }
  });

  it('prints through OpenPrinter / StartDocPrinter with the RAW datatype / WritePrinter, reading the name from the environment', () => {
    const script = WINDOWS_RAW_PRINT_SCRIPT;
    for (const call of ['OpenPrinter', 'StartDocPrinter', 'StartPagePrinter', 'WritePrinter', 'EndPagePrinter', 'EndDocPrinter', 'ClosePrinter']) {
      expect(script).toContain(`[TicketRailRawPrinter]::${call}(`);
    }
    expect(script).toContain(`$doc.pDatatype = 'RAW'`);
    expect(script).toContain(`$name = $env:${PRINTER_NAME_VARIABLE}`);
    expect(script).toContain('[Console]::OpenStandardInput()');
    // The script is a constant: no printer name, path or byte of a job is ever spliced into it.
    expect(script).not.toMatch(/\$\{|`/u);
  });

  it('hands the bytes over on stdin and counts the spooler accepting them as done (the printer cannot answer through it)', async () => {
    const bytes = hex(0x1b, 0x40, 0x41, 0x0a, 0x00, 0xff, 0x1d, 0x56, 0x00, 0x22, 0x27);
    for (const name of NASTY_NAMES) {
      const outcome = await sendToPrinter(`printer:${name}`, bytes, { ...OPTIONS, powershellCommand: fakePowershell() });
      expect(outcome, name).toMatchObject({ ok: true, confirmedBy: 'spooler', bytesSent: bytes.length });
      expect(readFileSync(join(dir, 'name.txt'), 'utf8')).toBe(name);
      expect(readFileSync(join(dir, 'stdin.bin'))).toEqual(bytes);
      expect(decodeScript(readFileSync(join(dir, 'args.txt'), 'utf8').split('\n').slice(0, -1))).toBe(WINDOWS_RAW_PRINT_SCRIPT);
    }
  });

  it('reports a refusal with the helper message, and a partial write as "may have partly printed"', async () => {
    const refused = await sendToPrinter('printer:Kitchen', hex(0x41), { ...OPTIONS, powershellCommand: fakePowershell(WINDOWS_SPOOLER_EXIT.spoolerRefused) });
    expect(refused).toMatchObject({ ok: false, reason: 'refused', sent: false });
    expect(refused.ok ? '' : refused.message).toContain('Windows error 1801');
    const partial = await sendToPrinter('printer:Kitchen', hex(0x41), { ...OPTIONS, powershellCommand: fakePowershell(WINDOWS_SPOOLER_EXIT.incomplete) });
    expect(partial).toMatchObject({ ok: false, reason: 'partlySent', sent: 'partial' });
  });

  it('lists the spooler printers (Get-Printer) and reads one printer status', async () => {
    const listing = JSON.stringify([{ Name: 'EPSON TM-T20III', PortName: 'USB001', DriverName: 'EPSON TM-T20III Receipt5', PrinterStatus: 0 }]);
    const listed = await listSpoolerPrinters({ platform: 'win32', powershellCommand: fakePowershell(0, listing) });
    expect(listed).toEqual({ printers: [{ name: 'EPSON TM-T20III', detail: 'USB001, EPSON TM-T20III Receipt5' }] });
    const status = JSON.stringify({ Name: 'EPSON TM-T20III', PrinterStatus: 0, PortName: 'USB001' });
    expect(await queryPrinterStatus('printer:EPSON TM-T20III', { platform: 'win32', powershellCommand: fakePowershell(0, status) })).toMatchObject({
      online: true,
      message: expect.stringContaining('paper and cover cannot be read'),
    });
    expect(readFileSync(join(dir, 'name.txt'), 'utf8')).toBe('EPSON TM-T20III');
  });
});
