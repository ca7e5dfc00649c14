import net from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * One connection to a printer — a TCP socket, a serial port, a USB printer's bulk endpoints —
 * that knows two things node-thermal-printer's `execute()` does not: how many bytes really left
 * this process, and what the printer answered.
 *
 * `socket.bytesWritten` counts bytes still queued inside Node, so it cannot tell "nothing was
 * sent" from "half the ticket was sent". Instead the payload is written in chunks and a chunk
 * counts once its write callback fired, i.e. the kernel (or the USB stack) took it.
 */
const WRITE_CHUNK_BYTES = 16 * 1024;

export type OpenResult =
  | { ok: true; session: PrinterSession }
  | { ok: false; error: 'refused' | 'timeout'; detail: string };

export type WaitResult<T> = { kind: 'found'; value: T } | { kind: 'timeout' } | { kind: 'closed'; detail: string };

export class PrinterSession {
  /** Payload bytes the kernel has accepted. */
  flushedBytes = 0;
  private incoming: number[] = [];
  private closedDetail: string | undefined;
  private readonly listeners = new Set<(progress: boolean) => void>();

  /**
   * `stream` is open: what it emits is the printer's answer, what is written goes to the printer.
   * `readsAnswers` is false for a line that carries nothing back (a serial cable without its
   * receive wire, a USB printer without a bulk IN endpoint): jobs are then sent unconfirmed.
   */
  constructor(
    private readonly socket: Duplex,
    readonly readsAnswers = true,
    /** Releases what destroying the stream does not (a serial port stays open and locked until closed). */
    private readonly release: () => void = () => undefined,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.incoming.push(...chunk);
      this.notify(false);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.closedDetail ??= error.code ?? error.message;
    });
    socket.on('close', () => {
      this.closedDetail ??= 'connection closed by the printer';
      this.notify(false);
    });
  }

  static openTcp(host: string, port: number, timeoutMs: number): Promise<OpenResult> {
    return new Promise((resolve) => {
      const socket = net.connect({ host, port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        resolve({ ok: false, error: 'timeout', detail: `no connection within ${timeoutMs} ms` });
      }, timeoutMs);
      const onError = (error: NodeJS.ErrnoException): void => {
        clearTimeout(timer);
        socket.destroy();
        resolve({ ok: false, error: 'refused', detail: error.code ?? error.message });
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve({ ok: true, session: new PrinterSession(socket) });
      });
    });
  }

  /** Writes the payload in tracked chunks; progress (a flushed chunk) is reported to waiters. */
  writePayload(bytes: Buffer): void {
    for (let start = 0; start < bytes.length; start += WRITE_CHUNK_BYTES) {
      const chunk = bytes.subarray(start, start + WRITE_CHUNK_BYTES);
      this.socket.write(chunk, (error) => {
        if (error) return;
        this.flushedBytes += chunk.length;
        this.notify(true);
      });
    }
  }

  /** Status queries: small, and not part of the job. */
  writeQuery(bytes: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  /** Removes and returns the first received byte that `accept` takes. */
  takeByte(accept: (byte: number) => boolean): number | undefined {
    const index = this.incoming.findIndex(accept);
    if (index < 0) return undefined;
    return this.incoming.splice(index, 1)[0];
  }

  discardReceived(): void {
    this.incoming = [];
  }

  /**
   * Waits until `check` returns a value. The timeout is a silence timeout: with `restartOnProgress`
   * each flushed chunk restarts it, so a slow printer that keeps reading is not given up on.
   */
  waitFor<T>(check: () => T | undefined, timeoutMs: number, restartOnProgress: boolean): Promise<WaitResult<T>> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout;
      const finish = (result: WaitResult<T>): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(result);
      };
      const evaluate = (): boolean => {
        const value = check();
        if (value !== undefined) finish({ kind: 'found', value });
        else if (this.closedDetail !== undefined) finish({ kind: 'closed', detail: this.closedDetail });
        else return false;
        return true;
      };
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
      };
      const listener = (progress: boolean): void => {
        if (evaluate()) return;
        if (progress && restartOnProgress) arm();
      };
      if (evaluate()) return;
      this.listeners.add(listener);
      arm();
    });
  }

  /** Set by abort(): the send was cut off by its caller's time limit, not by the printer. */
  aborted = false;

  /** Cuts the connection off now (the pipeline's send limit): every waiter sees it closed with `detail`. */
  abort(detail: string): void {
    this.aborted = true;
    this.closedDetail ??= detail;
    this.socket.destroy();
    this.notify(false);
  }

  destroy(): void {
    this.release();
    this.socket.destroy();
  }

  private notify(progress: boolean): void {
    for (const listener of [...this.listeners]) listener(progress);
  }
}
