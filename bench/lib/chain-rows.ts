/**
 * `bench:backend`, chain part: the backend on PostgreSQL with one process, then with two behind
 * the same load (connections split between them), over 20 locations, publishing to a standalone
 * relay in a process of its own. Rows: orders/s of each (and the ratio), `order.submitted` at a
 * pusher-js subscriber of all 20 locations with two processes, and a check of every location's
 * log afterwards: no seq lost, none repeated, one `order.submitted` per 201.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locationChannels } from '../../common/channels.js';
import { EventsPageSchema, type TicketEvent } from '../../common/events.js';
import { runLocationsCli, runTokensCli } from '../../backend/cli.js';
import { sampleOrder, seededRandom } from '../../backend/sample-orders.js';
import { startBackendProcess, type BackendProcess } from '../../backend/test/backend-process.js';
import { freePort } from '../../backend/test/helpers.js';
import { adminQuery, postgresUrl, startPostgres, type RunningPostgres } from '../../test/postgres/server.js';
import { OrderArrivals } from './order-arrivals.js';
import { percentile, type BenchRow } from './report.js';

const require = createRequire(import.meta.url);
const PusherJs = require('pusher-js') as typeof import('pusher-js').default;

const CHAIN = { locations: 20, concurrency: 50, seconds: 10, warmupRequests: 400, latencyRate: 50, latencySeconds: 8, targetRatio: 1.6, eventP99Ms: 15 } as const;
const ADMIN_TOKEN = `bench-chain-admin-${randomBytes(6).toString('hex')}`;
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Chain {
  url: string;
  /** pos token of each location, by location id. */
  pos: Map<string, string>;
}

function cpuSeconds(pid: number | undefined): number {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return Number.NaN;
  const fields = readFileSync(file, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Busy and total jiffies of the whole machine (/proc/stat), every core. */
function machineJiffies(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  // idle and iowait are the machine waiting; everything else is some process's work.
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

/**
 * How many of the machine's cores were busy between two readings: PostgreSQL, the backends, the
 * relay and this load generator share them, so a run at (nearly) every core says the machine, not
 * the backend, set its rate — and a second process cannot raise it.
 */
function busyCores(before: { busy: number; total: number }, after: { busy: number; total: number }): number {
  const total = after.total - before.total;
  return total > 0 ? ((after.busy - before.busy) / total) * availableParallelism() : Number.NaN;
}

function post(agent: Agent, url: URL, body: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: 15_000 }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** A new database with 20 locations and a pos token for each, made with the CLI as an operator would. */
async function makeChain(server: RunningPostgres, name: string): Promise<Chain> {
  await adminQuery(server, `CREATE DATABASE ${name}`);
  const url = postgresUrl(server, name);
  const env = { DATABASE_URL: url };
  const pos = new Map<string, string>();
  for (let i = 0; i < CHAIN.locations; i += 1) {
    const id = `loc-${String(i).padStart(2, '0')}`;
    await runLocationsCli(['create', '--id', id, '--name', `Location ${i}`], { env, print: () => undefined });
    const lines: string[] = [];
    await runTokensCli(['create', '--role', 'pos', '--location', id], { env, print: (line) => lines.push(line) });
    pos.set(id, lines[0] as string);
  }
  return { url, pos };
}

async function startRelayProcess(app: { id: string; key: string; secret: string }): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/ticketrail.ts', 'relay'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', RELAY_APP_ID: app.id, RELAY_APP_KEY: app.key, RELAY_APP_SECRET: app.secret, RELAY_PORT: String(port), RELAY_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`relay did not start:\n${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('relay listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { port, child };
}

/** Every location's log, read through the chain-wide admin: lost or repeated seqs, and 201s without their event. */
async function checkLogs(api: string, chain: Chain, created: Map<string, Set<string>>): Promise<{ lost: number; repeated: number; unmatched: number }> {
  let lost = 0;
  let repeated = 0;
  let unmatched = 0;
  for (const location of chain.pos.keys()) {
    const events: TicketEvent[] = [];
    let after = 0;
    let lastSeq: number;
    for (;;) {
      const answer = await fetch(`${api}/api/events?location=${location}&after=${after}&limit=1000`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      const page = EventsPageSchema.parse(await answer.json());
      lastSeq = page.lastSeq;
      events.push(...page.events);
      if (page.events.length === 0) break;
      after = page.events.at(-1)?.seq ?? after;
    }
    const seqs = new Set(events.map((event) => event.seq));
    repeated += events.length - seqs.size;
    for (let seq = 1; seq <= lastSeq; seq += 1) if (!seqs.has(seq)) lost += 1;
    const submitted = new Set(events.filter((event) => event.type === 'order.submitted').map((event) => event.orderId));
    for (const id of created.get(location) ?? []) if (!submitted.has(id)) unmatched += 1;
  }
  return { lost, repeated, unmatched };
}

/** 50 connections posting orders for 10 s, connection i to process i mod n and location i mod 20. */
async function throughput(processes: BackendProcess[], chain: Chain): Promise<{ rate: number; p50: number; p99: number; errors: number; cpu: number; busyCores: number; created: Map<string, Set<string>> }> {
  const locations = [...chain.pos.keys()];
  const random = seededRandom(7);
  const bodies = Array.from({ length: 400 }, () => JSON.stringify(sampleOrder(random)));
  const agents = processes.map(() => new Agent({ keepAlive: true, maxSockets: CHAIN.concurrency }));
  const created = new Map<string, Set<string>>(locations.map((id) => [id, new Set()]));
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const run = async (limit: number, deadline: number, record: boolean) => {
    sent = 0;
    await Promise.all(
      Array.from({ length: CHAIN.concurrency }, async (_, connection) => {
        const which = connection % processes.length;
        const location = locations[connection % locations.length] as string;
        const target = new URL('/api/orders', (processes[which] as BackendProcess).url);
        while (sent < limit && performance.now() < deadline) {
          const body = bodies[sent++ % bodies.length] as string;
          const started = performance.now();
          const answer = await post(agents[which] as Agent, target, body, chain.pos.get(location) as string).catch(() => ({ status: 0, body: '' }));
          if (answer.status === 201) created.get(location)?.add((JSON.parse(answer.body) as { id: string }).id);
          if (!record) continue;
          if (answer.status === 201) latencies.push(performance.now() - started);
          else errors += 1;
        }
      }),
    );
  };
  await run(CHAIN.warmupRequests, performance.now() + 20_000, false);
  const cpuBefore = processes.reduce((sum, p) => sum + cpuSeconds(p.child.pid), 0);
  const machineBefore = machineJiffies();
  const started = performance.now();
  await run(Number.MAX_SAFE_INTEGER, started + CHAIN.seconds * 1000, true);
  const seconds = (performance.now() - started) / 1000;
  const cpu = processes.reduce((sum, p) => sum + cpuSeconds(p.child.pid), 0) - cpuBefore;
  const machineBusy = busyCores(machineBefore, machineJiffies());
  for (const agent of agents) agent.destroy();
  return { rate: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, cpu, busyCores: machineBusy, created };
}

/** order.submitted at a pusher-js client subscribed to all 20 locations' orders channels, at a steady rate. */
async function eventLatency(processes: BackendProcess[], chain: Chain, relay: { port: number }, key: string): Promise<{ p50: number; p99: number; missing: number; count: number }> {
  const client = new PusherJs(key, {
    cluster: 'local',
    wsHost: '127.0.0.1',
    wsPort: relay.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    disableStats: true,
    channelAuthorization: { endpoint: `${(processes[0] as BackendProcess).url}/api/pusher/auth`, transport: 'ajax', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } },
  });
  const arrivals = new OrderArrivals();
  const locations = [...chain.pos.keys()];
  await Promise.all(
    locations.map(
      (location) =>
        new Promise<void>((resolve, reject) => {
          const channel = client.subscribe(locationChannels(location).orders);
          const timer = setTimeout(() => reject(new Error(`subscription to ${location} timed out`)), 20_000);
          channel.bind('pusher:subscription_succeeded', () => {
            clearTimeout(timer);
            resolve();
          });
          channel.bind('order.submitted', arrivals.onEvent);
        }),
    ),
  );
  const agent = new Agent({ keepAlive: true });
  const random = seededRandom(11);
  const total = CHAIN.latencyRate * CHAIN.latencySeconds;
  const latencies: number[] = [];
  let missing = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / CHAIN.latencyRate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const location = locations[i % locations.length] as string;
    const target = new URL('/api/orders', (processes[i % processes.length] as BackendProcess).url);
    pending.push(
      (async () => {
        const answer = await post(agent, target, JSON.stringify(sampleOrder(random)), chain.pos.get(location) as string);
        const returned = performance.now();
        const { id } = JSON.parse(answer.body) as { id: string };
        const arrived = await arrivals.arrival(id);
        if (arrived === undefined) missing += 1;
        else latencies.push(Math.max(0, arrived - returned));
      })(),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  client.disconnect();
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), missing, count: total };
}

export async function chainRows(): Promise<BenchRow[]> {
  const server = await startPostgres();
  const app = { id: 'bench-chain', key: randomBytes(10).toString('hex'), secret: randomBytes(20).toString('hex') };
  const relay = await startRelayProcess(app);
  const dataDirs: string[] = [];
  const rows: BenchRow[] = [];
  try {
    const rates: number[] = [];
    for (const count of [1, 2]) {
      const chain = await makeChain(server, `bench_${count}_${randomBytes(3).toString('hex')}`);
      const env = {
        DATABASE_URL: chain.url,
        DATABASE_POOL_SIZE: '20',
        PUSHER_APP_ID: app.id,
        PUSHER_KEY: app.key,
        PUSHER_SECRET: app.secret,
        PUSHER_HOST: '127.0.0.1',
        PUSHER_PORT: String(relay.port),
        CUSTOMER_TOKEN_SECRET: randomBytes(32).toString('hex'),
        ADMIN_TOKEN,
      };
      const processes: BackendProcess[] = [];
      try {
        for (let i = 0; i < count; i += 1) {
          const dataDir = mkdtempSync(join(tmpdir(), 'ticketrail-bench-chain-'));
          dataDirs.push(dataDir);
          processes.push(await startBackendProcess({ env: { ...env, DATA_DIR: dataDir } }));
        }
        const measured = await throughput(processes, chain);
        rates.push(measured.rate);
        let latency: Awaited<ReturnType<typeof eventLatency>> | undefined;
        if (count === 2) latency = await eventLatency(processes, chain, relay, app.key);
        const logs = await checkLogs((processes[0] as BackendProcess).url, chain, measured.created);
        rows.push({
          scenario: `PostgreSQL, ${count} backend process${count > 1 ? 'es' : ''}: POST /api/orders, ${CHAIN.concurrency} connections over ${CHAIN.locations} locations`,
          requests: Math.round(measured.rate * CHAIN.seconds) + measured.errors,
          seconds: CHAIN.seconds,
          'orders/s': Math.round(measured.rate),
          p50_ms: measured.p50,
          p99_ms: measured.p99,
          errors: measured.errors,
          target: count === 2 ? `>= ${CHAIN.targetRatio}x one process` : 'baseline',
          met: count === 2 ? (measured.rate >= CHAIN.targetRatio * (rates[0] ?? Infinity) ? 'yes' : 'NO') : '',
          ratio: count === 2 ? Number((measured.rate / (rates[0] ?? Number.NaN)).toFixed(2)) : 1,
          'orders/cpu-s': Number.isFinite(measured.cpu) && measured.cpu > 0 ? Math.round((measured.rate * CHAIN.seconds) / measured.cpu) : 'n/a',
          'machine busy cores': `${measured.busyCores.toFixed(2)} of ${availableParallelism()}`,
          'lost/repeated seq': `${logs.lost}/${logs.repeated}`,
          'orders without event': logs.unmatched,
        });
        if (latency) {
          rows.push({
            scenario: `PostgreSQL, 2 processes: order.submitted to pusher-js on ${CHAIN.locations} locations at ${CHAIN.latencyRate} orders/s`,
            requests: latency.count,
            seconds: CHAIN.latencySeconds,
            'orders/s': CHAIN.latencyRate,
            p50_ms: latency.p50,
            p99_ms: latency.p99,
            errors: latency.missing,
            target: `event p99 < ${CHAIN.eventP99Ms} ms`,
            met: latency.p99 < CHAIN.eventP99Ms && latency.missing === 0 ? 'yes' : 'NO',
          });
        }
      } finally {
        await Promise.all(processes.map((p) => p.stop()));
      }
    }
  } finally {
    relay.child.kill('SIGTERM');
    await server.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
