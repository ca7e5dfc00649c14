import { CodedError, ERRORS } from '../../../common/errors.js';
import { isoNow } from '../../../common/clock.js';
import type { SourceModule } from '../source-module.js';
import { PusherAppConnector, pusherAppSettingsOf } from './pusher-app-connector.js';
import { journalReprint, PUSHER_APP_ID_PREFIX } from './pusher-app-journal.js';
import { PUSHER_APP_FORM, PUSHER_APP_SECRETS, PUSHER_APP_SECTION, PusherAppSettingsSchema } from './pusher-app-settings.js';
import { testPusherAppConnection } from './pusher-app-test-connection.js';

/**
 * Any app that broadcasts its orders on Pusher Channels (docs/connectors.md, "pusher-app"): the
 * event is the doorbell and the order both; each order is journaled (card and one ticket per
 * station) before anything prints, and printed once per id. Its settings section and form are
 * declared here; nothing outside this folder but the registry names it.
 */
export const pusherAppModule: SourceModule = {
  name: 'pusher-app',
  role: 'connector',
  idPrefix: PUSHER_APP_ID_PREFIX,
  cacheFile: 'agent-cache-pusher-app.sqlite',
  routesByPrinter: true,
  catalog: {
    label: 'Pusher app',
    hint: 'Any app that broadcasts its orders on Pusher Channels (a Laravel app, say), or on a Pusher-protocol server',
    agentToken: false,
    realtime: false,
  },
  settings: { section: { key: PUSHER_APP_SECTION, schema: PusherAppSettingsSchema, optional: true }, secrets: PUSHER_APP_SECRETS, form: PUSHER_APP_FORM },
  attach({ cache, settings, logger, clock }) {
    return {
      testConnection: () => testPusherAppConnection(pusherAppSettingsOf(settings.get())),
      /** A person's reprint: a new local job with the same ticket, marked a reprint. */
      async reprint(jobId) {
        const cached = cache.getJob(jobId);
        if (!cached) throw new CodedError(ERRORS.PRINT_JOB_NOT_FOUND, `print job ${jobId} is not known here`);
        return journalReprint(cache, cached.job, cached.printerId ?? cached.job.printerId, isoNow(clock));
      },
      connector: () => new PusherAppConnector({ cache, settings: () => settings.get(), logger, clock }),
    };
  },
};
