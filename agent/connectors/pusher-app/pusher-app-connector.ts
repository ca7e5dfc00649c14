import type { AgentSettings } from '../../../common/settings.js';
import type { CacheDb } from '../../cache/cache-db.js';
import type { JobSources } from '../../pipeline/job-source.js';
import type { AgentLogger } from '../../ports.js';
import { sectionOf } from '../../settings/settings-declarations.js';
import { isoNow, type Clock } from '../../../common/clock.js';
import { ConnectionSlot } from '../../util/connection-slot.js';
import type { Connector, ConnectorChanges } from '../types.js';
import { pusherAppJobSources } from './pusher-app-job-source.js';
import { journalOrder, journalStatus } from './pusher-app-journal.js';
import { PUSHER_APP_SECTION, type PusherAppSettings } from './pusher-app-settings.js';
import { PusherAppSync } from './pusher-app-sync.js';

/** The section as the settings hold it now (validated when they were loaded or saved). */
export const pusherAppSettingsOf = (settings: AgentSettings): PusherAppSettings | undefined => sectionOf<PusherAppSettings>(settings, PUSHER_APP_SECTION);

/** What a link is built from: every field but the map (read per event through the journal's settings). */
function connectionKey(settings: AgentSettings): string {
  const section = pusherAppSettingsOf(settings);
  if (!section) return 'none';
  const { map: _map, ...connection } = section;
  return JSON.stringify(Object.entries(connection).sort(([a], [b]) => a.localeCompare(b)));
}

export interface PusherAppConnectorDeps {
  cache: CacheDb;
  settings: () => AgentSettings;
  logger: AgentLogger;
  clock: Clock;
}

/**
 * The `pusher-app` connector: any app that broadcasts its orders on Pusher Channels (a Laravel
 * app's `OrderReceived` on `private-vendor-orders.{id}`, say). One PusherAppSync at a time,
 * replaced when the connection settings change; only the current one's events are passed on.
 */
export class PusherAppConnector extends ConnectionSlot<ConnectorChanges, PusherAppSync> implements Connector {
  readonly id = 'pusher-app';
  readonly jobSources: JobSources;

  constructor(deps: PusherAppConnectorDeps) {
    const { cache, settings, logger, clock } = deps;
    super({
      settings,
      needsNew: (running, next) => connectionKey(running) !== connectionKey(next),
      build: (built) => {
        const section = pusherAppSettingsOf(built);
        const journal = { cache, printers: () => settings().printers, channel: section?.channel ?? '', now: () => isoNow(clock) };
        return new PusherAppSync({
          settings: section,
          map: () => pusherAppSettingsOf(settings())?.map ?? (section as PusherAppSettings).map,
          journalOrder: (order) => journalOrder(journal, order),
          journalStatus: (sourceId, status) => journalStatus(journal, sourceId, status),
          logger,
          clock,
        });
      },
    });
    this.jobSources = pusherAppJobSources(cache, clock);
  }
}
