import { once } from 'node:events';
import { WAIT_BUDGET_MS } from '../../test/wait-budget.js';
import net from 'node:net';
import type { ThermalPrinter } from 'node-thermal-printer';
import { afterEach } from 'vitest';
import { ESC_INIT } from '../printing/escpos-bytes.js';
import { within } from '../printing/test-fixtures.js';
import type { IngestJob } from './ingest-job.js';
import { startIngestListener, type IngestListener, type IngestListenerOptions } from './ingest-listener.js';
import { recordingLogger } from '../test-support/recording-logger.js';

/** Shared by the ingest tests: a raw POS client, a recording logger, a listener that collects jobs. */

/** A safety net, not a measurement (test/wait-budget.ts). */
export const WAIT_MS = WAIT_BUDGET_MS;

/** A bare TCP client standing in for a POS: what it writes, every byte it gets back, how it ended. */
export class PosClient {
  readonly received: number[] = [];
  /** Resolves when the listener closed its side (FIN) or reset the connection. */
  readonly ended: Promise<'end' | 'reset'>;
  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.received.push(...chunk));
    this.ended = new Promise((resolve) => {
      socket.on('end', () => resolve('end'));
      socket.on('error', () => resolve('reset'));
      socket.on('close', () => resolve('reset'));
    });
  }

  static async connect(port: number): Promise<PosClient> {
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    socket.setNoDelay(true);
    await within(once(socket, 'connect'), WAIT_MS, 'the connection');
    return new PosClient(socket);
  }

  /** Resolves once the kernel took the bytes (so two writes leave as two segments on loopback). */
  write(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(bytes, (error) => (error ? reject(error) : resolve())));
  }

  /** Resolves once `count` reply bytes in total have arrived. */
  async replies(count: number): Promise<number[]> {
    while (this.received.length < count) {
      await within(once(this.socket, 'data'), WAIT_MS, `${count} reply bytes (have ${this.received.length})`);
    }
    return this.received.slice(0, count);
  }

  /** Closes our side and waits for the listener to close its own. */
  async finish(): Promise<'end' | 'reset'> {
    this.socket.end();
    return within(this.ended, WAIT_MS, 'the listener to close the connection');
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** A listener on a free loopback port that keeps every accepted job. */
async function collectingListener(options: Partial<IngestListenerOptions> = {}) {
  const logger = recordingLogger();
  const jobs: IngestJob[] = [];
  const listener = await startIngestListener({ name: 'pos-kitchen', station: 'kitchen', listen: 'tcp://127.0.0.1:0', logger, ...options });
  listener.on('job', (job) => jobs.push(job));
  return { listener, jobs, logger };
}

/**
 * The setup the listener tests share: every listener and POS client a test opens is closed after
 * it. Call once at the top of a test file.
 */
export function ingestListenerKit() {
  const open: IngestListener[] = [];
  const clients: PosClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const l of open.splice(0)) await l.close();
  });
  return {
    /** A collecting listener (see collectingListener), closed after the test. */
    async setup(options: Partial<IngestListenerOptions> = {}) {
      const ctx = await collectingListener(options);
      open.push(ctx.listener);
      return ctx;
    },
    /** A POS connected to the listener, destroyed after the test. */
    async client(listener: IngestListener): Promise<PosClient> {
      const c = await PosClient.connect(listener.port);
      clients.push(c);
      return c;
    },
  };
}

/** Resolves when the listener has accepted `count` jobs in total. */
export async function jobsArrived(listener: IngestListener, jobs: readonly IngestJob[], count: number): Promise<IngestJob[]> {
  while (jobs.length < count) await within(once(listener, 'job'), WAIT_MS, `job ${jobs.length + 1} of ${count}`);
  return [...jobs];
}

/**
 * The job bytes a node-thermal-printer ticket becomes: its bytes up to the cut. The library's cut()
 * ends with `ESC @` after `GS V 0`, which prints nothing and is no part of the job (it leads the next).
 */
export function jobBytesOf(p: ThermalPrinter): Buffer {
  const sent = p.getBuffer();
  if (!sent.subarray(-ESC_INIT.length).equals(ESC_INIT)) throw new Error('expected node-thermal-printer to end its cut with ESC @');
  return sent.subarray(0, -ESC_INIT.length);
}
