import { ALLERGY_WORD_LIMITS, DEFAULT_ALLERGY_WORDS } from './allergy-words.js';
import { z } from 'zod';
import { DEFAULT_KEY_MAP, KEY_ACTIONS, KEY_NAME_MAX, duplicateBindings, isReservedKey, type KeyAction } from './key-map.js';
import type { ConnectorCatalogEntry } from './connector-catalog.js';
import { DEFAULT_LANGUAGE, LANGUAGES } from './i18n/languages.js';
import { StationSchema } from './order.js';
import { CORE_SECRET_SETTINGS, redactSecrets, type SecretSetting } from './secret-settings.js';

export const PRINTER_TYPES = ['EPSON', 'STAR'] as const;
export const PAPER_WIDTHS = [58, 80] as const;
/** Character sets the ticket renderer knows how to encode (see agent/printing/code-pages.ts). */
export const CHARACTER_SETS = [
  'PC858_EURO',
  'PC437_USA',
  'PC852_LATIN2',
  'WPC1250_LATIN2',
  'PC857_TURKISH',
  'WPC1254_TURKISH',
  'PC775_BALTIC',
  'WPC1257_BALTIC',
  'PC737_GREEK',
  'WPC1253_GREEK',
  'PC866_CYRILLIC2',
  'WPC1251_CYRILLIC',
  'PC862_HEBREW',
  'PC864_ARABIC',
  'WPC1256_ARABIC',
  'PC874_THAI',
  'WPC1258_VIETNAMESE',
  'CHINA',
  'JAPAN',
  'KOREA',
] as const;
export type CharacterSet = (typeof CHARACTER_SETS)[number];

/**
 * How text reaches paper (docs/printing.md, "Text modes"): `auto` prints a line as text when the
 * printer's selected or fallback code pages hold it and draws it as an image otherwise; `image`
 * draws every line; `codepage` never draws (what no page holds prints as `?`).
 */
export const TEXT_MODES = ['auto', 'codepage', 'image'] as const;
export type TextMode = (typeof TEXT_MODES)[number];

/** When the cash drawer on the printer's drawer port opens by itself. */
export const DRAWER_MODES = ['never', 'on-payment-verified'] as const;
export type DrawerMode = (typeof DRAWER_MODES)[number];

/**
 * Where the printer is (agent/printing/printer-interface.ts parses it):
 * - `tcp://HOST:PORT` — a network printer;
 * - `printer:NAME` — a printer of the OS spooler (CUPS `lp`, Windows' RAW datatype). The name never
 *   starts with "-": `lp` / `lpstat` would read it as an option (`-h HOST` sends the query to another
 *   print server); agent/printing/spooler-transport.ts refuses one too;
 * - `usb://VID:PID` or `usb://VID:PID/SERIAL` — a USB printer driven directly (hex ids);
 * - `file:///dev/usb/lp0` — a device file (Linux printer class);
 * - `serial://PATH?baud=N` — a serial port (`serial://COM3?baud=19200`, `serial:///dev/ttyUSB0`).
 */
export const PRINTER_INTERFACE_PATTERNS = {
  tcp: /^tcp:\/\/[A-Za-z0-9.-]+:\d{1,5}$/,
  spooler: /^printer:[^\s].{0,126}$/,
  usb: /^usb:\/\/[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}(\/[\x21-\x7e]{1,64})?$/,
  file: /^file:\/\/\/[^\0?#]{1,255}(\?status=none)?$/,
  serial: /^serial:\/\/[^\s?#]{1,255}(\?[a-z]+=[A-Za-z0-9]+(&[a-z]+=[A-Za-z0-9]+)*)?$/,
} as const;

export const PrinterInterfaceSchema = z
  .string()
  .trim()
  .refine(
    (value) => Object.values(PRINTER_INTERFACE_PATTERNS).some((pattern) => pattern.test(value)),
    'interface must be tcp://host:port, printer:NAME, usb://VID:PID[/SERIAL], file:///path or serial://PATH?baud=N',
  )
  .regex(/^(?!printer:-)/, 'printer:NAME: the printer name cannot start with "-" (the spooler would read it as an option)');

/**
 * A logo printed at the top of every ticket: a 1-bit PNG as a data URL, already scaled to the
 * paper and dithered by the agent when it was uploaded (agent/printing/logo.ts). At most 576 dots
 * wide and 400 high: 28.8 KB of dots before compression, under 40,000 characters as a data URL.
 */
export const LOGO_MAX_DATA_URL_CHARS = 48_000;
export const LogoSchema = z
  .string()
  .max(LOGO_MAX_DATA_URL_CHARS, 'logo: the image is too large')
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, 'logo: a PNG data URL made by the agent');

export const PrinterSettingsSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'id: lower-case letters, digits and "-"'),
  name: z.string().trim().min(1).max(64),
  type: z.enum(PRINTER_TYPES).default('EPSON'),
  interface: PrinterInterfaceSchema,
  width: z.union([z.literal(58), z.literal(80)]).default(80),
  characterSet: z.enum(CHARACTER_SETS).default('PC858_EURO'),
  stations: z.array(StationSchema).min(1).max(16),
  copies: z.number().int().min(1).max(5).default(1),
  buzzer: z.boolean().default(false),
  cut: z.boolean().default(true),
  textMode: z.enum(TEXT_MODES).default('auto'),
  drawer: z.enum(DRAWER_MODES).default('never'),
  logo: LogoSchema.optional(),
});
export type PrinterSettings = z.output<typeof PrinterSettingsSchema>;
export type PrinterSettingsInput = z.input<typeof PrinterSettingsSchema>;

export const RealtimeSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  key: z.string().max(128).default(''),
  cluster: z.string().regex(/^[a-z0-9-]*$/).max(32).optional(),
  host: z.string().max(253).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  useTLS: z.boolean().default(false),
  /** Polling interval when the realtime link is down. */
  pollIntervalMs: z.number().int().min(1000).max(60_000).default(3000),
});
export type RealtimeSettings = z.output<typeof RealtimeSettingsSchema>;

export const SoundSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  volume: z.number().min(0).max(1).default(0.8),
  /**
   * Whether an uploaded receipt sounds (front of house): its own row in the sound settings; absent
   * means it does. Optional rather than defaulted, so settings written before it stay as they were.
   */
  receipt: z.boolean().optional(),
  /**
   * Whether the counter's notices (gift card sales, loyalty points) sound; absent means they do. A
   * kitchen may mute them alone. Optional rather than defaulted, so settings written before it stay as they were.
   */
  notices: z.boolean().optional(),
  /** Whether a printer problem (out of paper, cover open, offline, unreachable) sounds, once per problem; absent means it does. */
  printProblems: z.boolean().optional(),
});

const keyNameField = z
  .string()
  .trim()
  .min(1)
  .max(KEY_NAME_MAX)
  .refine((key) => !isReservedKey(key), { message: '1–9 and Escape are taken: they select a card and clear the selection' });

/**
 * The board's key map (common/key-map.ts): which key bumps, recalls, moves the selection and
 * serves on Expo. No key may do two things; the defaults are what a keyboard already sends.
 */
export const KeyMapSchema = z
  .strictObject(Object.fromEntries(KEY_ACTIONS.map((action) => [action, keyNameField.default(DEFAULT_KEY_MAP[action])])) as Record<KeyAction, z.ZodDefault<typeof keyNameField>>)
  .superRefine((map, context) => {
    for (const [action, others] of duplicateBindings(map)) {
      context.addIssue({ code: 'custom', path: [action], message: `this key is also bound to ${others.join(', ')}` });
    }
  });

export const DisplaySettingsSchema = z
  .strictObject({
    /**
     * The board's and the printed tickets' language, a BCP 47 tag (issue 22, pinned): `en`, `es`,
     * `pt`, `fr`, `de`, `pl`, `tr`, `ar`, `zh`. Defaulted, so settings written before it read as English.
     */
    language: z.enum(LANGUAGES).default(DEFAULT_LANGUAGE),
    amberAfterMin: z.number().int().min(1).max(120).default(5),
    redAfterMin: z.number().int().min(1).max(240).default(8),
    fontScale: z.number().min(0.75).max(2).default(1),
    stations: z.array(StationSchema).max(16).default([]),
    /** The customer screen (/screen) shows customers' first names beside their numbers (issue 22). Off by default. */
    screenNames: z.boolean().default(false),
    /** Minutes a ready order stays on the customer screen when nobody marks it served. */
    screenReadyMinutes: z.number().int().min(1).max(120).default(10),
    /** Seconds a printer stays unreachable before the board offers to send its waiting tickets to another printer of its station (issue 20). */
    unreachableOfferSec: z.number().int().min(10).max(3600).optional(),
    /**
     * Words that make a ticket line an allergy warning (issue 20), besides the built-in English ones
     * (common/allergy-words.ts): common translations by default, editable in Settings.
     */
    allergyWords: z
      .array(z.string().trim().min(1).max(ALLERGY_WORD_LIMITS.maxLength))
      .max(ALLERGY_WORD_LIMITS.maxWords)
      .default([...DEFAULT_ALLERGY_WORDS]),
    /** The board's keys (issue 19): defaulted, so settings written before it read as the defaults. */
    keys: KeyMapSchema.default(DEFAULT_KEY_MAP),
  })
  .refine((d) => d.redAfterMin > d.amberAfterMin, {
    message: 'red threshold must be later than amber',
    path: ['redAfterMin'],
  });

/**
 * Pusher credentials for the backend this PC hosts (all-in-one mode): with them the backend
 * publishes to that service instead of its embedded relay, from its next start. The secret is
 * write-only: sealed at rest, never returned to a UI; an empty one keeps the stored secret.
 */
export const HostedPusherSchema = z
  .strictObject({
    appId: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'app id: letters, digits, "_" or "-"'),
    key: z.string().trim().regex(/^[A-Za-z0-9_-]{1,128}$/, 'key: letters, digits, "_" or "-"'),
    secret: z.string().max(256).default(''),
    cluster: z.string().regex(/^[a-z0-9-]{1,32}$/, 'cluster: a name such as eu or mt1').optional(),
    host: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'host: a host name without scheme or port').optional(),
    port: z.number().int().min(1).max(65535).optional(),
    useTLS: z.boolean().default(true),
  })
  .refine((pusher) => Boolean(pusher.cluster) !== Boolean(pusher.host), { message: 'give a cluster or a host, not both', path: ['cluster'] });
export type HostedPusher = z.output<typeof HostedPusherSchema>;

/** What the hosted Pusher secret is bound to: the app and the endpoint the backend signs requests for. */
export type HostedPusherBinding = Pick<HostedPusher, 'appId' | 'key' | 'cluster' | 'host' | 'port' | 'useTLS'>;

/**
 * The app (id, key) and the endpoint (scheme, host — Pusher's own for a cluster — and port) of
 * hosted Pusher credentials, as one comparable string. The stored secret is kept only while this
 * stays the same: whoever listens at a new host or port would otherwise receive requests signed
 * with it (agent/settings/settings-service.ts; the settings screen warns before saving).
 */
export function hostedPusherBinding(pusher: HostedPusherBinding): string {
  const scheme = pusher.useTLS ? 'https' : 'http';
  const host = (pusher.host ?? (pusher.cluster ? `api-${pusher.cluster}.pusher.com` : '')).toLowerCase();
  const port = pusher.port ?? (pusher.useTLS ? 443 : 80);
  return JSON.stringify([pusher.appId, pusher.key, `${scheme}://${host}:${port}`]);
}

/** The origin (scheme, host, port) of a backend URL; undefined for text that is not a URL. */
export function backendOrigin(url: string): string | undefined {
  try {
    const { origin } = new URL(url.trim());
    // Schemes without an origin (mailto:, data:) all answer "null": never the same server.
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * Whether two backend URLs reach the same server. The agent token is bound to it: a save that
 * points the agent elsewhere forgets the stored token unless it brings a new one, so a changed
 * URL (or a caller of the local API) cannot have the token sent to another server.
 */
export function sameBackendOrigin(a: string, b: string): boolean {
  const origin = backendOrigin(a);
  return origin !== undefined && origin === backendOrigin(b);
}

/**
 * Where the agent's work comes from: the name of a connector of the agent's registry
 * (agent/connectors/registry.ts). Its shape is checked here; that the agent knows it, by the agent.
 */
export const ConnectorNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'connector: a connector name such as ticketrail');
export type ConnectorName = string;
/** The connector of a fresh install: TicketRail's own backend. */
export const DEFAULT_CONNECTOR = 'ticketrail';

const printerIdField = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'printer id: lower-case letters, digits and "-"');

/**
 * A TableTrack install (connector `tabletrack`; its URL is `backendUrl`). The key is TableTrack's
 * branch key (`X-TABLETRACK-KEY`): a secret, sealed at rest and bound to `backendUrl` like the
 * agent token. `pusher*` override the host TableTrack's test-connection cannot give (soketi,
 * Laravel Reverb, TicketRail's relay). `printerMap` maps TableTrack's printer ids to local printers;
 * unmapped jobs go to the first local printer.
 */
export const TableTrackSettingsSchema = z.strictObject({
  key: z.string().max(256).default(''),
  pusherHost: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'host: a host name without scheme or port').optional(),
  pusherPort: z.number().int().min(1).max(65535).optional(),
  pusherTLS: z.boolean().optional(),
  printerMap: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'TableTrack printer id'), printerIdField).default({}),
});
export type TableTrackSettings = z.output<typeof TableTrackSettingsSchema>;

/** The environment variable that gives TableTrack's branch key for one run. */
export const TABLETRACK_KEY_ENV = 'TICKETRAIL_TABLETRACK_KEY';

/** TableTrack's branch key: a secret bound to the site it was given for (`backendUrl`). */
export const TABLETRACK_SECRET_SETTINGS: readonly SecretSetting[] = [{ path: ['tabletrack', 'key'], boundTo: ['backendUrl'], env: TABLETRACK_KEY_ENV }];

/** A listen address of an ingest printer: `tcp://host:port` (port 1–65535). */
export const IngestListenSchema = z
  .string()
  .trim()
  .regex(/^tcp:\/\/[A-Za-z0-9.:[\]-]+:\d{1,5}$/, 'listen must be tcp://host:port, e.g. tcp://127.0.0.1:9101')
  .refine((listen) => {
    const port = Number(listen.slice(listen.lastIndexOf(':') + 1));
    return port >= 1 && port <= 65535;
  }, 'listen: the port must be 1-65535');

/** The bounds of an ingest printer's connection settings (agent/ingest/ingest-limits.ts applies them). */
export const INGEST_CONNECTION_LIMITS = {
  defaultConnections: 16,
  maxConnections: 256,
  defaultIdleCloseSeconds: 60,
  minIdleCloseSeconds: 5,
  maxIdleCloseSeconds: 3_600,
} as const;

/**
 * An ingest printer: the agent listens as a network ESC/POS printer so a POS that can only print
 * can feed the board (docs/ingest.md). `forwardTo` names a configured printer (its id or name) that
 * gets the original bytes, exactly once. A listen address other than loopback opens a port on the
 * LAN and needs `allowLan`.
 */
export const IngestPrinterSchema = z.strictObject({
  name: z.string().trim().min(1).max(64),
  listen: IngestListenSchema,
  station: StationSchema,
  forwardTo: z.string().trim().min(1).max(64).optional(),
  allowLan: z.boolean().default(false),
  /** A regular expression (its source) for the ticket number line; the default reads `#…`, `Order …`, `Table …`. */
  ticketNumberPattern: z.string().max(200).optional(),
  /** Open POS connections this ingest printer holds; one more is refused (docs/ingest.md, Limits). Unset: 16. */
  maxConnections: z.number().int().min(1).max(INGEST_CONNECTION_LIMITS.maxConnections).optional(),
  /** A connection with no byte for this long is closed; POS drivers reconnect. Unset: 60. */
  idleCloseSeconds: z.number().int().min(INGEST_CONNECTION_LIMITS.minIdleCloseSeconds).max(INGEST_CONNECTION_LIMITS.maxIdleCloseSeconds).optional(),
});
export type IngestPrinterSettings = z.output<typeof IngestPrinterSchema>;
const ingestField = z.array(IngestPrinterSchema).max(8);

const agentIdField = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'agentId: 1-64 letters, digits, ".", "_" or "-"');
const backendUrlField = z.url({ protocol: /^https?$/, error: 'backendUrl must be an http(s) URL' });
const agentTokenField = z.string().max(256);
const printersField = z.array(PrinterSettingsSchema).max(16);

/** A stored settings PIN: scrypt of the PIN with a random salt (both base64). */
export const SettingsPinSchema = z.strictObject({
  algorithm: z.literal('scrypt'),
  salt: z.string().min(16).max(128),
  hash: z.string().min(16).max(256),
});
export type StoredSettingsPin = z.output<typeof SettingsPinSchema>;

export const AgentSettingsSchema = z.strictObject({
  agentId: agentIdField.default('agent-1'),
  backendUrl: backendUrlField.default('http://127.0.0.1:4800'),
  /** Secret: never returned to a UI in clear (see redactSettings). */
  agentToken: agentTokenField.default(''),
  realtime: RealtimeSettingsSchema.default(RealtimeSettingsSchema.parse({})),
  printers: printersField.default([]),
  sound: SoundSettingsSchema.default(SoundSettingsSchema.parse({})),
  display: DisplaySettingsSchema.default(DisplaySettingsSchema.parse({})),
  hostedPusher: HostedPusherSchema.optional(),
  connector: ConnectorNameSchema.default(DEFAULT_CONNECTOR),
  tabletrack: TableTrackSettingsSchema.default(TableTrackSettingsSchema.parse({})),
  ingest: ingestField.default([]),
  /**
   * The settings PIN (issue 20) as a salted scrypt hash: never the PIN, never sent to a UI (redactSettings
   * leaves only `pinSet`). Written only by the agent's settings lock (agent/settings/settings-lock.ts),
   * never by a settings patch.
   */
  settingsPin: SettingsPinSchema.optional(),
});

/**
 * A settings update: any top-level section, each given whole (a section's own defaults fill what it
 * leaves out). Sections left out keep their stored value; an empty `agentToken` keeps the stored one.
 * `hostedPusher: null` removes the hosted backend's Pusher credentials (back to the embedded relay).
 */
export const SettingsPatchSchema = z.strictObject({
  agentId: agentIdField.optional(),
  backendUrl: backendUrlField.optional(),
  agentToken: agentTokenField.optional(),
  realtime: RealtimeSettingsSchema.optional(),
  printers: printersField.optional(),
  sound: SoundSettingsSchema.optional(),
  display: DisplaySettingsSchema.optional(),
  hostedPusher: HostedPusherSchema.nullable().optional(),
  connector: ConnectorNameSchema.optional(),
  /** An empty `key` keeps the stored one (like `agentToken`). */
  tabletrack: TableTrackSettingsSchema.optional(),
  ingest: ingestField.optional(),
});
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;

/**
 * A settings update as it crosses into the agent (saveSettings): the core sections checked here,
 * and any other key passed on when its value is an object, because sections sources of work add
 * (a connector's own, declared in its registry module) are known to the agent alone. The agent's
 * settings service checks the whole patch against every declared section and refuses keys nobody
 * declared, field by field.
 */
export const SettingsPatchInputSchema = SettingsPatchSchema.catchall(z.record(z.string(), z.unknown())) as unknown as z.ZodType<
  ParsedSettingsPatch & DeclaredSectionsPatch,
  SettingsPatch & DeclaredSectionsPatch
>;
/** Sections of the patch that sources of work declare (checked by the agent's settings service). */
export type DeclaredSectionsPatch = { [section: string]: unknown };
export type SettingsPatchInput = z.input<typeof SettingsPatchInputSchema>;
/** A settings update as its schema parsed it (defaults of the sections it gives filled). */
export type ParsedSettingsPatch = z.output<typeof SettingsPatchSchema>;

export type AgentSettings = z.output<typeof AgentSettingsSchema>;
export type AgentSettingsInput = z.input<typeof AgentSettingsSchema>;

/** Every secret common/ knows the place of; the agent adds those its sources declare. */
export const BUILT_IN_SECRET_SETTINGS: readonly SecretSetting[] = [...CORE_SECRET_SETTINGS, ...TABLETRACK_SECRET_SETTINGS];

/**
 * What a UI sees: secrets replaced by whether they are set (common/secret-settings.ts), plus what
 * the screen needs to know about this agent. Sections a source of work adds (declared in its
 * registry module) appear under their own keys, redacted the same way.
 */
export type RedactedSettings = Omit<AgentSettings, 'agentToken' | 'hostedPusher' | 'tabletrack' | 'settingsPin'> & {
  /** Whether a settings PIN is set (its hash never leaves the agent). */
  pinSet: boolean;
  agentTokenSet: boolean;
  tabletrack: Omit<TableTrackSettings, 'key'> & { keySet: boolean };
  hostedPusher?: Omit<HostedPusher, 'secret'> & { secretSet: boolean };
  /**
   * Whether this PC hosts the backend (the agent runs as part of the all-in-one): only then may
   * `hostedPusher` be changed, and only then does the settings screen show it.
   */
  hostsBackend: boolean;
  /**
   * The connector the agent runs with now: `connector` is what the settings say, and a change
   * applies at the agent's next start (each connector has its own cache; docs/connectors.md).
   */
  runningConnector: ConnectorName;
  /** The connectors this agent knows, as the settings screen offers them. */
  connectors: ConnectorCatalogEntry[];
  /** Sections of sources of work (their keys come with `connectors[].form`). */
  [section: string]: unknown;
};

export interface RedactOptions {
  hostsBackend?: boolean;
  runningConnector?: ConnectorName;
  /** Every declared secret (the agent passes its registry's); default: those common/ knows. */
  secrets?: readonly SecretSetting[];
  connectors?: ConnectorCatalogEntry[];
}

export function redactSettings(settings: AgentSettings & Record<string, unknown>, options: RedactOptions = {}): RedactedSettings {
  // The PIN's hash and salt stay in the agent: a UI learns only whether one is set.
  const { settingsPin, ...rest } = settings;
  const redacted = redactSecrets(rest, options.secrets ?? BUILT_IN_SECRET_SETTINGS);
  return {
    ...redacted,
    pinSet: settingsPin !== undefined,
    hostsBackend: options.hostsBackend ?? false,
    runningConnector: options.runningConnector ?? settings.connector,
    connectors: options.connectors ?? [],
  } as RedactedSettings;
}
