import { CONNECTORS, TableTrackSettingsSchema, type AgentSettings, type ConnectorName } from '../../common/settings.js';

/** The command line's connector flags, as parseArgs reads them (`ticketrail agent --help`). */
export interface ConnectorFlags {
  connector?: string;
  'pusher-host'?: string;
  'pusher-port'?: string;
  'pusher-tls'?: string;
}

/** parseArgs options for ConnectorFlags. */
export const CONNECTOR_FLAG_OPTIONS = {
  connector: { type: 'string' },
  'pusher-host': { type: 'string' },
  'pusher-port': { type: 'string' },
  'pusher-tls': { type: 'string' },
} as const;

export const CONNECTOR_USAGE = `                       [--connector ticketrail|tabletrack]
                       [--pusher-host H --pusher-port P --pusher-tls true|false]`;

export const CONNECTOR_HELP = `--connector tabletrack serves a TableTrack install at --backend-url (its branch key in
TICKETRAIL_TABLETRACK_KEY); --pusher-* point pusher-js at a Pusher-compatible server (soketi,
Reverb, TicketRail's relay). See docs/connectors.md.`;

function isConnector(value: string): value is ConnectorName {
  return (CONNECTORS as readonly string[]).includes(value);
}

/**
 * The run-only settings the connector flags ask for; throws a readable message on a bad flag. The
 * Pusher override becomes a `tabletrack` section whose empty key and printer map leave the stored
 * ones in force (SettingsService).
 */
export function settingsFromConnectorFlags(values: ConnectorFlags): Partial<AgentSettings> {
  const overrides: Partial<AgentSettings> = {};
  if (values.connector !== undefined) {
    if (!isConnector(values.connector)) throw new Error(`--connector must be ${CONNECTORS.join(' or ')}, got ${values.connector}`);
    overrides.connector = values.connector;
  }
  const tls = values['pusher-tls'];
  if (tls !== undefined && tls !== 'true' && tls !== 'false') throw new Error(`--pusher-tls must be true or false, got ${tls}`);
  const port = values['pusher-port'];
  if (values['pusher-host'] !== undefined || port !== undefined || tls !== undefined) {
    const parsed = TableTrackSettingsSchema.safeParse({
      ...(values['pusher-host'] !== undefined ? { pusherHost: values['pusher-host'] } : {}),
      ...(port !== undefined ? { pusherPort: Number(port) } : {}),
      ...(tls !== undefined ? { pusherTLS: tls === 'true' } : {}),
    });
    if (!parsed.success) throw new Error(`bad Pusher flags: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    overrides.tabletrack = parsed.data;
  }
  return overrides;
}
