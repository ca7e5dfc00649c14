/**
 * Baselines for `bench:agent` (issue 25): what the machine does with the same bytes and no agent,
 * measured in the same run as the agent so the ratio, not the absolute time, is the figure.
 *
 * - Ticket to paper: the bytes of a ticket the agent printed, written straight to the same virtual
 *   printer by a bare client (a connection each, as the agent opens one per job), from the write to
 *   the printer's `job` event for its last byte.
 * - Ingest to card: the same POS ticket written to a bare TCP echo server in a process of its own
 *   (as the agent is), from the last byte written to the last byte echoed back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { PrintedJob, VirtualPrinter } from '../../agent/printing/virtual-printer.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Rate {
  perSecond: number;
  seconds: number;
}

/** `bytes` written at `rate`, one connection each, one at a time: latency of each to the printer's job event. */
export async function bareTicketToPaper(printer: VirtualPrinter, bytes: Buffer, rate: Rate): Promise<number[]> {
  const samples: number[] = [];
  const count = rate.perSecond * rate.seconds;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = started + (i * 1000) / rate.perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    const printed = new Promise<number>((resolve) => {
      const onJob = (_job: PrintedJob) => {
        printer.off('job', onJob);
        resolve(performance.now());
      };
      printer.on('job', onJob);
    });
    const sent = await new Promise<number>((resolve, reject) => {
      const socket = createConnection({ host: '127.0.0.1', port: printer.port }, () => {
        socket.setNoDelay(true);
        const at = performance.now();
        socket.end(bytes, () => resolve(at));
      });
      socket.on('error', reject);
      socket.on('data', () => undefined);
    });
    samples.push((await printed) - sent);
  }
  return samples;
}

const ECHO_SERVER = `
const server = require('node:net').createServer((socket) => socket.pipe(socket));
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

/** A bare TCP echo server in a process of its own, as the agent runs in its own. */
export async function startEchoProcess(): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', ECHO_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
    child.once('exit', (code) => reject(new Error(`the echo server exited (${code})`)));
  });
  return { port, child };
}

/** `bytes` sent to the echo server at `rate`, one connection each: last byte written → last byte back. */
export async function bareEcho(port: number, bytes: Buffer, rate: Rate): Promise<number[]> {
  const samples: number[] = [];
  const count = rate.perSecond * rate.seconds;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = started + (i * 1000) / rate.perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(
      new Promise<void>((resolve, reject) => {
        let received = 0;
        let written: number | undefined;
        let echoed: number | undefined;
        // Measured as the ingest run measures the agent: from the write's callback (its last byte
        // left) to the last byte back; either may come first on a fast loopback.
        const done = () => {
          if (written === undefined || echoed === undefined) return;
          samples.push(Math.max(0, echoed - written));
          socket.destroy();
          resolve();
        };
        const socket = createConnection({ host: '127.0.0.1', port }, () => {
          socket.setNoDelay(true);
          socket.write(bytes, () => {
            written = performance.now();
            done();
          });
        });
        socket.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received >= bytes.length && echoed === undefined) {
            echoed = performance.now();
            done();
          }
        });
        socket.on('error', reject);
      }),
    );
  }
  await Promise.all(pending);
  return samples;
}
