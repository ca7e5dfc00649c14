import type { SourcePrintersResult } from '../../common/connector-check.js';
import type { TestConnectionResult } from '../../common/kitchen-api.js';
import type { ConnectorName } from '../../common/settings.js';
import type { BackendClient } from '../backend-client.js';
import type { CacheDb } from '../cache/cache-db.js';
import type { TicketDecoder } from '../decode/ticket-decoder.js';
import type { Outbox } from '../outbox/outbox.js';
import type { AgentLogger } from '../ports.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { Clock } from '../util/clock.js';
import type { TableTrackClient } from './tabletrack/tabletrack-client.js';
import { pusherOverride, TableTrackConnector } from './tabletrack/tabletrack-connector.js';
import { tableTrackPrinters, testTableTrackConnection } from './tabletrack/tabletrack-test-connection.js';
import { TicketRailConnector } from './ticketrail/ticketrail-connector.js';
import { testTicketRailConnection } from './ticketrail/ticketrail-test-connection.js';
import type { Connector } from './types.js';

export interface ConnectorDeps {
  cache: CacheDb;
  /** Reads other systems' tickets (in a worker when large). */
  decoder: TicketDecoder;
  outbox: Outbox;
  backend: BackendClient;
  tabletrack: TableTrackClient;
  settings: SettingsService;
  logger: AgentLogger;
  clock: Clock;
  /** The lease TicketRail jobs are claimed with (PRINT_RETRY.leaseMs). */
  leaseMs: number;
}

/** The connector the agent runs with for this start (settings `connector`, `--connector`). */
export function createConnector(name: ConnectorName, deps: ConnectorDeps): Connector {
  const { cache, outbox, backend, tabletrack, settings, logger, clock, leaseMs, decoder } = deps;
  const current = () => settings.get();
  if (name === 'tabletrack') return new TableTrackConnector({ cache, decoder, outbox, client: tabletrack, settings: current, logger, clock });
  return new TicketRailConnector({ cache, backend, outbox, settings: current, logger, clock, leaseMs });
}

/** The settings screen's checks, for the connector the settings name now (which may start only at the next start). */
export interface ConnectorChecks {
  testConnection(): Promise<TestConnectionResult>;
  tabletrackPrinters(): Promise<SourcePrintersResult>;
}

export function connectorChecks(deps: Pick<ConnectorDeps, 'backend' | 'tabletrack' | 'settings' | 'logger'>): ConnectorChecks {
  const { backend, tabletrack, settings, logger } = deps;
  return {
    testConnection: () =>
      settings.get().connector === 'tabletrack' ? testTableTrackConnection(tabletrack, pusherOverride(settings.get())) : testTicketRailConnection(backend, settings, logger),
    tabletrackPrinters: () => tableTrackPrinters(tabletrack),
  };
}
