import { once } from 'node:events';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DLE, ESC, GS, LF } from './escpos-bytes.js';
import { PRINTING_ERRORS } from './printing-errors.js';
import { ascii, hex, within } from './test-fixtures.js';
import { startVirtualPrinter, type VirtualPrinter, type VirtualPrinterMode } from './virtual-printer.js';

const WAIT_MS = 5_000;
const CUT = hex(GS, 0x56, 0x00);
const GS_R_1 = hex(GS, 0x72, 0x01);
const dleEot = (n: number) => hex(DLE, 0x04, n);

/** A bare TCP client: what it writes and the bytes it gets back, one at a time. */
class RawClient {
  private received: number[] = [];
  private readonly closed: Promise<unknown>;
  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.received.push(...chunk));
    this.closed = once(socket, 'close');
  }

  static async connect(port: number): Promise<RawClient> {
    const socket = net.connect(port, '127.0.0.1');
    await within(once(socket, 'connect'), WAIT_MS, 'the connection');
    return new RawClient(socket);
  }

  send(...parts: Buffer[]): void {
    this.socket.write(Buffer.concat(parts));
  }

  /** The next `count` reply bytes. */
  async reply(count: number): Promise<number[]> {
    const deadline = Date.now() + WAIT_MS;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} reply bytes, got ${this.received.length}`);
      await within(once(this.socket, 'data'), WAIT_MS, 'a reply');
    }
    return this.received.splice(0, count);
  }

  async end(): Promise<void> {
    this.socket.end();
    await within(this.closed, WAIT_MS, 'the client to close');
  }
}

let vp: VirtualPrinter;
const clients: RawClient[] = [];

async function client(): Promise<RawClient> {
  const c = await RawClient.connect(vp.port);
  clients.push(c);
  return c;
}

beforeEach(async () => {
  vp = await startVirtualPrinter({ name: 'vp' });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
  await vp.close();
});

describe('virtual printer: status answers', () => {
  it.each<[VirtualPrinterMode, number[]]>([
    // DLE EOT 1 (offline bit 0x08), 2 (cover 0x04, paper-end stop 0x20), 3, 4 (near end 0x0C, end 0x60) — fixed bits 0x12
    ['ok', [0x12, 0x12, 0x12, 0x12]],
    ['paperOut', [0x1a, 0x32, 0x12, 0x7e]],
    ['coverOpen', [0x1a, 0x16, 0x12, 0x12]],
  ])('answers DLE EOT 1–4 in mode %s with the Epson status bytes', async (mode, expected) => {
    await vp.setMode(mode);
    const c = await client();
    c.send(dleEot(1), dleEot(2), dleEot(3), dleEot(4));
    expect(await c.reply(4)).toEqual(expected);
  });

  it('answers a status query at once, before the job it is part of has ended', async () => {
    const c = await client();
    c.send(ascii('half a ticket, no LF yet'), dleEot(1));
    expect(await c.reply(1)).toEqual([0x12]);
    expect(vp.printed).toEqual([]);
  });

  it('answers GS r 1 with paper OK (0x00) or paper end (near-end and end bits, 0x0F)', async () => {
    const c = await client();
    c.send(GS_R_1);
    expect(await c.reply(1)).toEqual([0x00]);
    await vp.setMode('paperOut');
    c.send(GS_R_1);
    expect(await c.reply(1)).toEqual([0x0f]);
  });

  it('leaves GS r unanswered with the cover open (processing stops) while DLE EOT still answers', async () => {
    await vp.setMode('coverOpen');
    const c = await client();
    c.send(GS_R_1, dleEot(2));
    // Answers come in order: had GS r been answered, its byte would come first.
    expect(await c.reply(1)).toEqual([0x16]);
  });

  it('does not answer a DLE EOT that is only image data', async () => {
    await vp.setMode('paperOut');
    const c = await client();
    const imageData = [DLE, 0x04, 0x01, ESC, 0x40, LF];
    c.send(hex(GS, 0x76, 0x30, 0x00, imageData.length, 0x00, 0x01, 0x00, ...imageData), dleEot(2));
    expect(await c.reply(1)).toEqual([0x32]);
  });
});

describe('virtual printer: jobs', () => {
  it('makes a job of each cut and of what follows the last cut when the connection ends', async () => {
    const c = await client();
    c.send(ascii('A\n'), CUT, ascii('B\n'), CUT, ascii('C\n'));
    await c.end();
    const jobs = await vp.waitForJobs(3, WAIT_MS);
    expect(jobs.map((job) => job.decoded.lines.map((l) => l.text))).toEqual([['A'], ['B'], ['C']]);
    expect(jobs.map((job) => job.bytes)).toEqual([Buffer.concat([ascii('A\n'), CUT]), Buffer.concat([ascii('B\n'), CUT]), ascii('C\n')]);
    expect(jobs.map((job) => job.id)).toEqual(['vp#1', 'vp#2', 'vp#3']);
  });

  it('does not make a job of the init and status query after the last cut', async () => {
    const c = await client();
    const disconnected = once(vp, 'disconnect');
    c.send(ascii('A\n'), CUT, hex(ESC, 0x40), GS_R_1);
    expect(await c.reply(1)).toEqual([0x00]);
    await c.end();
    await within(disconnected, WAIT_MS, 'the printer to see the disconnect');
    expect(vp.printed).toHaveLength(1);
  });

  it('emits every status request it answers', async () => {
    const requests: string[] = [];
    vp.on('status-request', (r) => requests.push(`${r.command} ${r.n}`));
    const c = await client();
    c.send(dleEot(4), GS_R_1);
    await c.reply(2);
    expect(requests).toEqual(['DLE EOT 4', 'GS r 1']);
  });

  it('waitForJobs rejects with a named error when the jobs do not come', async () => {
    await expect(vp.waitForJobs(1, 50)).rejects.toMatchObject({ code: PRINTING_ERRORS.WAIT_TIMEOUT });
  });

  it('reset forgets printed jobs and loads paper', async () => {
    const c = await client();
    c.send(ascii('A\n'), CUT);
    await vp.waitForJobs(1, WAIT_MS);
    await vp.paperRunsOutAfter(0);
    expect(vp.currentMode).toBe('paperOut');
    await vp.reset();
    expect(vp.printed).toEqual([]);
    expect(vp.currentMode).toBe('ok');
  });
});
