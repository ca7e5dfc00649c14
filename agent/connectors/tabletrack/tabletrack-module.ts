import { isoNow } from '../../../common/clock.js';
import { TABLETRACK_SECRET_SETTINGS, TableTrackSettingsSchema } from '../../../common/settings.js';
import { whileInUse, type SourceModule } from '../source-module.js';
import { TABLETRACK_ID_PREFIX } from './tabletrack-card.js';
import { pusherOverride, tableTrackClientFor, TableTrackConnector } from './tabletrack-connector.js';
import { TABLETRACK_FLAGS } from './tabletrack-flags.js';
import { tableTrackOutboxKinds } from './tabletrack-outbox.js';
import { journalTableTrackReprint } from './tabletrack-reprint.js';
import { tableTrackPrinters, testTableTrackConnection } from './tabletrack-test-connection.js';

/**
 * A TableTrack install (a Laravel restaurant app with desktop printing) as a source of work: public
 * Pusher doorbell, the pull is the claim, every job journaled before its first byte, reports by
 * `PATCH` (docs/connectors.md). Its URL is `backendUrl`; its section `tabletrack` holds the branch
 * key (a secret bound to that URL), a Pusher host override and the printer map.
 */
const TABLETRACK = 'tabletrack';

export const tableTrackModule: SourceModule = {
  name: TABLETRACK,
  role: 'connector',
  idPrefix: TABLETRACK_ID_PREFIX,
  cacheFile: 'agent-cache-tabletrack.sqlite',
  routesByPrinter: true,
  catalog: {
    label: 'TableTrack',
    hint: 'A TableTrack install (Laravel restaurant app with desktop printing)',
    backendUrl: { label: 'TableTrack site URL', hint: 'http:// or https:// address of the TableTrack site (its API is under /api)' },
    agentToken: false,
    realtime: false,
  },
  // Its section is hand-made on the settings screen (the printer map lists TableTrack's printers).
  settings: { section: { key: 'tabletrack', schema: TableTrackSettingsSchema.default(TableTrackSettingsSchema.parse({})) }, secrets: TABLETRACK_SECRET_SETTINGS },
  flags: TABLETRACK_FLAGS,
  attach(ports) {
    const { cache, settings, outbox, logger, clock, decoder } = ports;
    const client = tableTrackClientFor(() => settings.get(), decoder);
    return {
      outboxKinds: tableTrackOutboxKinds(() => client),
      // TableTrack's slice of the board's operations (common/operations/tabletrack-operations.ts).
      operations: whileInUse(TABLETRACK, ports, {
        /** TableTrack's printers for the printer map, with the saved URL and key. */
        tabletrackPrinters: () => tableTrackPrinters(client),
      }),
      testConnection: () => testTableTrackConnection(client, pusherOverride(settings.get())),
      // A person's reprint is a new local job with the journaled bytes, never reported to TableTrack
      // (tabletrack-reprint.ts); the original job itself is still never sent twice (docs/connectors.md).
      async reprint(jobId) {
        return journalTableTrackReprint(cache, jobId, isoNow(clock));
      },
      connector: () => new TableTrackConnector({ cache, decoder, outbox, client, settings: () => settings.get(), logger, clock }),
    };
  },
};
