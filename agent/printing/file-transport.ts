import { constants, promises as fs } from 'node:fs';
import { printFailure, type PrintOutcome } from './print-outcome.js';
import { PRINTING_ERRORS } from './printing-errors.js';

/**
 * `file:///dev/usb/lp0`: a printer behind a device file (Linux's usblp gives USB printers one), or
 * a FIFO another program reads. The job is written and counted done when the file took every byte
 * (`confirmedBy: 'device'`): **the printer's answer is not read**. Reading a device file blocks a
 * thread of Node's pool until the printer speaks, and one that never does would hold it for
 * good, so `GS r 1` is not asked here: for confirmed printing on the same USB printer use
 * `usb://VID:PID`, which reads the bulk IN endpoint. Paper-out and cover-open are invisible.
 *
 * A FIFO is first opened without blocking: with nobody reading it that fails at once (ENXIO), which
 * is `refused` with nothing sent, instead of a write that waits for ever.
 */
const WRITE_CHUNK_BYTES = 16 * 1024;

export interface FileSendOptions {
  timeoutMs: number;
}

export async function sendToFile(path: string, bytes: Buffer, options: FileSendOptions): Promise<PrintOutcome> {
  const refusal = await checkWritable(path);
  if (refusal) return printFailure('refused', false, 0, refusal, PRINTING_ERRORS.CONNECTION_FAILED);
  let written = 0;
  let handle: fs.FileHandle | undefined;
  const writing = (async () => {
    handle = await fs.open(path, constants.O_WRONLY | constants.O_APPEND);
    for (let start = 0; start < bytes.length; start += WRITE_CHUNK_BYTES) {
      const { bytesWritten } = await handle.write(bytes, start, Math.min(WRITE_CHUNK_BYTES, bytes.length - start));
      written += bytesWritten;
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeoutMs)));
  try {
    const result = await Promise.race([writing.then(() => 'written' as const), timedOut]);
    if (result === 'timeout') {
      return written === 0
        ? printFailure('timeout', false, 0, `${path} took nothing in ${options.timeoutMs} ms`)
        : printFailure('timeout', 'partial', written, `${path} took ${written} of ${bytes.length} bytes; the ticket may have partly printed`);
    }
    return { ok: true, printedAt: new Date().toISOString(), bytesSent: written, confirmedBy: 'device', paperNearEnd: false };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return written === 0
      ? printFailure('refused', false, 0, `${path}: ${code}`, PRINTING_ERRORS.CONNECTION_FAILED)
      : printFailure('partlySent', 'partial', written, `${path}: ${code} after ${written} bytes`);
  } finally {
    clearTimeout(timer);
    // A write still blocked in the device keeps its handle until the device lets go.
    void writing.finally(() => handle?.close()).catch(() => undefined);
  }
}

/** Why nothing can be written to `path` right now, or undefined. */
async function checkWritable(path: string): Promise<string | undefined> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (error) {
    return `${path}: ${(error as NodeJS.ErrnoException).code ?? 'cannot be read'} (is the printer on and connected?)`;
  }
  if (stat.isDirectory()) return `${path} is a folder`;
  if (!stat.isFIFO()) return undefined;
  try {
    const probe = await fs.open(path, constants.O_WRONLY | constants.O_NONBLOCK);
    await probe.close();
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENXIO' ? `nothing is reading ${path}` : `${path}: ${(error as NodeJS.ErrnoException).code}`;
  }
}

/** What can be said of a device file without reading from it. */
export async function fileStatus(path: string): Promise<{ online: boolean; message: string }> {
  const refusal = await checkWritable(path);
  return refusal
    ? { online: false, message: refusal }
    : { online: true, message: `${path} is there (device files give no paper or cover status)` };
}
