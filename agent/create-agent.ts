import { describeError } from './describe-error.js';
import type { ConnectionState, KitchenHandlers } from '../common/kitchen-api.js';
import { KITCHEN_API, type KitchenOperation } from '../common/kitchen-contract.js';
import { PRINTER_SETUP_OPERATIONS } from '../common/operations/printer-setup-operations.js';
import type { AgentSettings } from '../common/settings.js';
import { Board } from './board/board.js';
import { DayNotices } from './board/day-notices.js';
import type { CardExtras } from './board/card-extras.js';
import { CacheDb } from './cache/cache-db.js';
import { KitchenService, type CoreKitchenHandlers } from './kitchen-service.js';
import { PrinterSetup } from './printer-setup.js';
import { settingsLockOperations } from './settings/settings-lock-operations.js';
import { SettingsLock } from './settings/settings-lock.js';
import { startLocalApi } from './local-api/local-api-server.js';
import { createConsoleLogger } from './logger.js';
import { Outbox } from './outbox/outbox.js';
import { PRINT_RETRY, PrintPipeline, UNREACHABLE_OFFER_MS, type PrintRetryPolicy } from './pipeline/print-pipeline.js';
import type { PrinterDriver } from './pipeline/printer-driver.js';
import type { AgentConfig, AgentPorts, RunningAgent } from './ports.js';
import { SettingsService } from './settings/settings-service.js';
import { connectorModule, moduleOfId, settingsDeclarations, SOURCE_MODULES } from './connectors/registry.js';
import type { AttachedModule, BesideSource, ModulePorts, SourceModule } from './connectors/source-module.js';
import type { Connector, ConnectorChanges } from './connectors/types.js';
import { systemClock, type Clock } from '../common/clock.js';
import { createTicketDecoder, type TicketDecoder } from './decode/ticket-decoder.js';
import { withPrefixedSources } from './pipeline/job-source.js';
import { DEFAULT_CONNECTOR } from '../common/settings.js';

/** How often the pipeline asks the backend for pending jobs besides reacting to events. */
export const PENDING_JOB_SCAN_MS = 15_000;

export interface AgentComposition extends AgentPorts {
  driver: PrinterDriver;
  /** Settings that win over the stored file for this run (CLI flags). */
  settingsOverrides?: Partial<AgentSettings>;
  /** How long a job waits for a printer that took nothing; tests shorten it. */
  printRetry?: Partial<PrintRetryPolicy>;
  /** Time and timers of sync, outbox, print retries and leases, and the pending-job scan; tests move their own. */
  clock?: Clock;
  /** Tickets up to this size decode on the main thread (default INLINE_DECODE_MAX_BYTES); 0 sends all to the worker. */
  inlineDecodeMaxBytes?: number;
}

/** The running agent plus the parts tests and the all-in-one starter look into. */
export interface Agent extends RunningAgent {
  settings: SettingsService;
  cache: CacheDb;
  /** Where the work comes from for this run (settings `connector`): its registry module's running part. */
  connector: Connector;
  outbox: Outbox;
  pipeline: PrintPipeline;
  board: Board;
  /** Reads other systems' tickets (inline, or in its worker when large); tests read its counts. */
  decoder: TicketDecoder;
  /** Sources that run beside the connector (the ingest printers), by module name; tests look into them. */
  besides: ReadonlyMap<string, BesideSource>;
}

/** A registry module as this start holds it. */
interface Attached {
  module: SourceModule;
  attached: AttachedModule;
}

/**
 * The board's operations: the core's (KitchenService), the printer set-up slice (PrinterSetup) and
 * each source's own slice (its module's `operations`), one handler per operation of KITCHEN_API —
 * a missing or doubled one stops the start, as a bug should.
 */
function kitchenHandlers(core: CoreKitchenHandlers, setup: PrinterSetup, lock: SettingsLock, settings: SettingsService, modules: readonly Attached[]): KitchenHandlers {
  const slices: Partial<Record<KitchenOperation, unknown>>[] = [
    // Class methods are bound here: the slice is handed on as plain functions.
    Object.fromEntries(Object.keys(PRINTER_SETUP_OPERATIONS).map((name) => [name, (setup as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!.bind(setup)])),
    settingsLockOperations(lock, settings),
    ...modules.map(({ attached }) => attached.operations ?? {}),
  ];
  // The settings PIN: dispatchKitchenCall asks it before every call that enters by IPC or HTTP.
  const handlers: Record<string, unknown> = { subscribe: core.subscribe.bind(core), authorizeCall: lock.authorizeCall.bind(lock) };
  for (const name of Object.keys(KITCHEN_API) as KitchenOperation[]) {
    const fromCore = (core as unknown as Record<string, unknown>)[name];
    const found = [...(typeof fromCore === 'function' ? [fromCore.bind(core)] : []), ...slices.flatMap((slice) => (slice[name] ? [slice[name]] : []))];
    if (found.length !== 1) throw new Error(`board operation ${name} has ${found.length} handlers; it needs exactly one`);
    handlers[name] = found[0];
  }
  return handlers as unknown as KitchenHandlers;
}

/**
 * The agent's composition root: the one place where its parts are built and wired. The host
 * (CLI headless, or Electron's main) passes the ports that differ between them. What differs
 * between sources of work is asked of the registry (agent/connectors/registry.ts): this file
 * names none of them.
 */
export async function createAgent(config: AgentConfig, ports: AgentComposition): Promise<Agent> {
  const logger = ports.logger ?? createConsoleLogger();
  const settings = new SettingsService(ports.settingsStore, ports.host, ports.secretBox, ports.settingsOverrides, settingsDeclarations());
  const problem = settings.fileProblem;
  if (problem) {
    logger.warn(`settings file ${problem.location} is unusable (${problem.reason}); running on default settings`, {
      settings: problem.location,
      ...(problem.copy ? { keptCopy: problem.copy } : {}),
      ...(problem.copyError ? { copyFailed: problem.copyError, saves: 'refused until the file is fixed or moved' } : {}),
    });
  }
  // The connector is chosen once per start, and each has its own cache file: orders and jobs of
  // two sources never mix. A change in the settings applies at the next start (docs/connectors.md).
  const chosen = connectorModule(settings.get().connector);
  if (!chosen) logger.error(`no connector ${settings.get().connector}; running ${DEFAULT_CONNECTOR}`, { connector: settings.get().connector });
  const connectorOf = chosen ?? (connectorModule(DEFAULT_CONNECTOR) as SourceModule);
  const cache = new CacheDb(config.dataDir, connectorOf.cacheFile);

  const clock = ports.clock ?? systemClock;
  // Another system's tickets (ingest, TableTrack) and previews: large ones decode in a worker thread.
  const decoder = createTicketDecoder({ logger, ...(ports.inlineDecodeMaxBytes !== undefined ? { inlineMaxBytes: ports.inlineDecodeMaxBytes } : {}) });
  const retry: PrintRetryPolicy = { ...PRINT_RETRY, ...ports.printRetry };
  // The board and the sources ask the connector for the connection at the moment they need it.
  const connection = (): ConnectionState => connector.connection;
  const outbox = new Outbox(cache, logger, clock);
  const attachedModules: Attached[] = [];
  // Filled as the modules attach: they are given the board, and the board asks them.
  const cardExtras: CardExtras[] = [];
  const dayNotices = new DayNotices(cache, clock);
  const board = new Board(cache, connection, () => settings.get().printers.flatMap((printer) => printer.stations), cardExtras, dayNotices);
  const setup = new PrinterSetup({ driver: ports.driver, printers: () => settings.get().printers, logger });
  const drawers = { paymentVerified: () => void setup.paymentVerified() };
  const modulePorts: ModulePorts = {
    cache,
    settings,
    outbox,
    board,
    driver: ports.driver,
    logger,
    clock,
    decoder,
    leaseMs: retry.leaseMs,
    connection,
    drawers,
    runningConnector: connectorOf.name,
  };
  // Every module is attached, whichever connector runs: the settings screen tests and lists the
  // connector it names, and rows of every kind can be delivered.
  for (const module of SOURCE_MODULES) attachedModules.push({ module, attached: module.attach(modulePorts) });
  for (const { attached } of attachedModules) {
    if (attached.outboxKinds) outbox.register(attached.outboxKinds);
    if (attached.cardExtras) cardExtras.push(attached.cardExtras);
  }
  const running = attachedModules.find(({ module }) => module === connectorOf) as Attached;
  if (!running.attached.connector) throw new Error(`connector ${connectorOf.name} declares no running part`);
  const connector = running.attached.connector();

  const pipeline = new PrintPipeline({
    cache,
    // Sources that run beside the connector (a POS printing to an ingest printer) own their ids' prefixes.
    sources: withPrefixedSources(
      connector.jobSources,
      new Map(attachedModules.flatMap(({ module, attached }) => (module !== connectorOf && module.idPrefix && attached.jobSources ? [[module.idPrefix, attached.jobSources] as const] : []))),
    ),
    driver: ports.driver,
    logger,
    printers: () => settings.get().printers,
    language: () => settings.get().display.language,
    retry,
    clock,
    unreachableOfferMs: () => (settings.get().display.unreachableOfferSec ?? UNREACHABLE_OFFER_MS / 1000) * 1000,
  });
  board.attachPrinting({ watch: pipeline.watch, printers: () => settings.get().printers });

  const onChanges = (changes: ConnectorChanges) => {
    for (const orderId of changes.orderIds) board.orderChanged(orderId);
    for (const { alert, orderId, orderNumber } of changes.alerts) board.push({ type: 'alert', alert, orderId, ...(orderNumber !== undefined ? { orderNumber } : {}) });
    for (const notice of changes.notices ?? []) {
      dayNotices.keep(notice);
      board.push({ type: 'notice', notice });
    }
    for (const job of changes.jobs) {
      board.jobChanged(job.id);
      pipeline.consider(job);
    }
  };
  let lastMode: ConnectionState['mode'] | undefined;
  const onConnection = (state: ConnectionState) => {
    board.push({ type: 'connection', connection: state });
    // Coming back (from offline, or first contact): deliver what waited and look for jobs that
    // were left pending meanwhile. Not on every sync: that would poll the backend per event.
    if (state.mode !== 'offline' && state.mode !== lastMode) {
      void outbox.kick();
      void pipeline.scan();
    }
    lastMode = state.mode;
  };
  connector.on('changes', onChanges);
  connector.on('connection', onConnection);

  outbox.on('order', (orderId) => board.orderChanged(orderId));
  outbox.on('job', (job) => board.jobChanged(job.id));
  pipeline.on('job', (job) => board.jobChanged(job.id));
  pipeline.on('printing', () => board.printingChanged());
  pipeline.on('problem', ({ printerId }) => board.push({ type: 'alert', alert: 'printer.problem', printerId }));
  pipeline.on('failed', ({ job }) => {
    board.jobChanged(job.id);
    board.printingChanged();
    board.push({ type: 'alert', alert: 'print.failed', jobId: job.id, ...(job.orderId ? { orderId: job.orderId } : {}) });
  });

  // A refused order action marks its card (the source sets the conflict); a refused print-job
  // report has no card, so the kitchen hears of it as of any failed print. The print log entry
  // itself is refreshed by the outbox's 'job' event above.
  outbox.on('conflict', ({ jobId }) => {
    if (!jobId) return;
    const orderId = cache.getJob(jobId)?.job.orderId;
    board.push({ type: 'alert', alert: 'print.failed', jobId, ...(orderId ? { orderId } : {}) });
  });

  // Sources beside the connector (the ingest printers, docs/ingest.md): they follow the settings.
  const besides = new Map<string, BesideSource>();
  for (const { module, attached } of attachedModules) if (attached.beside) besides.set(module.name, attached.beside({ pipeline }));
  settings.on('changed', () => {
    for (const [name, beside] of besides) beside.settingsChanged().catch((error: unknown) => logger.error(`could not apply the settings to ${name}`, { error: describeError(error) }));
  });

  // A new backend, token or realtime setting means a new connection (the connector decides).
  settings.on('changed', () => {
    connector.settingsChanged().catch((error: unknown) => logger.error('could not restart the sync engine', { error: describeError(error) }));
  });

  const core = new KitchenService({
    cache,
    board,
    settings,
    pipeline,
    driver: ports.driver,
    decoder,
    clock,
    sources: {
      ownerOf: (id) => moduleOfId(id, attachedModules.map(({ module, attached }) => ({ idPrefix: module.idPrefix, ...attached })), { idPrefix: '', ...running.attached }),
      async testConnection() {
        const named = attachedModules.find(({ module }) => module.role === 'connector' && module.name === settings.get().connector);
        if (!named?.attached.testConnection) return { ok: false, message: `no connector ${settings.get().connector} on this agent` };
        return named.attached.testConnection();
      },
      async checkPatch(patch) {
        for (const beside of besides.values()) await beside.check?.(patch);
      },
    },
  });
  const api = kitchenHandlers(core, setup, new SettingsLock(settings, clock), settings, attachedModules);
  const localApi = await startLocalApi(api, {
    ...config.localApi,
    ...(config.rendererDir ? { rendererDir: config.rendererDir } : {}),
    ...(config.boardPage ? { boardPage: config.boardPage } : {}),
    onBoardPageError: (error) => logger.warn('could not render the board\'s first screen; serving the page without it', { error: describeError(error) }),
    logger,
  });

  pipeline.recover();
  for (const beside of besides.values()) await beside.start();
  connector.start();
  void outbox.kick();
  const stopScan = clock.every(PENDING_JOB_SCAN_MS, () => void pipeline.scan());
  logger.info('agent started', { board: localApi.url, connector: connector.id, backend: settings.get().backendUrl, settings: ports.settingsStore.location });

  return {
    api,
    localApiUrl: localApi.url,
    settings,
    cache,
    connector,
    outbox,
    pipeline,
    board,
    besides,
    decoder,
    close: async () => {
      // No POS job is accepted once the cache may close; an unacknowledged one is reset, not lost.
      for (const beside of besides.values()) await beside.close();
      stopScan();
      pipeline.stop();
      // Waits for a delivery in flight: its answer is written to the cache, which closes below.
      await outbox.stop();
      // Waits for a restart under way too, so no engine is left running.
      await connector.stop();
      await localApi.close();
      await pipeline.idle();
      await decoder.close();
      cache.close();
    },
  };
}
