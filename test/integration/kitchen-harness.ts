import { join } from 'node:path';
import { createAgent, type Agent } from '../../agent/index.js';
import { TicketRailConnector } from '../../agent/connectors/ticketrail/ticketrail-connector.js';
import type { SyncSupervisor } from '../../agent/connectors/ticketrail/sync/sync-supervisor.js';
import { IngestService } from '../../agent/ingest/ingest-service.js';
import { createEscPosDriver } from '../../agent/pipeline/escpos-driver.js';
import { createConfSettingsStore } from '../../agent/settings/conf-settings-store.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../agent/printing/virtual-printer.js';
import type { AgentLogger, HostSettings } from '../../agent/ports.js';
import type { Clock } from '../../common/clock.js';
import { ORDER_LIST_LIMITS, type Order } from '../../common/order.js';
import { PRINT_JOB_LIST_LIMITS, type PrintJob } from '../../common/print-job.js';
import type { z } from 'zod';
import { IngestPrinterSchema, type PrinterSettings } from '../../common/settings.js';
import { TEST_TOKENS, tempDir, type Resources } from '../../backend/test/helpers.js';

export { Api, Resources, TEST_TOKENS, agentTokenFor, eventually, freePort, sampleInput, startTestBackend, tempDir } from '../../backend/test/helpers.js';

/** Printer time limits short enough for tests, long enough for a loaded two-core machine. */
export const TEST_DRIVER = { connectTimeoutMs: 1_000, answerTimeoutMs: 1_500 } as const;
/** Shortened PRINT_RETRY; attemptMs matches the test driver's time limits (connect + three answers). */
export const TEST_PRINT_RETRY = { firstDelayMs: 200, maxDelayMs: 500, windowMs: 4_000, leaseMs: 6_000, attemptMs: 5_500 } as const;

export const quietLogger: AgentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };


export async function startTestPrinter(resources: Resources, port = 0): Promise<VirtualPrinter> {
  const printer = await startVirtualPrinter({ port, name: 'test' });
  resources.add(() => printer.close());
  return printer;
}

export function printerSettings(printer: VirtualPrinter, stations: string[] = ['kitchen', 'bar']): PrinterSettings {
  return {
    id: 'test-printer',
    name: 'Test printer',
    type: 'EPSON',
    interface: `tcp://127.0.0.1:${printer.port}`,
    width: 80,
    characterSet: 'PC858_EURO',
    stations,
    copies: 1,
    buzzer: false,
    cut: true,
    textMode: 'auto',
    drawer: 'never',
  };
}

export interface TestAgentOptions {
  backendUrl: string;
  printers: PrinterSettings[];
  dataDir?: string;
  agentId?: string;
  /** The agent's token (default the test agent token): each agentId needs its own, as the backend binds them. */
  agentToken?: string;
  pollIntervalMs?: number;
  realtime?: boolean;
  /** What the host hands the agent for the run (default nothing): `hostsBackend` makes it an all-in-one agent. */
  host?: HostSettings;
  /** Where the agent logs (default nowhere). */
  logger?: AgentLogger;
  /** The agent's time and timers (default the wall clock): a ManualClock lets the test move them. */
  clock?: Clock;
  /** Ingest printers for the run (docs/ingest.md), as `--ingest` would give them. */
  ingest?: z.input<typeof IngestPrinterSchema>[];
}

/** TicketRail's sync supervisor of an agent running the `ticketrail` connector (tests look into it). */
export function ticketRailSync(agent: Pick<Agent, 'connector'>): SyncSupervisor {
  if (!(agent.connector instanceof TicketRailConnector)) throw new Error(`this agent runs the ${agent.connector.id} connector, not TicketRail's`);
  return agent.connector.sync;
}

/** The ingest printers of an agent (the `ingest` source beside its connector). */
export function ingestOf(agent: Pick<Agent, 'besides'>): IngestService {
  const ingest = agent.besides.get('ingest');
  if (!(ingest instanceof IngestService)) throw new Error('this agent runs no ingest printers');
  return ingest;
}

/** The real agent (cache file, local API, printer driver) pointed at a test backend, with its TicketRail sync. */
export async function startTestAgent(resources: Resources, options: TestAgentOptions): Promise<Agent & { dataDir: string; sync: SyncSupervisor }> {
  const dataDir = options.dataDir ?? tempDir(resources);
  const agent = await createAgent(
    { dataDir, localApi: { host: '127.0.0.1', port: 0 } },
    {
      settingsStore: createConfSettingsStore(dataDir),
      driver: createEscPosDriver(TEST_DRIVER),
      ...(options.host ? { host: options.host } : {}),
      logger: options.logger ?? quietLogger,
      ...(options.clock ? { clock: options.clock } : {}),
      printRetry: TEST_PRINT_RETRY,
      settingsOverrides: {
        agentId: options.agentId ?? 'agent-test',
        backendUrl: options.backendUrl,
        agentToken: options.agentToken ?? TEST_TOKENS.agent,
        printers: options.printers,
        realtime: { enabled: options.realtime ?? true, key: '', useTLS: false, pollIntervalMs: options.pollIntervalMs ?? 1000 },
        ...(options.ingest ? { ingest: options.ingest.map((entry) => IngestPrinterSchema.parse(entry)) } : {}),
      },
    },
  );
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await agent.close();
  };
  resources.add(close);
  return { ...agent, close, dataDir, sync: ticketRailSync(agent) };
}

/** The job id a kitchen ticket carries in its footer line, from the decoded lines. */
export function ticketJobId(lines: readonly { text: string }[]): string | undefined {
  return lines.map((line) => /\b(job_[a-z0-9]+)\b/.exec(line.text)?.[1]).find(Boolean);
}

/** Tickets the virtual printer printed, counted by job id. */
export function printedJobIds(printer: VirtualPrinter): Map<string, number> {
  const counts = new Map<string, number>();
  for (const job of printer.printed) {
    const id = ticketJobId(job.decoded.lines);
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export const cachePath = (dataDir: string) => join(dataDir, 'agent-cache.sqlite');

type Getter = { get: <T>(path: string, token?: string) => Promise<{ status: number; body: T }> };

/** Every page of a cursor-paged list endpoint, as the admin. */
async function allPages<T>(api: Getter, path: string, key: 'orders' | 'jobs', limit: number, token: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null | undefined;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const response = await api.get<Record<string, unknown>>(`${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, token);
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    items.push(...(response.body[key] as T[]));
    cursor = response.body.nextCursor as string | null | undefined;
  } while (cursor);
  return items;
}

export const allOrders = (api: Getter, status: 'active' | 'all' = 'all', token: string = TEST_TOKENS.admin) =>
  allPages<Order>(api, `/api/orders?status=${status}`, 'orders', ORDER_LIST_LIMITS.maxLimit, token);

export const allJobs = (api: Getter, status?: string, token: string = TEST_TOKENS.admin) =>
  allPages<PrintJob>(api, `/api/print-jobs${status ? `?status=${status}` : ''}`, 'jobs', PRINT_JOB_LIST_LIMITS.maxLimit, token);
