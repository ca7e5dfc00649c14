import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Piscina } from 'piscina';
import type { DecodedLine } from '../printing/decoded-job.js';
import type { Dialect } from '../printing/escpos-commands.js';
import type { TicketCard } from '../cards/ticket-card.js';
import type { TicketParseOptions } from '../cards/ticket-parser.js';
import { describeError } from '../describe-error.js';
import type { AgentLogger } from '../ports.js';
import { NOT_JSON, runDecodeTask, taskSize, type DecodeResults, type DecodeTask } from './decode-tasks.js';

export { NOT_JSON };

/**
 * Input up to this size is decoded on the main thread: a 16 KB ticket decodes in about 3 ms,
 * less than starting a worker, and an ordinary kitchen ticket (1–10 KB, a logo included) never
 * waits for one. Anything larger — an ingest job full of images, a big TableTrack payload or
 * answer, the preview of a large raw job — goes to the worker, so the event loop (the board's
 * API, printing, sync) never stalls on it (docs/architecture.md, "Decoding off the main thread").
 */
export const INLINE_DECODE_MAX_BYTES = 16 * 1024;

/** An idle worker exits after this: a quiet kitchen pays no thread, a busy one keeps it warm. */
const WORKER_IDLE_MS = 60_000;

/** Reading other systems' tickets: inline when small, in a worker thread when large. */
export interface TicketDecoder {
  wouldPrint(bytes: Buffer, printerType: Dialect): Promise<boolean>;
  endsWithCut(bytes: Buffer, printerType: Dialect): Promise<boolean>;
  ticketCard(bytes: Buffer, options: TicketParseOptions): Promise<TicketCard>;
  previewLines(bytes: Buffer): Promise<DecodedLine[]>;
  /** UTF-8 JSON text, parsed; NOT_JSON when it is not JSON. */
  parseJson(text: Uint8Array): Promise<unknown>;
  /**
   * Loads the worker pool's code now, without starting a thread: a source that may receive large
   * input (an ingest printer) calls it as it starts, so its first large job does not pay for
   * loading piscina on the event loop.
   */
  prepare(): void;
  /** Stops the worker, if one runs; later calls decode inline. */
  close(): Promise<void>;
  /** Tasks decoded so far: inline, in the worker, and inline after the worker failed. */
  readonly counts: Readonly<DecodeCounts>;
}

export interface DecodeCounts {
  inline: number;
  worker: number;
  fallback: number;
}

export interface TicketDecoderOptions {
  logger: AgentLogger;
  /** Tests and the bench lower or raise it; 0 sends everything to the worker. */
  inlineMaxBytes?: number;
}

interface WorkerScript {
  filename: string;
  execArgv: string[];
}

/**
 * Where the worker's program is. From source (tsx, vitest) it is decode-worker.ts, run with tsx's
 * loader (found from this file, so any working directory works); in a bundle (dist/agent,
 * dist/electron) it is decode-worker.js beside the bundle (agent/decode/vite.config.ts builds it).
 * Undefined when neither is there: everything is then decoded inline.
 */
function workerScript(): WorkerScript | undefined {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
    return { filename: new URL('./decode-worker.ts', here).href, execArgv: ['--import', tsx] };
  }
  // In the packaged desktop app the worker is unpacked beside the asar archive (electron-builder.yml):
  // a worker thread loads its program from a real file.
  const bundled = fileURLToPath(new URL('./decode-worker.js', here)).replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return existsSync(bundled) ? { filename: pathToFileURL(bundled).href, execArgv: [] } : undefined;
}

/**
 * The task with its bytes copied into memory of their own, handed to the worker rather than copied
 * again on the way: a socket's Buffer may share its memory with others, so it is never handed over.
 */
function forWorker(task: DecodeTask): { message: DecodeTask; transfer: ArrayBuffer } {
  if (task.kind === 'parseJson') {
    const text = ownCopy(task.text);
    return { message: { ...task, text }, transfer: text.buffer as ArrayBuffer };
  }
  const bytes = ownCopy(task.bytes);
  return { message: { ...task, bytes }, transfer: bytes.buffer as ArrayBuffer };
}

/** A memcpy into a buffer of its own (`new Uint8Array(aBuffer)` copies element by element: 70 ms a MB). */
function ownCopy(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

class OffThreadDecoder implements TicketDecoder {
  readonly counts: DecodeCounts = { inline: 0, worker: 0, fallback: 0 };
  private pool: Promise<Piscina | undefined> | undefined;
  private closed = false;
  private warnedInline = false;
  private readonly inlineMax: number;

  constructor(private readonly options: TicketDecoderOptions) {
    this.inlineMax = options.inlineMaxBytes ?? INLINE_DECODE_MAX_BYTES;
  }

  wouldPrint(bytes: Buffer, printerType: Dialect): Promise<boolean> {
    return this.run({ kind: 'wouldPrint', bytes, printerType });
  }

  endsWithCut(bytes: Buffer, printerType: Dialect): Promise<boolean> {
    return this.run({ kind: 'endsWithCut', bytes, printerType });
  }

  ticketCard(bytes: Buffer, options: TicketParseOptions): Promise<TicketCard> {
    return this.run({ kind: 'ticketCard', bytes, options });
  }

  parseJson(text: Uint8Array): Promise<unknown> {
    return this.run({ kind: 'parseJson', text });
  }

  previewLines(bytes: Buffer): Promise<DecodedLine[]> {
    return this.run({ kind: 'preview', bytes });
  }

  prepare(): void {
    void this.workerPool();
  }

  async close(): Promise<void> {
    this.closed = true;
    const pool = await this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private async run<K extends DecodeTask['kind']>(task: Extract<DecodeTask, { kind: K }>): Promise<DecodeResults[K]> {
    const pool = taskSize(task) > this.inlineMax ? await this.workerPool() : undefined;
    if (!pool) {
      this.counts.inline += 1;
      return runDecodeTask(task) as DecodeResults[K];
    }
    try {
      const { message, transfer } = forWorker(task);
      const result = (await pool.run(message, { transferList: [transfer] })) as DecodeResults[K];
      this.counts.worker += 1;
      return result;
    } catch (error) {
      // A worker that cannot start or died: decode here rather than lose the ticket (bounded input,
      // so the worst is a stall), and say so once.
      this.warnOnce('the decoding worker failed; decoding on the main thread', error);
      this.counts.fallback += 1;
      return runDecodeTask(task) as DecodeResults[K];
    }
  }

  /** The pool, made on the first large task: an agent that never meets one never loads piscina. */
  private workerPool(): Promise<Piscina | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    this.pool ??= this.startPool();
    return this.pool;
  }

  private async startPool(): Promise<Piscina | undefined> {
    const script = workerScript();
    if (!script) {
      this.warnOnce('the decoding worker is not built beside this bundle (decode-worker.js); decoding on the main thread');
      return undefined;
    }
    const { Piscina } = await import('piscina');
    const pool = new Piscina({ ...script, minThreads: 0, maxThreads: 1, idleTimeout: WORKER_IDLE_MS });
    // A worker's own failure is reported with the task that met it; this only keeps it from being unhandled.
    pool.on('error', (error: unknown) => this.options.logger.warn('decoding worker error', { error: describeError(error) }));
    return pool;
  }

  private warnOnce(message: string, error?: unknown): void {
    if (this.warnedInline) return;
    this.warnedInline = true;
    this.options.logger.warn(message, error === undefined ? undefined : { error: describeError(error) });
  }
}

export function createTicketDecoder(options: TicketDecoderOptions): TicketDecoder {
  return new OffThreadDecoder(options);
}
