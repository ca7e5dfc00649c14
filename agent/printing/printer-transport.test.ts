import { once } from 'node:events';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRINT_FAILURE_REASONS } from '../../common/print-job.js';
import { DLE_EOT_OFFLINE_CAUSE, DLE_EOT_PAPER_SENSOR, DLE_EOT_PRINTER } from './escpos-bytes.js';
import { EscPosDecoder } from './escpos-decoder.js';
import { queryPrinterStatus, sendToPrinter, type PrintOutcome } from './printer-transport.js';
import { PRINTING_ERRORS } from './printing-errors.js';
import { FIXED_NOW, kitchenOrder, printerSettings, UTC, within } from './test-fixtures.js';
import { renderKitchenTicket } from './ticket-renderer.js';
import { startVirtualPrinter, type VirtualPrinter, type VirtualPrinterMode } from './virtual-printer.js';

/** Waits generous enough for a loaded 2-core machine where an answer is expected. */
const SEND = { connectTimeoutMs: 3_000, answerTimeoutMs: 3_000 } as const;
/** Short answer timeouts where the test expects silence. */
const IMPATIENT = { connectTimeoutMs: 3_000, answerTimeoutMs: 300 } as const;
/** Where silence must time out first and a later question must still be answered, under load too. */
const SILENCE_THEN_ANSWER = { connectTimeoutMs: 3_000, answerTimeoutMs: 1_000 } as const;
const NO_PRECHECK = { checkStatusFirst: false } as const;
const WAIT_MS = 5_000;
/** Larger than loopback socket buffers (about 4 MB here), so a printer that never reads gets only part. */
const LARGER_THAN_SOCKET_BUFFERS = 16 * 1024 * 1024;

const PRECHECK_QUERY = Buffer.concat([DLE_EOT_PRINTER, DLE_EOT_OFFLINE_CAUSE, DLE_EOT_PAPER_SENSOR]);

function ticket(jobId = 'job-1', overrides: Parameters<typeof printerSettings>[0] = {}): Buffer {
  return renderKitchenTicket(kitchenOrder(), { jobId, station: 'kitchen' }, printerSettings(overrides), FIXED_NOW, UTC);
}

const summary = (o: PrintOutcome) => (o.ok ? 'ok' : `${o.reason}/${String(o.sent)}`);

let vp: VirtualPrinter;

beforeEach(async () => {
  vp = await startVirtualPrinter({ name: 'test-printer' });
});

afterEach(async () => {
  await vp.close();
});

describe('sendToPrinter against the virtual printer', () => {
  it('ok: done when the printer answers GS r 1, and the job is recorded once', async () => {
    const bytes = ticket();
    const disconnected = once(vp, 'disconnect');
    const outcome = await sendToPrinter(vp.url, bytes, SEND);
    expect(outcome).toMatchObject({ ok: true, confirmedBy: 'printer', bytesSent: bytes.length, paperNearEnd: false });
    await within(disconnected, WAIT_MS, 'the connection to close');
    expect(vp.printed).toHaveLength(1);
    // The job is what came in up to the cut: the status query first, the ticket without the ESC @ after the cut.
    expect(vp.printed[0]!.bytes).toEqual(Buffer.concat([PRECHECK_QUERY, bytes.subarray(0, -2)]));
    expect(vp.printed[0]!.decoded.lines.map((l) => l.text)).toContain('2 x Margherita');
    expect(vp.printed[0]!.decoded.statusRequests).toEqual([1, 2, 4].map((n) => ({ command: 'DLE EOT', n })));
  });

  it('records each cut of one send as its own job', async () => {
    const outcome = await sendToPrinter(vp.url, Buffer.concat([ticket('job-a'), ticket('job-b')]), SEND);
    expect(outcome.ok).toBe(true);
    expect(vp.printed.map((job) => job.decoded.lines.at(-1)?.text)).toEqual(['job-a - printed 12:40', 'job-b - printed 12:40']);
  });

  it('paperOut: the status check stops the job before any byte is sent', async () => {
    await vp.setMode('paperOut');
    const outcome = await sendToPrinter(vp.url, ticket(), SEND);
    expect(outcome).toMatchObject({ ok: false, reason: 'paperOut', sent: false, bytesSent: 0 });
    expect(outcome.ok ? '' : outcome.message).toContain(PRINT_FAILURE_REASONS.paperOut);
    expect(vp.printed).toEqual([]);
    expect(vp.discardedJobs).toBe(0);
  });

  it('paperOut without the status check: GS r 1 reports paper end after the job was sent', async () => {
    await vp.setMode('paperOut');
    const bytes = ticket();
    const outcome = await sendToPrinter(vp.url, bytes, { ...SEND, ...NO_PRECHECK });
    expect(outcome).toMatchObject({ ok: false, reason: 'paperOut', sent: 'all', bytesSent: bytes.length });
    expect(vp.printed).toEqual([]);
    expect(vp.discardedJobs).toBe(1);
  });

  it('coverOpen: refused before sending; after sending, the silent printer is asked why', async () => {
    await vp.setMode('coverOpen');
    expect(await sendToPrinter(vp.url, ticket(), SEND)).toMatchObject({ ok: false, reason: 'coverOpen', sent: false });
    // An open cover stops processing, so GS r 1 goes unanswered; DLE EOT 2 (real-time) tells why.
    const after = await sendToPrinter(vp.url, ticket(), { ...SILENCE_THEN_ANSWER, ...NO_PRECHECK });
    expect(after).toMatchObject({ ok: false, reason: 'coverOpen', sent: 'all' });
    expect(vp.printed).toEqual([]);
  });

  it('busy: a printer that accepts but never reads times out before anything is sent', async () => {
    await vp.setMode('busy');
    expect(await sendToPrinter(vp.url, ticket(), IMPATIENT)).toMatchObject({ ok: false, reason: 'timeout', sent: false, bytesSent: 0 });
  });

  it('busy: a large job gets only partly out, and says so', async () => {
    await vp.setMode('busy');
    const bytes = Buffer.alloc(LARGER_THAN_SOCKET_BUFFERS, 0x41);
    const outcome = await sendToPrinter(vp.url, bytes, { ...IMPATIENT, ...NO_PRECHECK });
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout', sent: 'partial' });
    expect(outcome.bytesSent).toBeGreaterThan(0);
    expect(outcome.bytesSent).toBeLessThan(bytes.length);
  });

  it('busy: a small job gets all out but unconfirmed — and prints once the printer catches up', async () => {
    await vp.setMode('busy');
    const outcome = await sendToPrinter(vp.url, ticket(), { ...IMPATIENT, ...NO_PRECHECK });
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout', sent: 'all' });
    expect(vp.printed).toEqual([]);
    const printed = vp.waitForJobs(1, WAIT_MS);
    await vp.setMode('ok');
    // Why a timeout with everything sent must never be retried blindly: the ticket is on paper now.
    expect((await printed).map((job) => job.decoded.cuts)).toEqual([1]);
  });

  it('refusing: connection refused, nothing sent; the printer takes jobs again on the same port', async () => {
    const port = vp.port;
    await vp.setMode('refusing');
    const outcome = await sendToPrinter(vp.url, ticket(), SEND);
    expect(outcome).toMatchObject({ ok: false, reason: 'refused', sent: false, bytesSent: 0, code: PRINTING_ERRORS.CONNECTION_FAILED });
    await vp.setMode('ok');
    expect(vp.port).toBe(port);
    expect((await sendToPrinter(vp.url, ticket(), SEND)).ok).toBe(true);
    expect(vp.printed).toHaveLength(1);
  });

  it('paper runs out mid-run: the first jobs print, the next is cut short, later ones are refused', async () => {
    await vp.paperRunsOutAfter(2);
    const outcomes: PrintOutcome[] = [];
    for (const id of ['j1', 'j2', 'j3', 'j4']) outcomes.push(await sendToPrinter(vp.url, ticket(id), SEND));
    expect(outcomes.map(summary)).toEqual(['ok', 'ok', 'paperOut/all', 'paperOut/false']);
    expect(vp.printed.map((job) => job.decoded.lines.at(-1)?.text)).toEqual(['j1 - printed 12:40', 'j2 - printed 12:40']);
    expect(vp.discardedJobs).toBe(1);
    expect(vp.currentMode).toBe('paperOut');
  });

  it('paper runs out inside one send: paperOut with everything sent', async () => {
    await vp.paperRunsOutAfter(1);
    const outcome = await sendToPrinter(vp.url, Buffer.concat([ticket('copy-1'), ticket('copy-2')]), SEND);
    expect(outcome).toMatchObject({ ok: false, reason: 'paperOut', sent: 'all' });
    expect(vp.printed).toHaveLength(1);
    expect(vp.discardedJobs).toBe(1);
  });

  it('works with a Star printer in Star Line Mode (ESC d cuts)', async () => {
    const star = await startVirtualPrinter({ printerType: 'STAR' });
    try {
      const outcome = await sendToPrinter(star.url, ticket('star-1', { type: 'STAR' }), SEND);
      expect(outcome.ok).toBe(true);
      expect(star.printed).toHaveLength(1);
      expect(star.printed[0]!.decoded).toMatchObject({ cuts: 1, unknownBytes: 0 });
    } finally {
      await star.close();
    }
  });
});

describe('queryPrinterStatus', () => {
  it.each<[VirtualPrinterMode, { online: boolean; paperOut: boolean; coverOpen: boolean; message: string }]>([
    ['ok', { online: true, paperOut: false, coverOpen: false, message: 'ready' }],
    ['paperOut', { online: false, paperOut: true, coverOpen: false, message: 'out of paper' }],
    ['coverOpen', { online: false, paperOut: false, coverOpen: true, message: 'cover open' }],
  ])('reflects mode %s through DLE EOT 1/2/4', async (mode, expected) => {
    await vp.setMode(mode);
    expect(await queryPrinterStatus(vp.url, SEND)).toEqual(expected);
  });

  it('reports a busy printer and a refusing one as offline with the reason', async () => {
    await vp.setMode('busy');
    expect(await queryPrinterStatus(vp.url, IMPATIENT)).toMatchObject({ online: false, message: expect.stringContaining('does not answer') });
    await vp.setMode('refusing');
    expect(await queryPrinterStatus(vp.url, IMPATIENT)).toMatchObject({ online: false, message: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('sendToPrinter against printers that hang up', () => {
  async function withServer(onConnection: (socket: net.Socket) => void, run: (url: string) => Promise<void>): Promise<void> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      onConnection(socket);
    });
    server.listen(0, '127.0.0.1');
    await within(once(server, 'listening'), WAIT_MS, 'the test server');
    try {
      await run(`tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`);
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  }

  it('a printer that hangs up before the job: refused, nothing sent', async () => {
    await withServer((socket) => socket.destroy(), async (url) => {
      expect(await sendToPrinter(url, ticket(), SEND)).toMatchObject({ ok: false, reason: 'refused', sent: false, bytesSent: 0 });
    });
  });

  it('a printer that hangs up while reading: partlySent, never safe to retry', async () => {
    await withServer((socket) => socket.once('data', () => socket.destroy()), async (url) => {
      const outcome = await sendToPrinter(url, Buffer.alloc(1024 * 1024, 0x41), { ...SEND, ...NO_PRECHECK });
      expect(outcome).toMatchObject({ ok: false, reason: 'partlySent' });
      expect(outcome.ok ? undefined : outcome.sent).not.toBe(false);
    });
  });

  it('a printer that answers DLE EOT 1 and 2 but not 4 still gets its job', async () => {
    const answerSome = (socket: net.Socket): void => {
      const decoder = new EscPosDecoder({}, {
        onStatusRequest: ({ command, n }) => {
          if (command === 'DLE EOT' && n <= 2) socket.write(Buffer.from([0x12]));
          if (command === 'GS r') socket.write(Buffer.from([0x00]));
        },
      });
      socket.on('data', (chunk: Buffer) => decoder.push(chunk));
    };
    await withServer(answerSome, async (url) => {
      expect(await sendToPrinter(url, ticket(), SILENCE_THEN_ANSWER)).toMatchObject({ ok: true, confirmedBy: 'printer' });
    });
  });

  it('refuses an interface it cannot parse, without trying', async () => {
    expect(await sendToPrinter('lpt1', ticket(), SEND)).toMatchObject({ ok: false, reason: 'refused', sent: false, code: PRINTING_ERRORS.INTERFACE_INVALID });
  });
});
