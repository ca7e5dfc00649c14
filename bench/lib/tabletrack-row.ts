/**
 * The TableTrack row of `bench:agent`: the bundled agent with `--connector tabletrack` against the
 * in-memory TableTrack stand-in, whose `pusher` SDK rings `print-job.created` on the relay's public
 * `print-jobs` channel. Measured: from the trigger of print-job.created to the ticket's last byte
 * (its cut) at the virtual printer — the doorbell, the pull, the journal, the send — at 10 jobs/s.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startVirtualPrinter, type PrintedJob } from '../../agent/printing/virtual-printer.js';
import { startRelay } from '../../backend/relay/index.js';
import type { ApiResult, BoardSnapshot } from '../../common/kitchen-api.js';
import { LOCAL_API } from '../../common/kitchen-api.js';
import { STAND_IN_KEY, TableTrackStandIn } from '../../test/tabletrack/stand-in-server.js';
import { percentile, type BenchRow } from './report.js';

const RATE = { perSecond: 10, seconds: 10 } as const;
const WARM_UP = 10;
const APP = { id: 'bench-tabletrack', key: 'bench-tabletrack-key', secret: 'bench-tabletrack-secret' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** escpos-php's kitchen ticket as TableTrack stores it, numbered for the printer's side to find. */
const ticket = (marker: string) => `\u001b@\u001ba\u0001\u001bE\u0001Kitchen Order Ticket\n\u001bE\u0000${marker}\n\u001ba\u00002 x Bench burger\n1 x Fries\n\n`;
const MARKER = /\b(TT-\d+)\b/;

async function live(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${LOCAL_API.prefix}/getSnapshot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const result = (await response.json()) as ApiResult<BoardSnapshot>;
    return result.ok && result.value.connection.mode === 'live';
  } catch {
    return false;
  }
}

export interface TableTrackBenchOptions {
  /** The bundled agent and the V8 flags `npm run agent` gives it. */
  agentBundle: string;
  v8Flags: readonly string[];
  cwd: string;
}

export async function tableTrackRow({ agentBundle, v8Flags, cwd }: TableTrackBenchOptions): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'ticketrail-bench-tabletrack-'));
  const relay = await startRelay({ host: '127.0.0.1', port: 0, apps: [APP] });
  const tt = await TableTrackStandIn.start({ pusher: { appId: APP.id, key: APP.key, secret: APP.secret, host: relay.host, port: relay.port } });
  const printer = await startVirtualPrinter({ name: 'bench-tabletrack' });
  const boardPort = 40_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(
    process.execPath,
    [
      ...v8Flags,
      agentBundle,
      ...['--connector', 'tabletrack', '--backend-url', tt.url, '--printer', `tcp://127.0.0.1:${printer.port}`, '--data-dir', join(dir, 'agent'), '--port', String(boardPort)],
      ...['--pusher-host', relay.host, '--pusher-port', String(relay.port), '--pusher-tls', 'false'],
    ],
    { cwd, env: { ...process.env, TICKETRAIL_TABLETRACK_KEY: STAND_IN_KEY, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  try {
    const deadline = Date.now() + 30_000;
    while (!(await live(boardPort))) {
      if (Date.now() > deadline) throw new Error('the TableTrack agent did not go live');
      await sleep(100);
    }
    const printedAt = new Map<string, number>();
    const waiters = new Map<string, () => void>();
    printer.on('job', (job: PrintedJob) => {
      const marker = job.decoded.lines.map((line) => MARKER.exec(line.text)?.[1]).find(Boolean);
      if (!marker || printedAt.has(marker)) return;
      printedAt.set(marker, performance.now());
      waiters.get(marker)?.();
    });
    const printed = (marker: string) =>
      printedAt.has(marker)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`${marker} never printed`)), 30_000);
            waiters.set(marker, () => {
              clearTimeout(timer);
              resolve();
            });
          });

    for (let i = 0; i < WARM_UP; i++) {
      await tt.createJob({ printerId: 1, text: ticket(`TT-${90_000 + i}`), cutPaper: true });
      await printed(`TT-${90_000 + i}`);
    }

    const toPaper: number[] = [];
    const jobIds: number[] = [];
    const count = RATE.perSecond * RATE.seconds;
    const pending: Promise<void>[] = [];
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const wait = started + (i * 1000) / RATE.perSecond - performance.now();
      if (wait > 0) await sleep(wait);
      const marker = `TT-${i + 1}`;
      pending.push(
        (async () => {
          // From the moment TableTrack's web side triggers print-job.created (the job is stored first, as in Laravel).
          const triggered = performance.now();
          jobIds.push((await tt.createJob({ printerId: 1, text: ticket(marker), cutPaper: true })).id);
          await printed(marker);
          toPaper.push((printedAt.get(marker) as number) - triggered);
        })(),
      );
    }
    await Promise.all(pending);
    // Every job reported done (PATCH) before the agent is stopped.
    while (!jobIds.every((id) => tt.reports(id).some((report) => report.status === 'done'))) {
      if (Date.now() > deadline + 60_000) throw new Error('not every TableTrack job was reported done');
      await sleep(20);
    }
    return {
      measure: `tabletrack ${RATE.perSecond} jobs/s (${count}): print-job.created → last byte`,
      'to paper p50 ms': percentile(toPaper, 50),
      'to paper p99 ms': percentile(toPaper, 99),
    };
  } finally {
    child.kill('SIGTERM');
    await printer.close();
    await tt.close();
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
