/**
 * Relay benchmark (`npm run bench:relay`): publish→delivery latency and fan-out throughput of the
 * embedded Pusher relay against a baseline — a bare `ws` server that broadcasts the same frames
 * with no protocol work — plus RSS per 1,000 idle connections.
 *
 * Each server runs in its own child process (this file, started with --serve=…) so its CPU and
 * memory are its own; the subscribers and the publisher live in this process. Both servers are
 * driven identically: raw ws subscribers, events POSTed over one keep-alive HTTP client (signed
 * with the `pusher` SDK for the relay), the send time embedded in the event data.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import PusherServer from 'pusher';
import { WebSocket, WebSocketServer } from 'ws';
import { startRelay } from '../backend/relay/index.js';
import { percentile, reportBench, type BenchRow } from './lib/report.js';

const BENCH_APP = { id: 'bench', key: 'bench-key', secret: 'bench-secret-0123456789' };
const CHANNEL = 'kitchen';
const EVENT = 'order.submitted';
const SUBSCRIBER_COUNTS = [100, 1_000] as const;
/**
 * Every subscriber connects from 127.0.0.1, so the relay's per-address cap (default 200) is raised
 * to hold the largest run, with room for sockets of the previous run still closing.
 */
const BENCH_MAX_CONNECTIONS_PER_IP = 2 * Math.max(...SUBSCRIBER_COUNTS);
/** Sequential events for latency (each waits for all deliveries), after a warm-up. */
const WARMUP_EVENTS = 30;
const LATENCY_EVENTS: Record<number, number> = { 100: 300, 1000: 150 };
/** Events for the throughput run, published with a few requests in flight. */
const THROUGHPUT_EVENTS: Record<number, number> = { 100: 3_000, 1000: 400 };
const PUBLISH_CONCURRENCY = 8;
/** Subscribers that read during the latency run (spread evenly over all of them). */
const LATENCY_OBSERVERS = 100;
/** Latency and throughput runs alternate between the two servers this many times. */
const ROUNDS = 3;
const CONNECT_BATCH = 200;
const PHASE_TIMEOUT_MS = 60_000;
/** Targets from the issue, reported next to the measurements. */
const TARGET_THROUGHPUT_RATIO = 0.5;
const TARGET_P99_MS_AT_1000 = 20;

type ServerKind = 'relay' | 'baseline';

// ---------------------------------------------------------------------------------------------
// Child side: one server per process, answering the parent over IPC.
// ---------------------------------------------------------------------------------------------

type ChildMessage = { type: 'ready'; port: number } | { type: 'memory'; rss: number; heapUsed: number };
type ParentMessage = { type: 'measure' };

function reply(message: ChildMessage): void {
  process.send?.(message);
}

function memoryAfterGc(): { rss: number; heapUsed: number } {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

function answerMeasurements(): void {
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'measure') reply({ type: 'memory', ...memoryAfterGc() });
  });
  process.on('disconnect', () => process.exit(0));
}

async function serveRelay(): Promise<void> {
  const relay = await startRelay({ port: 0, apps: [BENCH_APP], maxConnectionsPerIp: BENCH_MAX_CONNECTIONS_PER_IP });
  answerMeasurements();
  reply({ type: 'ready', port: relay.port });
}

/** Frames the baseline sends so its sockets carry the same handshake traffic as the relay's. */
const BASELINE_WELCOME = JSON.stringify({ event: 'pusher:connection_established', data: '{}' });
const BASELINE_ACK = JSON.stringify({ event: 'pusher_internal:subscription_succeeded', channel: CHANNEL, data: '{}' });

/**
 * The baseline: accept a POSTed event, wrap it in the same frame, write it to every socket. It
 * mirrors the relay's handshake traffic (welcome out, one frame in, ack out) so per-socket buffers
 * compare fairly, but does no protocol work: no parsing of client frames, no auth, no channels.
 */
async function serveBaseline(): Promise<void> {
  const sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  sockets.on('connection', (socket) => {
    socket.send(BASELINE_WELCOME);
    socket.once('message', () => socket.send(BASELINE_ACK));
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { name: string; channel: string; data: string };
      const frame = Buffer.from(JSON.stringify({ event: event.name, channel: event.channel, data: event.data }));
      for (const socket of sockets.clients) socket.send(frame, { binary: false });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.on('upgrade', (req, socket, head: Buffer) => sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  answerMeasurements();
  reply({ type: 'ready', port: (server.address() as AddressInfo).port });
}

// ---------------------------------------------------------------------------------------------
// Parent side: subscribers, publisher, measurements.
// ---------------------------------------------------------------------------------------------

function withTimeout<T>(label: string, promise: Promise<T>, ms = PHASE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no result within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function nextMessage<T extends ChildMessage['type']>(child: ChildProcess, type: T): Promise<Extract<ChildMessage, { type: T }>> {
  return withTimeout(`child ${type}`, new Promise((resolve) => {
    const onMessage = (message: ChildMessage): void => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve(message as Extract<ChildMessage, { type: T }>);
    };
    child.on('message', onMessage);
  }));
}

async function startServerProcess(kind: ServerKind): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(fileURLToPath(import.meta.url), [`--serve=${kind}`], {
    execArgv: [...process.execArgv, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await nextMessage(child, 'ready');
  return { child, port };
}

async function measureMemory(child: ChildProcess): Promise<{ rss: number; heapUsed: number }> {
  const reading = nextMessage(child, 'memory');
  child.send({ type: 'measure' } satisfies ParentMessage);
  const { rss, heapUsed } = await reading;
  return { rss, heapUsed };
}

/** What every subscriber does with a delivery; set per phase. */
type DeliveryHandler = (payload: Buffer) => void;

interface Subscribers {
  sockets: WebSocket[];
  setHandler(handler: DeliveryHandler): void;
  close(): void;
}

async function openSubscriber(kind: ServerKind, port: number, dispatch: (payload: Buffer) => void): Promise<WebSocket> {
  const path = kind === 'relay' ? `/app/${BENCH_APP.key}?protocol=7&client=bench&version=1` : '/';
  const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { perMessageDeflate: false });
  // Same exchange with both servers: welcome → subscribe → acknowledgement.
  await withTimeout('subscriber ready', new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    const onSetup = (payload: Buffer): void => {
      const frame = JSON.parse(payload.toString('utf8')) as { event: string };
      if (frame.event === 'pusher:connection_established') {
        socket.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: CHANNEL } }));
      } else if (frame.event === 'pusher_internal:subscription_succeeded') {
        socket.off('message', onSetup);
        resolve();
      }
    };
    socket.on('message', onSetup);
  }));
  socket.on('message', dispatch);
  return socket;
}

async function openSubscribers(kind: ServerKind, port: number, count: number): Promise<Subscribers> {
  let handler: DeliveryHandler = () => {};
  const dispatch = (payload: Buffer): void => handler(payload);
  const sockets: WebSocket[] = [];
  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const batch = Math.min(CONNECT_BATCH, count - start);
    sockets.push(...(await Promise.all(Array.from({ length: batch }, () => openSubscriber(kind, port, dispatch)))));
  }
  return {
    sockets,
    setHandler: (next) => {
      handler = next;
    },
    close: () => sockets.forEach((socket) => socket.terminate()),
  };
}

/** Publishes one event the way each server expects; resolves when the HTTP answer is in. */
type Publish = (data: string) => Promise<void>;

function publisherFor(kind: ServerKind, port: number): Publish {
  const base = `http://127.0.0.1:${port}`;
  if (kind === 'baseline') {
    return async (data) => {
      const response = await fetch(`${base}/publish`, { method: 'POST', body: JSON.stringify({ name: EVENT, channel: CHANNEL, data }) });
      await response.arrayBuffer();
    };
  }
  const sdk = new PusherServer({ appId: BENCH_APP.id, key: BENCH_APP.key, secret: BENCH_APP.secret, host: '127.0.0.1', port: String(port), useTLS: false });
  const path = `/apps/${BENCH_APP.id}/events`;
  return async (data) => {
    // Signed by the SDK, sent with the same keep-alive fetch client as the baseline for a fair race.
    const body = JSON.stringify({ name: EVENT, channel: CHANNEL, data });
    const query = sdk.createSignedQueryString({ method: 'POST', path, body });
    const response = await fetch(`${base}${path}?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (response.status !== 200) throw new Error(`relay answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
}

interface EventStamp {
  i: number;
  t: number;
}

/**
 * Both servers send `{"event":…,"channel":…,"data":"{\"i\":…,\"t\":…,…}"}`; a regex reads the
 * stamp far cheaper than two JSON.parse calls, keeping the harness's own cost out of the latency.
 */
const STAMP_PATTERN = /\\"i\\":(\d+),\\"t\\":([\d.]+)/;

function stampOf(payload: Buffer): EventStamp {
  const match = STAMP_PATTERN.exec(payload.toString('latin1'));
  if (!match) throw new Error(`delivery without a stamp: ${payload.toString('utf8').slice(0, 200)}`);
  return { i: Number(match[1]), t: Number(match[2]) };
}

/**
 * Sequential events: each is published once every observing subscriber has the previous one.
 *
 * With 1,000 subscribers in this one process, reading every socket would make the harness, not
 * the server, the bottleneck. So only an evenly spread sample of `observers` sockets reads during
 * the run; the rest are paused (the server still writes to all of them, into kernel buffers) and
 * drained afterwards.
 */
async function measureLatency(subscribers: Subscribers, publish: Publish, events: number, observers: number): Promise<number[]> {
  const every = Math.max(1, Math.round(subscribers.sockets.length / observers));
  const paused = subscribers.sockets.filter((_, index) => index % every !== 0);
  const expected = subscribers.sockets.length - paused.length;
  for (const socket of paused) socket.pause();

  const latencies: number[] = [];
  for (let i = 0; i < events; i += 1) {
    let received = 0;
    const allDelivered = new Promise<void>((resolve) => {
      subscribers.setHandler((payload) => {
        const stamp = stampOf(payload);
        if (stamp.i !== i) return;
        latencies.push(performance.now() - stamp.t);
        received += 1;
        if (received === expected) resolve();
      });
    });
    await publish(JSON.stringify({ i, t: performance.now(), order: 'o-1042', status: 'submitted' }));
    await withTimeout(`latency event ${i}`, allDelivered);
  }

  let drained = 0;
  const backlog = paused.length * events;
  const allDrained = new Promise<void>((resolve) => {
    subscribers.setHandler(() => {
      drained += 1;
      if (drained === backlog) resolve();
    });
    if (backlog === 0) resolve();
  });
  for (const socket of paused) socket.resume();
  await withTimeout('drain paused subscribers', allDrained);
  return latencies;
}

/** Publishes `events` with a few requests in flight and times until every delivery has arrived. */
async function measureThroughput(subscribers: Subscribers, publish: Publish, events: number): Promise<{ deliveriesPerSec: number; seconds: number }> {
  const expected = subscribers.sockets.length * events;
  let received = 0;
  const allDelivered = new Promise<void>((resolve) => {
    subscribers.setHandler(() => {
      received += 1;
      if (received === expected) resolve();
    });
  });
  const started = performance.now();
  let next = 0;
  const publisher = async (): Promise<void> => {
    while (next < events) {
      const i = next;
      next += 1;
      await publish(JSON.stringify({ i, t: performance.now(), order: 'o-1042', status: 'submitted' }));
    }
  };
  await Promise.all(Array.from({ length: PUBLISH_CONCURRENCY }, publisher));
  await withTimeout('throughput deliveries', allDelivered);
  const seconds = (performance.now() - started) / 1000;
  return { deliveriesPerSec: expected / seconds, seconds };
}

interface Measurement {
  kind: ServerKind;
  subscribers: number;
  latencies: number[];
  /** One throughput figure per round; the median is reported. */
  deliveriesPerSec: number[];
  rssPer1000Mb: number;
  heapPer1000Mb: number;
}

const MB = 1024 * 1024;

/** A server under test with its subscribers connected. */
interface Contender {
  kind: ServerKind;
  child: ChildProcess;
  subscribers: Subscribers;
  publish: Publish;
  result: Measurement;
}

async function prepare(kind: ServerKind, subscriberCount: number): Promise<Contender> {
  const { child, port } = await startServerProcess(kind);
  const before = await measureMemory(child);
  const subscribers = await openSubscribers(kind, port, subscriberCount);
  const after = await measureMemory(child);
  const publish = publisherFor(kind, port);
  await measureLatency(subscribers, publish, WARMUP_EVENTS, subscriberCount);
  return {
    kind,
    child,
    subscribers,
    publish,
    result: {
      kind,
      subscribers: subscriberCount,
      latencies: [],
      deliveriesPerSec: [],
      rssPer1000Mb: ((after.rss - before.rss) / subscriberCount) * (1000 / MB),
      heapPer1000Mb: ((after.heapUsed - before.heapUsed) / subscriberCount) * (1000 / MB),
    },
  };
}

/**
 * Baseline and relay run side by side, alternating in short rounds, so that load from anything
 * else on the machine hits both alike instead of skewing whichever happened to run during it.
 */
async function compare(subscriberCount: number): Promise<{ baseline: Measurement; relay: Measurement }> {
  const contenders = [await prepare('baseline', subscriberCount), await prepare('relay', subscriberCount)];
  try {
    const latencyEvents = Math.ceil((LATENCY_EVENTS[subscriberCount] ?? 100) / ROUNDS);
    const throughputEvents = Math.ceil((THROUGHPUT_EVENTS[subscriberCount] ?? 500) / ROUNDS);
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const contender of contenders) {
        contender.result.latencies.push(
          ...(await measureLatency(contender.subscribers, contender.publish, latencyEvents, LATENCY_OBSERVERS)),
        );
      }
      for (const contender of contenders) {
        const { deliveriesPerSec } = await measureThroughput(contender.subscribers, contender.publish, throughputEvents);
        contender.result.deliveriesPerSec.push(deliveriesPerSec);
      }
    }
  } finally {
    for (const contender of contenders) {
      contender.subscribers.close();
      contender.child.kill();
    }
  }
  const [baseline, relay] = contenders.map((contender) => contender.result) as [Measurement, Measurement];
  return { baseline, relay };
}

async function main(): Promise<void> {
  const started = performance.now();
  const rows: BenchRow[] = [];
  const verdicts: Record<string, string> = {};
  for (const subscriberCount of SUBSCRIBER_COUNTS) {
    const { baseline, relay } = await compare(subscriberCount);
    const throughput = (result: Measurement) => percentile(result.deliveriesPerSec, 50);
    const ratio = throughput(relay) / throughput(baseline);
    for (const result of [baseline, relay]) {
      rows.push({
        server: result.kind === 'relay' ? 'relay (pusher protocol)' : 'baseline (bare ws)',
        subscribers: result.subscribers,
        'p50 ms': percentile(result.latencies, 50),
        'p99 ms': percentile(result.latencies, 99),
        'delivered msg/s': Math.round(throughput(result)),
        'relay/baseline': result.kind === 'relay' ? ratio : 1,
        // At 100 sockets the RSS delta is below the allocator's granularity: only 1,000 is meaningful.
        'RSS MB / 1k conns': result.subscribers >= 1000 ? result.rssPer1000Mb : 'n/a',
        'heap MB / 1k conns': result.subscribers >= 1000 ? result.heapPer1000Mb : 'n/a',
      });
    }
    verdicts[`throughput ratio @${subscriberCount} (target ≥ ${TARGET_THROUGHPUT_RATIO})`] =
      `${ratio.toFixed(2)} ${ratio >= TARGET_THROUGHPUT_RATIO ? 'met' : 'MISSED'}`;
    if (subscriberCount === 1000) {
      const p99 = percentile(relay.latencies, 99);
      verdicts[`relay p99 @1000 (target < ${TARGET_P99_MS_AT_1000} ms)`] =
        `${p99.toFixed(2)} ms ${p99 < TARGET_P99_MS_AT_1000 ? 'met' : 'MISSED'}`;
    }
  }
  reportBench('relay', rows, {
    targets: verdicts,
    loadAverage: os.loadavg(),
    cpus: os.cpus().length,
    method: {
      latency: `sequential events; publish (HTTP POST) → delivery at ${LATENCY_OBSERVERS} evenly spread reading subscribers (the others paused, still written to); per-delivery samples`,
      throughput: `${PUBLISH_CONCURRENCY} publishes in flight; deliveries / time until the last one arrived; median of ${ROUNDS} rounds`,
      interleaving: `baseline and relay alternate in ${ROUNDS} rounds so machine load affects both alike`,
      rss: 'server RSS (and V8 heapUsed) after gc with N subscribed sockets minus before, scaled to 1,000',
      note: 'subscribers and publisher share one process; servers run in their own child process',
    },
  });
  for (const [target, verdict] of Object.entries(verdicts)) console.log(`${target}: ${verdict}`);
  console.log(`load average ${os.loadavg().map((load) => load.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`);
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const serveArgument = process.argv.find((argument) => argument.startsWith('--serve='));
const role = serveArgument?.slice('--serve='.length);
const entry = role === 'relay' ? serveRelay() : role === 'baseline' ? serveBaseline() : main();
entry.catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exitCode = 1;
});
