import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPrinterStatus, sendToPrinter } from './printer-transport.js';
import { listSpoolerPrinters } from './spooler-transport.js';
import { PRINTING_ERRORS } from './printing-errors.js';
import { hex } from './test-fixtures.js';

/**
 * `printer:NAME` through the OS spooler. The machine has no CUPS, so small shell scripts stand in
 * for `lp` / `lpstat` and record what they were given.
 */
const OPTIONS = { connectTimeoutMs: 1_000, answerTimeoutMs: 5_000 } as const;
const EXECUTABLE = 0o755;

let dir: string;
/** Holds stand-ins named `lp` and `lpstat`, put first in PATH: the transport runs them by their own names. */
let binDir: string;
let originalPath: string | undefined;

function script(name: string, body: string, where = dir): string {
  const path = join(where, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, EXECUTABLE);
  return path;
}

/** The arguments a stand-in recorded, one per line; undefined when it never ran. */
function recordedArgs(file: string): string[] | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(0, -1) : undefined;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ticketrail-spooler-'));
  binDir = join(dir, 'bin');
  mkdirSync(binDir);
  originalPath = process.env.PATH;
  process.env.PATH = `${binDir}${delimiter}${originalPath ?? ''}`;
});

afterAll(() => {
  process.env.PATH = originalPath;
  rmSync(dir, { recursive: true, force: true });
});

describe('spooler printers (printer:NAME)', () => {
  it('runs `lp -dNAME -o raw` from PATH with the bytes on stdin, and counts acceptance as done', async () => {
    const args = join(dir, 'lp-args.txt');
    script('lp', `printf '%s\\n' "$@" > "${args}"\ncat > "${dir}/job.bin"`, binDir);
    const bytes = hex(0x1b, 0x40, 0x41, 0x0a, 0x00, 0xff, 0x1d, 0x56, 0x00);
    const outcome = await sendToPrinter('printer:Kitchen_USB', bytes, OPTIONS);
    expect(outcome).toMatchObject({ ok: true, confirmedBy: 'spooler', bytesSent: bytes.length });
    // The name is joined to -d: whatever it holds, no lp reads it as an option of its own.
    expect(recordedArgs(args)).toEqual(['-dKitchen_USB', '-o', 'raw']);
    expect(readFileSync(join(dir, 'job.bin'))).toEqual(bytes);
  });

  it('asks `lpstat -pNAME` from PATH', async () => {
    const args = join(dir, 'lpstat-args.txt');
    script('lpstat', `printf '%s\\n' "$@" > "${args}"\necho "printer \${1#-p} is idle.  enabled since Mon 01 Jan 2025"`, binDir);
    expect(await queryPrinterStatus('printer:Kitchen_USB')).toMatchObject({ online: true, message: expect.stringContaining('printer Kitchen_USB is idle') });
    expect(recordedArgs(args)).toEqual(['-pKitchen_USB']);
  });

  it('never runs lp or lpstat for a name that starts with "-"', async () => {
    const ran = join(dir, 'dash-ran.txt');
    const recorder = script('record-run', `printf '%s\\n' "$@" >> "${ran}"\ncat > /dev/null`);
    const outcome = await sendToPrinter('printer:-hattacker.example', hex(0x41), { ...OPTIONS, lpCommand: recorder });
    expect(outcome).toMatchObject({ ok: false, reason: 'refused', sent: false, code: PRINTING_ERRORS.INTERFACE_INVALID });
    expect(outcome.ok ? '' : outcome.message).toContain('starts with "-"');
    const status = await queryPrinterStatus('printer:-oraw', { lpstatCommand: recorder });
    expect(status).toMatchObject({ online: false, message: expect.stringContaining('starts with "-"') });
    // Both calls have returned: a stand-in started by either would have written its arguments by now.
    expect(recordedArgs(ran)).toBeUndefined();
  });

  it('reports a missing lp clearly, with nothing sent', async () => {
    const outcome = await sendToPrinter('printer:Kitchen', hex(0x41), { ...OPTIONS, lpCommand: join(dir, 'no-such-lp') });
    expect(outcome).toMatchObject({ ok: false, reason: 'refused', sent: false, code: PRINTING_ERRORS.SPOOLER_NOT_FOUND });
    expect(outcome.ok ? '' : outcome.message).toContain('not found');
  });

  it('reports a job the spooler rejects, with its message', async () => {
    const lp = script('lp-reject', `cat > /dev/null\necho "lp: The printer or class does not exist." >&2\nexit 1`);
    const outcome = await sendToPrinter('printer:Nope', hex(0x41), { ...OPTIONS, lpCommand: lp });
    expect(outcome).toMatchObject({ ok: false, reason: 'refused', sent: false, code: PRINTING_ERRORS.SPOOLER_REJECTED });
    expect(outcome.ok ? '' : outcome.message).toContain('does not exist');
  });

  it('reads enabled / disabled from lpstat, and says paper and cover cannot be seen', async () => {
    const idle = script('lpstat-idle', `echo "printer \${1#-p} is idle.  enabled since Mon 01 Jan 2025"`);
    expect(await queryPrinterStatus('printer:Kitchen', { lpstatCommand: idle })).toMatchObject({
      online: true,
      paperOut: false,
      coverOpen: false,
      message: expect.stringContaining('paper and cover cannot be read'),
    });
    const disabled = script('lpstat-disabled', `echo "printer \${1#-p} disabled since Mon 01 Jan 2025 -"`);
    expect(await queryPrinterStatus('printer:Kitchen', { lpstatCommand: disabled })).toMatchObject({ online: false });
  });

  it('lists this PC printers for Settings from `lpstat -v`, names with spaces whole, and says when CUPS is missing', async () => {
    const args = join(dir, 'lpstat-v-args.txt');
    const listing = script(
      'lpstat-list',
      `printf '%s\\n' "$@" > "${args}"\necho "device for Kitchen Epson: usb://EPSON/TM-T20III?serial=X5K1"\necho "device for Bar: socket://192.168.1.40:9100"\necho "system default destination: Bar"`,
    );
    expect(await listSpoolerPrinters({ lpstatCommand: listing })).toEqual({
      printers: [
        { name: 'Kitchen Epson', detail: 'usb://EPSON/TM-T20III?serial=X5K1' },
        { name: 'Bar', detail: 'socket://192.168.1.40:9100' },
      ],
    });
    expect(recordedArgs(args)).toEqual(['-v']);
    expect(await listSpoolerPrinters({ lpstatCommand: join(dir, 'no-such-lpstat') })).toMatchObject({ printers: [], error: expect.stringContaining('install the CUPS client') });
  });
});
