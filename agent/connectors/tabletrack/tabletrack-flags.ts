import { TableTrackSettingsSchema, type AgentSettings } from '../../../common/settings.js';
import type { ModuleFlags } from '../source-module.js';

/** The TableTrack connector's flags: a Pusher-compatible server for pusher-js (`ticketrail agent --help`). */
export const TABLETRACK_FLAGS: ModuleFlags = {
  options: {
    'pusher-host': { type: 'string' },
    'pusher-port': { type: 'string' },
    'pusher-tls': { type: 'string' },
  },
  usage: '                       [--pusher-host H --pusher-port P --pusher-tls true|false]',
  help: `--connector tabletrack serves a TableTrack install at --backend-url (its branch key in
TICKETRAIL_TABLETRACK_KEY); --pusher-* point pusher-js at a Pusher-compatible server (soketi,
Reverb, TicketRail's relay). See docs/connectors.md.`,
  /**
   * The Pusher override becomes a run-only `tabletrack` section of the values given: what it leaves
   * out (the key, the printer map) stays as stored (SettingsService).
   */
  settings(values) {
    const host = values['pusher-host'] as string | undefined;
    const port = values['pusher-port'] as string | undefined;
    const tls = values['pusher-tls'] as string | undefined;
    if (tls !== undefined && tls !== 'true' && tls !== 'false') throw new Error(`--pusher-tls must be true or false, got ${tls}`);
    if (host === undefined && port === undefined && tls === undefined) return {};
    const parsed = TableTrackSettingsSchema.safeParse({
      ...(host !== undefined ? { pusherHost: host } : {}),
      ...(port !== undefined ? { pusherPort: Number(port) } : {}),
      ...(tls !== undefined ? { pusherTLS: tls === 'true' } : {}),
    });
    if (!parsed.success) throw new Error(`bad Pusher flags: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    const overrides: Partial<AgentSettings> = { tabletrack: parsed.data };
    return overrides;
  },
};
