import { describeError } from './describe-error.js';
import type { ConnectionState } from '../common/kitchen-api.js';
import type { AgentSettings } from '../common/settings.js';
import { BackendClient } from './backend-client.js';
import { Board } from './board/board.js';
import { isFreshNotice } from './board/notices.js';
import { CacheDb } from './cache/cache-db.js';
import { KitchenService } from './kitchen-service.js';
import { startLocalApi } from './local-api/local-api-server.js';
import { createConsoleLogger } from './logger.js';
import { Outbox } from './outbox/outbox.js';
import { PRINT_RETRY, PrintPipeline, type PrintRetryPolicy } from './pipeline/print-pipeline.js';
import type { PrinterDriver } from './pipeline/printer-driver.js';
import type { AgentConfig, AgentPorts, RunningAgent } from './ports.js';
import { SettingsService } from './settings/settings-service.js';
import type { SyncSupervisor } from './sync/sync-supervisor.js';
import { connectorChecks, createConnector } from './connectors/create-connector.js';
import { createTicketDecoder, type TicketDecoder } from './decode/ticket-decoder.js';
import { tableTrackClientFor } from './connectors/tabletrack/tabletrack-connector.js';
import { tableTrackReportDelivery } from './connectors/tabletrack/tabletrack-job-source.js';
import { TicketRailConnector } from './connectors/ticketrail/ticketrail-connector.js';
import { CONNECTOR_CACHE_FILES, type Connector, type ConnectorChanges } from './connectors/types.js';
import { systemClock, type Clock } from './util/clock.js';
import { INGEST_ID_PREFIX } from './ingest/ingest-card-order.js';
import { ingestJobSource } from './ingest/ingest-job-source.js';
import { IngestService } from './ingest/ingest-service.js';
import { withPrefixedSources } from './pipeline/job-source.js';

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
  /** Where the work comes from for this run (settings `connector`): TicketRail's backend or a TableTrack install. */
  connector: Connector;
  /**
   * TicketRail's sync supervisor, owner of the current sync engine (replaced when the connection
   * settings change). Only with the `ticketrail` connector: reading it under another one throws.
   */
  sync: SyncSupervisor;
  outbox: Outbox;
  pipeline: PrintPipeline;
  board: Board;
  /** The ingest printers (POS systems printing into the agent); tests read their ports. */
  ingest: IngestService;
  /** Reads other systems' tickets (inline, or in its worker when large); tests read its counts. */
  decoder: TicketDecoder;
}

/**
 * The agent's composition root: the one place where its parts are built and wired. The host
 * (CLI headless, or Electron's main) passes the ports that differ between them.
 */
export async function createAgent(config: AgentConfig, ports: AgentComposition): Promise<Agent> {
  const logger = ports.logger ?? createConsoleLogger();
  const settings = new SettingsService(ports.settingsStore, ports.host, ports.secretBox, ports.settingsOverrides);
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
  const connectorName = settings.get().connector;
  const cache = new CacheDb(config.dataDir, CONNECTOR_CACHE_FILES[connectorName]);
  const backend = new BackendClient(() => ({ baseUrl: settings.get().backendUrl, token: settings.get().agentToken }));
  // Another system's tickets (ingest, TableTrack) and previews: large ones decode in a worker thread.
  const decoder = createTicketDecoder({ logger, ...(ports.inlineDecodeMaxBytes !== undefined ? { inlineMaxBytes: ports.inlineDecodeMaxBytes } : {}) });
  const tabletrack = tableTrackClientFor(() => settings.get(), decoder);

  const clock = ports.clock ?? systemClock;
  const retry: PrintRetryPolicy = { ...PRINT_RETRY, ...ports.printRetry };
  // The board and the outbox ask the connector for the connection at the moment they need it.
  const link = { get connection() { return connector.connection; } };
  const board = new Board(cache, () => link.connection, () => settings.get().printers.flatMap((printer) => printer.stations));
  const outbox = new Outbox(cache, backend, link, logger, clock, { tabletrack: tableTrackReportDelivery(() => tabletrack) });
  // The one owner of the sync work (for TicketRail: the sync supervisor and its one engine).
  const connector = createConnector(connectorName, { cache, decoder, outbox, backend, tabletrack, settings, logger, clock, leaseMs: retry.leaseMs });
  const pipeline = new PrintPipeline({
    cache,
    // A POS printing to an ingest printer runs beside the connector: its jobs are `ingest:…`.
    sources: withPrefixedSources(
      connector.jobSources,
      new Map([[INGEST_ID_PREFIX, ingestJobSource(cache, clock)]]),
    ),
    driver: ports.driver,
    logger,
    printers: () => settings.get().printers,
    language: () => settings.get().display.language,
    retry,
    clock,
  });

  const onChanges = (changes: ConnectorChanges) => {
    for (const orderId of changes.orderIds) board.orderChanged(orderId);
    for (const { alert, orderId } of changes.alerts) board.push({ type: 'alert', alert, orderId });
    for (const notice of changes.notices ?? []) if (isFreshNotice(notice, clock.now())) board.push({ type: 'notice', notice });
    for (const job of changes.jobs) {
      board.jobChanged(job.id);
      pipeline.consider(job);
    }
  };
  let lastMode: ConnectionState['mode'] | undefined;
  const onConnection = (connection: ConnectionState) => {
    board.push({ type: 'connection', connection });
    // Coming back (from offline, or first contact): deliver what waited and look for jobs that
    // were left pending meanwhile. Not on every sync: that would poll the backend per event.
    if (connection.mode !== 'offline' && connection.mode !== lastMode) {
      void outbox.kick();
      void pipeline.scan();
    }
    lastMode = connection.mode;
  };
  connector.on('changes', onChanges);
  connector.on('connection', onConnection);

  outbox.on('order', (orderId) => board.orderChanged(orderId));
  outbox.on('job', (job) => board.jobChanged(job.id));
  pipeline.on('job', (job) => board.jobChanged(job.id));
  pipeline.on('failed', ({ job }) => {
    board.jobChanged(job.id);
    board.push({ type: 'alert', alert: 'print.failed', jobId: job.id, ...(job.orderId ? { orderId: job.orderId } : {}) });
  });

  // A refused order action marks its card (the outbox sets the conflict); a refused print-job
  // report has no card, so the kitchen hears of it as of any failed print. The print log entry
  // itself is refreshed by the outbox's 'job' event above.
  outbox.on('conflict', ({ jobId }) => {
    if (!jobId) return;
    const orderId = cache.getJob(jobId)?.job.orderId;
    board.push({ type: 'alert', alert: 'print.failed', jobId, ...(orderId ? { orderId } : {}) });
  });

  // The agent as a network printer for POS systems (docs/ingest.md): listeners follow the settings.
  const ingest = new IngestService({ cache, board, pipeline, driver: ports.driver, decoder, logger, clock, settings: () => settings.get() });
  settings.on('changed', () => {
    ingest.settingsChanged().catch((error: unknown) => logger.error('could not restart the ingest printers', { error: describeError(error) }));
  });

  // A new backend, token or realtime setting means a new connection (the supervisor decides).
  settings.on('changed', () => {
    connector.settingsChanged().catch((error: unknown) => logger.error('could not restart the sync engine', { error: describeError(error) }));
  });

  const api = new KitchenService({ cache, board, outbox, settings, pipeline, driver: ports.driver, decoder, backend: () => backend, checks: connectorChecks({ backend, tabletrack, settings, logger }), ingest });
  const localApi = await startLocalApi(api, {
    ...config.localApi,
    ...(config.rendererDir ? { rendererDir: config.rendererDir } : {}),
    ...(config.boardPage ? { boardPage: config.boardPage } : {}),
    onBoardPageError: (error) => logger.warn('could not render the board\'s first screen; serving the page without it', { error: describeError(error) }),
    logger,
  });

  pipeline.recover();
  await ingest.start();
  connector.start();
  void outbox.kick();
  const stopScan = clock.every(PENDING_JOB_SCAN_MS, () => void pipeline.scan());
  logger.info('agent started', { board: localApi.url, connector: connectorName, backend: settings.get().backendUrl, settings: ports.settingsStore.location });

  const agent: Omit<Agent, 'sync'> = {
    api,
    localApiUrl: localApi.url,
    settings,
    cache,
    connector,
    outbox,
    pipeline,
    board,
    ingest,
    decoder,
    close: async () => {
      // No POS job is accepted once the cache may close; an unacknowledged one is reset, not lost.
      await ingest.close();
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
  return withTicketRailSync(agent, connector);
}

/**
 * `agent.sync` is TicketRail's: a plain property with that connector; under another one a
 * non-enumerable getter that says so (spreading the agent skips it).
 */
function withTicketRailSync(agent: Omit<Agent, 'sync'>, connector: Connector): Agent {
  if (connector instanceof TicketRailConnector) return { ...agent, sync: connector.sync };
  return Object.defineProperty(agent, 'sync', {
    enumerable: false,
    get: () => {
      throw new Error(`agent.sync is TicketRail's sync; this agent runs the ${connector.id} connector (agent.connector)`);
    },
  }) as Agent;
}
