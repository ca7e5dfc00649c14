/**
 * Agent benchmark (`npm run bench:agent`): from `POST /api/orders` returning to (a) the order in
 * the agent's cache (seen as the board's WebSocket `order` update, sent right after the commit) and
 * (b) the last byte of its ticket at the virtual printer, at 1, 10 and 50 orders/s; catch-up time
 * for 10,000 missed events (cold start, target < 1 s); the agent's RSS idle and under load (targets
 * < 80 / < 110 MB). Ingest (docs/ingest.md): a POS
 * printing tickets to the agent's ingest port at 10 tickets/s, from its last byte written to (a) the
 * card in the agent's cache (its board `order` update) and (b) the last byte of the forwarded ticket
 * at the virtual printer. TableTrack (docs/connectors.md): a second agent with `--connector
 * tabletrack`, from the stand-in's `print-job.created` to the ticket's last byte at the printer, at
 * 10 jobs/s (bench/lib/tabletrack-row.ts). Image flood (issue 17): five 1 MB ingest jobs of 1×1
 * images arriving at once on a second ingest printer while tickets go on at 10/s to the first; the
 * agent's event-loop delay is read from inside it (bench/lib/loop-delay-probe.mjs), beside the same
 * measure during the plain ingest run. Baselines in the same run (issue 25, bench/lib/agent-baselines.ts):
 * an agent ticket's bytes written straight to the printer by a bare client, and the POS ticket to a
 * bare TCP echo process; the rows give the agent's p99 over each.
 *
 * The agent runs as its own process (the bundled `ticketrail agent`, with AGENT_V8_FLAGS as npm start and
 * npm run agent give it), so its RSS is its own; the backend, the virtual printer and the POS load live in
 * this process.
 */
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { createAgent } from '../agent/index.js';
import { AGENT_V8_FLAGS } from '../agent/runtime-flags.js';
import { createEscPosDriver } from '../agent/pipeline/escpos-driver.js';
import { startVirtualPrinter, type PrintedJob } from '../agent/printing/virtual-printer.js';
import { createConfSettingsStore } from '../agent/settings/conf-settings-store.js';
import { loadBackendConfig, startBackend } from '../backend/index.js';
import { sampleOrder, seededRandom } from '../backend/sample-orders.js';
import { LOCAL_API, type BoardUpdate } from '../common/kitchen-api.js';
import { buildIfStale } from '../cli/build-if-stale.js';
import { imageFloodJob } from '../agent/ingest/fixtures/image-flood.js';
import { LOOP_DELAY_PROBE, loopDelay } from './lib/loop-delay.js';
import { createConnection, createServer } from 'node:net';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { percentile, reportBench, type BenchRow } from './lib/report.js';
import { tableTrackRow } from './lib/tabletrack-row.js';
import { mixedScriptRows } from './lib/mixed-script-row.js';
import { bareEcho, bareTicketToPaper, startEchoProcess } from './lib/agent-baselines.js';

const TOKENS = { ADMIN_TOKEN: 'bench-admin-token-0123456789', AGENT_TOKEN: 'bench-agent-token-0123456789', POS_TOKEN: 'bench-pos-token-0123456789' };
const RATES = [
  { perSecond: 1, seconds: 10 },
  { perSecond: 10, seconds: 10 },
  { perSecond: 50, seconds: 6 },
];
const CATCH_UP_EVENTS = 10_000;
/** Connections posting the catch-up's orders: setting up 10,000 events one request at a time is slow. */
const CATCH_UP_POSTERS = 20;
const TARGETS = { catchUpMs: 1_000, rssIdleMb: 80, rssPeakMb: 110 } as const;
const met = (ok: boolean): string => (ok ? 'yes' : 'NO');
/** POS tickets into the ingest printer, forwarded to the bench's printer (`--printer`, id cli-printer). */
const INGEST_RATE = { perSecond: 10, seconds: 10 };
const INGEST_NUMBER = /Order #(POS\d+)/;
/** Issue 17: five ingest jobs of a megabyte of 1×1 images each, at once, while tickets go on. */
const IMAGE_FLOODS = { jobs: 5, bytes: 1024 * 1024 };
const FLOOD_TICKETS = { perSecond: 10, seconds: 5 };
/** The baselines' rate (issue 25): the agent's 10 orders/s row is what they stand beside. */
const BASELINE_RATE = { perSecond: 10, seconds: 10 };
const ROOT = resolve(import.meta.dirname, '..');
const AGENT_BUNDLE = resolve(ROOT, 'dist/agent/agent.js');
const DECODE_WORKER_BUNDLE = resolve(ROOT, 'dist/agent/decode-worker.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Times keyed by id, with promises that resolve when a key arrives: no polling in the load loop. */
class Arrivals {
  private readonly times = new Map<string, number>();
  private readonly waiters = new Map<string, (at: number) => void>();

  mark(key: string): void {
    if (this.times.has(key)) return;
    const at = performance.now();
    this.times.set(key, at);
    this.waiters.get(key)?.(at);
    this.waiters.delete(key);
  }

  has(key: string): boolean {
    return this.times.has(key);
  }

  when(key: string, ms: number): Promise<number> {
    const known = this.times.get(key);
    if (known !== undefined) return Promise.resolve(known);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${key}`)), ms);
      this.waiters.set(key, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }
}

async function waitUntil(what: string, check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function main(): Promise<void> {
  // The bundled agent under plain Node, as it runs on a counter PC: no TypeScript loader in its RSS.
  await buildIfStale(resolve(ROOT, 'agent/vite.config.ts'), AGENT_BUNDLE, [resolve(ROOT, 'agent'), resolve(ROOT, 'common'), resolve(ROOT, 'common-node')]);
  // The decoding worker beside it (the agent decodes large tickets there).
  await buildIfStale(resolve(ROOT, 'agent/decode/vite.config.ts'), DECODE_WORKER_BUNDLE, [resolve(ROOT, 'agent'), resolve(ROOT, 'common'), resolve(ROOT, 'common-node')]);
  const dir = mkdtempSync(join(tmpdir(), 'ticketrail-bench-agent-'));
  const backend = await startBackend(loadBackendConfig({ PORT: '0', RELAY_PORT: '0', DATA_DIR: join(dir, 'backend'), LOG_LEVEL: 'silent', ...TOKENS }));
  const printer = await startVirtualPrinter({ name: 'bench' });
  // Ports the system says are free now: a random pick could land on one of its own ephemeral
  // ports (32768 and up on Linux), already in use by a connection of this very run.
  const boardPort = await freePort();
  const ingestPort = await freePort();
  // A second ingest printer, cards only: the image floods go there (forwarded, the virtual printer in
  // this process would decode them and slow the bench's own timing).
  const floodPort = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...AGENT_V8_FLAGS,
      '--import',
      LOOP_DELAY_PROBE,
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_CPU_PROF] : []),
      AGENT_BUNDLE,
      '--data-dir', join(dir, 'agent'),
      '--port', String(boardPort),
      '--printer', `tcp://127.0.0.1:${printer.port}`,
      '--stations', 'kitchen,bar,expo',
      '--backend', backend.url,
      '--ingest', `tcp://127.0.0.1:${ingestPort}=kitchen>cli-printer`,
      '--ingest', `tcp://127.0.0.1:${floodPort}=kitchen`,
    ],
    { cwd: ROOT, env: { ...process.env, TICKETRAIL_AGENT_TOKEN: TOKENS.AGENT_TOKEN, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  const rows: BenchRow[] = [];
  try {
    // The board's WebSocket: an `order` update for an id means the agent committed it.
    const cached = new Arrivals();
    let socket: WebSocket | undefined;
    for (let attempt = 0; attempt < 200 && !socket; attempt++) {
      socket = await new Promise<WebSocket | undefined>((done) => {
        const ws = new WebSocket(`ws://127.0.0.1:${boardPort}${LOCAL_API.updatesPath}`);
        ws.once('open', () => done(ws));
        ws.once('error', () => done(undefined));
      });
      if (!socket) await sleep(100);
    }
    if (!socket) throw new Error('agent did not start');
    const random = seededRandom(7);
    const ingestCached = new Arrivals();
    const floodCards = new Set<string>();
    socket.on('message', (data) => {
      const update = JSON.parse(String(data)) as BoardUpdate;
      if (update.type === 'order') cached.mark(update.order.id);
      if (update.type === 'order' && update.order.source?.kind === 'ingest') ingestCached.mark(update.order.number);
      if (update.type === 'order' && update.order.number === 'FLOOD') floodCards.add(update.order.id);
    });
    const printedAt = new Arrivals();
    let agentTicketBytes: Buffer | undefined;
    const toPaperByRate = new Map<number, number[]>();
    const forwardedAt = new Arrivals();
    printer.on('job', (job: PrintedJob) => {
      const ingestNumber = job.decoded.lines.map((line) => INGEST_NUMBER.exec(line.text)?.[1]).find(Boolean);
      if (ingestNumber) forwardedAt.mark(ingestNumber);
      const number = job.decoded.lines.map((line) => /#([A-Z]-\d+)/.exec(line.text)?.[1]).find(Boolean);
      if (number) printedAt.mark(number);
      // The bytes of one of the agent's own tickets: what the bare client sends for its baseline.
      if (number && !agentTicketBytes) agentTicketBytes = job.bytes;
    });
    await sleep(2_000);
    const idleRss = rssMb(child.pid as number);
    let peakRss = idleRss;

    // Warm-up: the first orders pay for module loading and JIT in both processes.
    for (let i = 0; i < 20; i++) {
      await fetch(`${backend.url}/api/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKENS.POS_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...sampleOrder(random), items: [{ name: 'Warm-up', qty: 1, station: 'kitchen' }] }),
      });
      await sleep(50);
    }
    await sleep(1_000);

    for (const { perSecond, seconds } of RATES) {
      const toCache: number[] = [];
      const toPaper: number[] = [];
      const count = perSecond * seconds;
      const pending: Promise<void>[] = [];
      const started = performance.now();
      for (let i = 0; i < count; i++) {
        const due = started + (i * 1000) / perSecond;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        pending.push(
          (async () => {
            // One station per order so "its ticket" is one ticket.
            const input = { ...sampleOrder(random), items: [{ name: 'Bench burger', qty: 1, station: 'kitchen', modifiers: ['no onion'] }] };
            const response = await fetch(`${backend.url}/api/orders`, {
              method: 'POST',
              headers: { authorization: `Bearer ${TOKENS.POS_TOKEN}`, 'content-type': 'application/json' },
              body: JSON.stringify(input),
            });
            const returned = performance.now();
            const order = (await response.json()) as { id: string; number: string };
            toCache.push(Math.max(0, (await cached.when(order.id, 30_000)) - returned));
            toPaper.push(Math.max(0, (await printedAt.when(order.number, 30_000)) - returned));
          })(),
        );
        if (i % 10 === 0) peakRss = Math.max(peakRss, rssMb(child.pid as number));
      }
      await Promise.all(pending);
      peakRss = Math.max(peakRss, rssMb(child.pid as number));
      toPaperByRate.set(perSecond, toPaper);
      rows.push({
        measure: `${perSecond} orders/s (${count})`,
        'to cache p50 ms': percentile(toCache, 50),
        'to cache p99 ms': percentile(toCache, 99),
        'to paper p50 ms': percentile(toPaper, 50),
        'to paper p99 ms': percentile(toPaper, 99),
      });
    }
    // Baseline (issue 25): the same ticket's bytes written straight to the same printer by a bare
    // client at 10/s, beside the agent's order → last byte at 10 orders/s, in this run.
    if (agentTicketBytes) {
      const bare = await bareTicketToPaper(printer, agentTicketBytes, BASELINE_RATE);
      const agentP99 = percentile(toPaperByRate.get(BASELINE_RATE.perSecond) ?? [], 99);
      rows.push({ measure: `baseline: the ticket's bytes straight to the printer, ${BASELINE_RATE.perSecond}/s (${bare.length})`, 'to paper p50 ms': percentile(bare, 50), 'to paper p99 ms': percentile(bare, 99) });
      rows.push({ measure: `order → last byte p99 / bare bytes → last byte p99 at ${BASELINE_RATE.perSecond}/s (same run)`, value: agentP99 / percentile(bare, 99) });
    }
    // Ingest: warm up, then one connection per ticket at a steady rate, as a POS driver prints.
    for (let i = 0; i < 5; i++) {
      await printToIngest(ingestPort, `POS${9000 + i}`);
      await forwardedAt.when(`POS${9000 + i}`, 30_000);
    }
    /** Tickets to the ingest printer at `rate`, one connection each: their last byte to card and to paper. */
    const ingestRun = async (rate: { perSecond: number; seconds: number }, firstNumber: number) => {
      const toCard: number[] = [];
      const toForwarded: number[] = [];
      const count = rate.perSecond * rate.seconds;
      const pending: Promise<void>[] = [];
      const started = performance.now();
      for (let i = 0; i < count; i++) {
        const due = started + (i * 1000) / rate.perSecond;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const number = `POS${firstNumber + i}`;
        pending.push(
          (async () => {
            const written = await printToIngest(ingestPort, number);
            toCard.push(Math.max(0, (await ingestCached.when(number, 30_000)) - written));
            toForwarded.push(Math.max(0, (await forwardedAt.when(number, 30_000)) - written));
          })(),
        );
        if (i % 10 === 0) peakRss = Math.max(peakRss, rssMb(child.pid as number));
      }
      await Promise.all(pending);
      return { count, toCard, toForwarded };
    };
    const ingestRow = (measure: string, run: { toCard: number[]; toForwarded: number[] }) => ({
      measure,
      'to cache p50 ms': percentile(run.toCard, 50),
      'to cache p99 ms': percentile(run.toCard, 99),
      'to paper p50 ms': percentile(run.toForwarded, 50),
      'to paper p99 ms': percentile(run.toForwarded, 99),
    });

    await loopDelay.reset(child);
    const plain = await ingestRun(INGEST_RATE, 1);
    const plainDelay = await loopDelay.read(child);
    rows.push(ingestRow(`ingest ${INGEST_RATE.perSecond} tickets/s (${plain.count})`, plain));
    // Baseline (issue 25): the same POS ticket to a bare TCP echo in a process of its own, same rate.
    const echo = await startEchoProcess();
    try {
      const echoed = await bareEcho(echo.port, ingestTicket('POS1'), INGEST_RATE);
      rows.push({ measure: `baseline: the POS ticket to a bare TCP echo process, ${INGEST_RATE.perSecond}/s (${echoed.length})`, 'to cache p50 ms': percentile(echoed, 50), 'to cache p99 ms': percentile(echoed, 99) });
      rows.push({ measure: 'ingest → card p99 / bare echo p99 (same run)', value: percentile(plain.toCard, 99) / percentile(echoed, 99) });
    } finally {
      echo.child.kill();
    }

    // The same tickets while five image floods arrive at once on the second ingest printer.
    await loopDelay.reset(child);
    const floodsSent = Promise.all(Array.from({ length: IMAGE_FLOODS.jobs }, () => sendToIngest(floodPort, imageFloodJob(IMAGE_FLOODS.bytes))));
    const duringFloods = await ingestRun(FLOOD_TICKETS, 10_001);
    await floodsSent;
    await waitUntil('the flood cards', () => floodCards.size >= IMAGE_FLOODS.jobs, 60_000);
    const floodDelay = await loopDelay.read(child);
    rows.push(ingestRow(`ingest ${FLOOD_TICKETS.perSecond} tickets/s during ${IMAGE_FLOODS.jobs} image floods (${duringFloods.count})`, duringFloods));
    rows.push({ measure: `agent event-loop delay p99 during plain ingest ms`, value: plainDelay.p99, 'max ms': plainDelay.max });
    rows.push({ measure: `agent event-loop delay p99 during ${IMAGE_FLOODS.jobs} image floods ms`, value: floodDelay.p99, 'max ms': floodDelay.max });
    rows.push({ measure: 'ingest to-paper p99 during floods / without (same run)', value: percentile(duringFloods.toForwarded, 99) / percentile(plain.toForwarded, 99) });
    rows.push({ measure: 'ingest to-cache p99 during floods / without (same run)', value: percentile(duringFloods.toCard, 99) / percentile(plain.toCard, 99) });
    socket.close();
    rows.push({ measure: 'agent RSS idle MB', value: idleRss, target: `< ${TARGETS.rssIdleMb}`, met: met(idleRss < TARGETS.rssIdleMb) });
    rows.push({ measure: 'agent RSS peak under load MB', value: peakRss, target: `< ${TARGETS.rssPeakMb}`, met: met(peakRss < TARGETS.rssPeakMb) });

    // Catch-up: a cold agent (no printers) facing 10,000 events it never saw (about 3 per order).
    const ordersForEvents = Math.ceil(CATCH_UP_EVENTS / 3);
    let posted = 0;
    await Promise.all(
      Array.from({ length: CATCH_UP_POSTERS }, async () => {
        while (posted < ordersForEvents) {
          posted += 1;
          await fetch(`${backend.url}/api/orders`, {
            method: 'POST',
            headers: { authorization: `Bearer ${TOKENS.POS_TOKEN}`, 'content-type': 'application/json' },
            body: JSON.stringify(sampleOrder(random)),
          });
        }
      }),
    );
    const head = (await (await fetch(`${backend.url}/api/events?after=0&limit=1`, { headers: { authorization: `Bearer ${TOKENS.ADMIN_TOKEN}` } })).json()) as { lastSeq: number };
    const coldDir = join(dir, 'cold');
    const t0 = performance.now();
    const cold = await createAgent(
      { dataDir: coldDir, localApi: { host: '127.0.0.1', port: 0 } },
      {
        settingsStore: createConfSettingsStore(coldDir),
        driver: createEscPosDriver(),
        logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
        settingsOverrides: { backendUrl: backend.url, agentToken: TOKENS.AGENT_TOKEN, realtime: { enabled: false, key: '', useTLS: false, pollIntervalMs: 60_000 } },
      },
    );
    await waitUntil('catch-up', () => cold.cache.getLastSeq() >= head.lastSeq, 30_000);
    const catchUpMs = performance.now() - t0;
    await cold.close();
    rows.push({ measure: `catch-up of ${head.lastSeq} events (cold start) ms`, value: catchUpMs, target: `< ${TARGETS.catchUpMs}`, met: met(catchUpMs < TARGETS.catchUpMs) });
  } finally {
    child.kill('SIGTERM');
    await printer.close();
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // The TableTrack connector (issue 10): its own agent process, stand-in and printer.
  rows.push(await tableTrackRow({ agentBundle: AGENT_BUNDLE, v8Flags: AGENT_V8_FLAGS, cwd: ROOT }));
  // Every script on paper (issue 21): drawing vs code pages, side by side in this process.
  rows.push(...mixedScriptRows());
  reportBench('agent', rows, { targets: { toCacheP99Ms: 25, toPaperP99MsAt10PerS: 60, catchUp10000Ms: TARGETS.catchUpMs, rssIdleMb: TARGETS.rssIdleMb, rssPeakMb: TARGETS.rssPeakMb, ingestToCardP99Ms: 25, ingestToForwardedP99MsAt10PerS: 60, tabletrackToPaperP99MsAt10PerS: 60, mixedScriptTicketP99Ms: 50, imageFloodLoopDelayP99Ms: 50, imageFloodTicketP99Ratio: 1.5 } });
}

/** A kitchen ticket as a POS prints it with node-thermal-printer (EPSON): built once, numbered per send. */
function ingestTicket(number: string): Buffer {
  const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: 'tcp://127.0.0.1:9' });
  p.alignCenter();
  p.setTextDoubleHeight();
  p.bold(true);
  p.println(`Order #${number}`);
  p.bold(false);
  p.setTextNormal();
  p.alignLeft();
  p.println('Table 4');
  p.println('2 x Bench burger');
  p.println('1 Fries');
  p.cut();
  return p.getBuffer();
}

/** Writes `bytes` on a connection of its own and closes it once they have left. */
function sendToIngest(port: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.end(bytes, () => resolve()));
    socket.on('error', reject);
    socket.on('data', () => undefined);
  });
}

/** Writes one ticket on its own connection and closes it; resolves with when its last byte left (performance.now()). */
function printToIngest(port: number, number: string): Promise<number> {
  const bytes = ingestTicket(number);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.setNoDelay(true);
      socket.write(bytes, () => {
        const at = performance.now();
        socket.end();
        resolve(at);
      });
    });
    socket.on('error', reject);
    socket.on('data', () => undefined);
  });
}

await main();

/** A TCP port nothing listens on right now (the system's pick for port 0, released at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
