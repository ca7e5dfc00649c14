/**
 * What a source of work declares to the agent (DESIGN.md §5, docs/architecture.md "Sources of
 * work"). A source hands the agent cards and print jobs and takes back outcomes; everything that
 * differs between sources is declared here, in one module per source, listed once in
 * `registry.ts`. Core folders (pipeline/, cache/, outbox/, board/, settings/, local-api/) never
 * name a source: the composition root asks the registry and hands them what the modules declare.
 */
import { CodedError, ERRORS } from '../../common/errors.js';
import type { ConnectorCatalogEntry, DeclaredSectionForm } from '../../common/connector-catalog.js';
import type { ConnectionState, KitchenHandlers, TestConnectionResult } from '../../common/kitchen-api.js';
import type { Order, OrderStatus } from '../../common/order.js';
import type { StationAction } from '../../common/order-stations.js';
import type { PrintJob } from '../../common/print-job.js';
import type { SecretSetting } from '../../common/secret-settings.js';
import type { AgentSettings, ParsedSettingsPatch } from '../../common/settings.js';
import type { Board } from '../board/board.js';
import type { CardExtras } from '../board/card-extras.js';
import type { CacheDb } from '../cache/cache-db.js';
import type { Outbox } from '../outbox/outbox.js';
import type { OutboxKinds } from '../outbox/outbox-entry.js';
import type { JobSources } from '../pipeline/job-source.js';
import type { PrintPipeline } from '../pipeline/print-pipeline.js';
import type { PrinterDriver } from '../pipeline/printer-driver.js';
import type { AgentLogger } from '../ports.js';
import type { SettingsSection } from '../settings/settings-declarations.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { Clock } from '../../common/clock.js';
import type { TicketDecoder } from '../decode/ticket-decoder.js';
import type { Connector } from './types.js';

/** What every module is given when the agent starts, whether or not its connector runs. */
export interface ModulePorts {
  cache: CacheDb;
  settings: SettingsService;
  outbox: Outbox;
  board: Board;
  driver: PrinterDriver;
  logger: AgentLogger;
  clock: Clock;
  /** Reads other systems' tickets and answers (in a worker when large: agent/decode). */
  decoder: TicketDecoder;
  /** The lease leased claims ask for (PRINT_RETRY.leaseMs). */
  leaseMs: number;
  /** The running connector's connection now (a kitchen action taken while not live is marked so). */
  connection(): ConnectionState;
  /** The counter's cash drawers: a payment verified here opens those set to `on-payment-verified` (errors are logged, never thrown). */
  drawers: { paymentVerified(): void };
  /** The connector this start runs (chosen once per start; a saved change applies at the next). */
  runningConnector: string;
}

/** A source that runs beside whichever connector runs (POS ingest): started after the pipeline. */
export interface BesideSource {
  start(): Promise<void>;
  /** After every settings save. */
  settingsChanged(): Promise<void>;
  /** Refuses a settings patch it could not run with (field by field), before it is saved. */
  check?(patch: ParsedSettingsPatch): Promise<void>;
  close(): Promise<void>;
}

/** A module as one start of the agent holds it. */
export interface AttachedModule {
  /** The outbox rows it writes (their kinds' names are stored with each row). */
  outboxKinds?: OutboxKinds;
  /** Its jobs, by `idPrefix`, for the print pipeline (beside the running connector's). */
  jobSources?: JobSources;
  /** What it adds to its cards on the rail. */
  cardExtras?: CardExtras;
  /** Its slice of the board's operations (common/kitchen-contract.ts). */
  operations?: Partial<KitchenHandlers>;
  /** Test connection with the saved settings, when the settings name this connector. */
  testConnection?(): Promise<TestConnectionResult>;
  /**
   * A person's reprint of one of its jobs: the new job, stored (and journaled) here. Throws a
   * coded error when the source reprints elsewhere.
   */
  reprint?(jobId: string): Promise<PrintJob>;
  /**
   * A kitchen action on one of its cards; answers the card as it stands now. Absent: the move is
   * made on this PC alone (cards of sources without orders: nobody to tell).
   */
  moveCard?(order: Order, to: OrderStatus, reason: string | undefined): Order;
  /**
   * A station's bump or recall on one of its cards (checked: the station is the order's, the order
   * is open); answers the card as it stands now. Absent: made on this PC alone, like moveCard.
   */
  moveStation?(order: Order, station: string, action: StationAction): Order;
  /** Connectors: the running part, built when the settings choose this connector at start. */
  connector?(): Connector;
  /** Beside sources: the running part, built once the pipeline exists. */
  beside?(runtime: { pipeline: PrintPipeline }): BesideSource;
}

/** Command-line flags a connector adds to `ticketrail agent`. */
export interface ModuleFlags {
  /** parseArgs options. */
  options: Readonly<Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>>;
  /** Lines of the usage text. */
  usage: string;
  help: string;
  /** The run-only settings its flags ask for; throws a readable message on a bad flag. */
  settings(values: Readonly<Record<string, unknown>>): Partial<AgentSettings>;
}

export interface SourceModule {
  /** Its name: the `connector` setting's value, `--connector`, outbox kinds' prefix. */
  name: string;
  /** A connector is chosen per start; a beside source runs with any connector. */
  role: 'connector' | 'beside';
  /**
   * Ids of its cards and jobs in the cache start with this (`tabletrack:`). The empty prefix is for
   * a source whose ids are its backend's own: what no other prefix claims belongs to the running
   * connector.
   */
  idPrefix: string;
  /** Connectors: the cache file of its namespace (each connector has its own: two sources never mix). */
  cacheFile?: string;
  /** Connectors: what the settings screen shows of it. */
  catalog?: Omit<ConnectorCatalogEntry, 'name' | 'form'>;
  /** Its settings section, the secrets it keeps (paths in the settings), and the section's form. */
  settings?: { section?: SettingsSection; secrets?: readonly SecretSetting[]; form?: DeclaredSectionForm };
  /** Its flags on the command line. */
  flags?: ModuleFlags;
  /**
   * Its jobs name their printer (TableTrack maps printers, others give unserved stations to the
   * first printer): a `--printer` given without `--stations` serves them all.
   */
  routesByPrinter?: boolean;
  attach(ports: ModulePorts): AttachedModule;
}

/**
 * A connector's own board operations, carried out while that connector runs or is the saved
 * choice waiting for the next start (so its settings can be filled in before the restart: the
 * printer map lists TableTrack's printers once its URL and key are saved). Asked of an agent that
 * uses another connector, each answers 409 CONNECTOR_NOT_IN_USE, naming the operation, its
 * connector and the one that runs.
 */
export function whileInUse<S extends Partial<KitchenHandlers>>(connector: string, ports: Pick<ModulePorts, 'runningConnector' | 'settings'>, slice: S): S {
  const inUse = () => ports.runningConnector === connector || ports.settings.get().connector === connector;
  return Object.fromEntries(
    Object.entries(slice).map(([operation, handler]) => [
      operation,
      (...args: unknown[]) => {
        if (!inUse()) {
          throw new CodedError(ERRORS.CONNECTOR_NOT_IN_USE, `${operation} is the ${connector} connector's; this agent runs ${ports.runningConnector}`, {
            operation,
            connector,
            running: ports.runningConnector,
          });
        }
        return (handler as (...input: unknown[]) => unknown)(...args);
      },
    ]),
  ) as S;
}
