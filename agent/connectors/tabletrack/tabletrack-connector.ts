import type { AgentSettings } from '../../../common/settings.js';
import type { CacheDb } from '../../cache/cache-db.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { JobSources } from '../../pipeline/job-source.js';
import type { AgentLogger } from '../../ports.js';
import { isoNow, type Clock } from '../../../common/clock.js';
import { ConnectionSlot } from '../../util/connection-slot.js';
import type { Connector, ConnectorChanges } from '../types.js';
import type { TicketDecoder } from '../../decode/ticket-decoder.js';
import { TableTrackClient } from './tabletrack-client.js';
import { tableTrackJobSources } from './tabletrack-job-source.js';
import { journalPulledJob, journalRefusedJob, type TableTrackJournalDeps } from './tabletrack-journal.js';
import type { PusherHostOverride } from './tabletrack-realtime.js';
import { TableTrackSync } from './tabletrack-sync.js';
import { TABLETRACK_REPORT_KIND } from './tabletrack-outbox.js';

/** What a TableTrack connection is built from: a change to any of it means a new one. */
function connectionKey(settings: AgentSettings): string {
  const { key, pusherHost, pusherPort, pusherTLS } = settings.tabletrack;
  return JSON.stringify([settings.backendUrl, key, pusherHost ?? null, pusherPort ?? null, pusherTLS ?? null]);
}

/** The settings' Pusher override (TLS stays on unless the settings say otherwise: tabletrack-realtime.ts). */
export function pusherOverride(settings: AgentSettings): PusherHostOverride {
  const { pusherHost, pusherPort, pusherTLS } = settings.tabletrack;
  return {
    ...(pusherHost ? { host: pusherHost } : {}),
    ...(pusherPort ? { port: pusherPort } : {}),
    ...(pusherTLS !== undefined ? { useTLS: pusherTLS } : {}),
  };
}

/** A client reading the settings per request: the URL is `backendUrl`, the key `tabletrack.key`; large answers parsed by `decoder`. */
export function tableTrackClientFor(settings: () => AgentSettings, decoder?: Pick<TicketDecoder, 'parseJson'>): TableTrackClient {
  return new TableTrackClient(() => ({ baseUrl: settings().backendUrl, key: settings().tabletrack.key }), decoder);
}

export interface TableTrackConnectorDeps {
  cache: CacheDb;
  decoder: TicketDecoder;
  outbox: Outbox;
  client: TableTrackClient;
  settings: () => AgentSettings;
  logger: AgentLogger;
  clock: Clock;
}

/**
 * The `tabletrack` connector: a TableTrack install (Laravel restaurant app with desktop printing)
 * as the agent's source of work. Owns one TableTrackSync at a time, replaced when the URL, the key
 * or the Pusher override change; only the current one's events are passed on (ConnectionSlot).
 */
export class TableTrackConnector extends ConnectionSlot<ConnectorChanges, TableTrackSync> implements Connector {
  readonly id = 'tabletrack';
  readonly jobSources: JobSources;

  constructor(deps: TableTrackConnectorDeps) {
    super({
      settings: deps.settings,
      needsNew: (running, next) => connectionKey(running) !== connectionKey(next),
      build: () => tableTrackSync(deps),
    });
    this.jobSources = tableTrackJobSources({ cache: deps.cache, outbox: deps.outbox, clock: deps.clock });
  }

  /** The running sync (replaced after a change of URL, key or Pusher override). */
  get sync(): TableTrackSync {
    return this.current;
  }
}

/** A sync for the settings as they are now; every job it pulls is journaled before anything else. */
function tableTrackSync(deps: TableTrackConnectorDeps): TableTrackSync {
  const { cache, outbox, client, settings, logger, clock, decoder } = deps;
  const journal: TableTrackJournalDeps = {
    cache,
    decoder,
    printers: () => settings().printers,
    tabletrack: () => settings().tabletrack,
    reportAgain: (jobId, body) => outbox.enqueue(TABLETRACK_REPORT_KIND, jobId, body),
    reportRefused: (jobId, body, alongside) => outbox.enqueue(TABLETRACK_REPORT_KIND, jobId, body, alongside),
    now: () => isoNow(clock),
  };
  return new TableTrackSync({
    client,
    cache,
    override: pusherOverride(settings()),
    logger,
    clock,
    journal: (job) => journalPulledJob(journal, job),
    journalRefused: (refused) => journalRefusedJob(journal, refused),
  });
}
