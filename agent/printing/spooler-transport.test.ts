import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPrinterStatus, sendToPrinter } from './printer-transport.js';
import { PRINTING_ERRORS } from './printing-errors.js';
import { hex } from './test-fixtures.js';

/**
 * `printer:NAME` through the OS spooler. The machine has no CUPS, so small shell scripts stand in
 * for `lp` / `lpstat` and record what they were given.
 */
const OPTIONS = { connectTimeoutMs: 1_000, answerTimeoutMs: 5_000 } as const;
const EXECUTABLE = 0o755;

let dir: string;

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, EXECUTABLE);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ticketrail-spooler-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('spooler printers (printer:NAME)', () => {
  it('hands the bytes to `lp -d NAME -o raw` and counts acceptance as done', async () => {
    const lp = script('lp-ok', `printf '%s\\n' "$@" > "${dir}/args.txt"\ncat > "${dir}/job.bin"`);
    const bytes = hex(0x1b, 0x40, 0x41, 0x0a, 0x00, 0xff, 0x1d, 0x56, 0x00);
    const outcome = await sendToPrinter('printer:Kitchen USB', bytes, { ...OPTIONS, lpCommand: lp });
    expect(outcome).toMatchObject({ ok: true, confirmedBy: 'spooler', bytesSent: bytes.length });
    expect(readFileSync(join(dir, 'args.txt'), 'utf8').split('\n')).toEqual(['-d', 'Kitchen USB', '-o', 'raw', '']);
    expect(readFileSync(join(dir, 'job.bin'))).toEqual(bytes);
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
    const idle = script('lpstat-idle', `echo "printer $2 is idle.  enabled since Mon 01 Jan 2025"`);
    expect(await queryPrinterStatus('printer:Kitchen', { lpstatCommand: idle })).toMatchObject({
      online: true,
      paperOut: false,
      coverOpen: false,
      message: expect.stringContaining('paper and cover cannot be read'),
    });
    const disabled = script('lpstat-disabled', `echo "printer $2 disabled since Mon 01 Jan 2025 -"`);
    expect(await queryPrinterStatus('printer:Kitchen', { lpstatCommand: disabled })).toMatchObject({ online: false });
  });
});
