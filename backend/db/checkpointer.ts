import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/**
 * The worker's whole program, run with `eval` so it needs no TypeScript loader (it runs the same
 * under tsx, vitest and a bundled build). It reaches modules through process.getBuiltinModule, so
 * it works whether the worker inherits a CommonJS or an ES module `--input-type`, and it loads the
 * same better-sqlite3 build as the main thread.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const load = process.getBuiltinModule('node:module').createRequire(workerData.driverPath);
const Database = load(workerData.driverPath);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Checkpoints the WAL from a worker thread on its own connection. A checkpoint fsyncs the database
 * file; done by SQLite's auto-checkpoint it would stall whichever request happened to commit the
 * thousandth page, and with it the whole event loop. Here it never blocks a request.
 */
export function startBackgroundCheckpoints(
  file: string,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, intervalMs: options.intervalMs ?? 500, driverPath: require.resolve('better-sqlite3') },
  });
  worker.unref();
  let exited = false;
  worker.once('exit', () => (exited = true));
  worker.on('message', (message: { error?: string }) => options.onError?.(new Error(message.error ?? 'checkpoint failed')));
  worker.on('error', (error) => options.onError?.(error));
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      if (exited) return Promise.resolve();
      stopped ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 2_000);
        worker.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}
