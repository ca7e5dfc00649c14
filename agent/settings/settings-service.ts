import { describeError } from '../describe-error.js';
import { EventEmitter } from 'node:events';
import { CodedError, ERROR_CODES } from '../../common/errors.js';
import { SettingsPatchSchema } from '../../common/settings.js';
import {
  AgentSettingsSchema,
  hostedPusherBinding,
  redactSettings,
  sameBackendOrigin,
  type AgentSettings,
  type HostedPusher,
  type RedactedSettings,
} from '../../common/settings.js';
import type { HostSettings, SecretBox, SettingsStore } from '../ports.js';
import { keepInvalidCopy } from './invalid-settings-copy.js';

/**
 * Id of the stand-in printer. Its entry may be saved with the rest of the settings (the form sends
 * every section); it is recognised by this id, dropped once a real printer exists, and otherwise
 * replaced by the current stand-in (whose port may differ from the saved one).
 */
export const FALLBACK_PRINTER_ID = 'virtual';

/** Prefix of a secret sealed by the host's SecretBox (safeStorage in Electron). */
const SEALED_PREFIX = 'sealed:';

export interface SettingsServiceEvents {
  changed: [AgentSettings];
}

/** Why the stored settings could not be used at start; the agent then runs on defaults. */
export interface SettingsFileProblem {
  /** The settings file (the store's location). */
  location: string;
  /** What is wrong with it: unreadable, not JSON, or the fields that fail validation. */
  reason: string;
  /** Where the file was copied before anything was written over it. */
  copy?: string;
  /** Why no copy could be made; saves are refused then, so the file is not lost. */
  copyError?: string;
}


/** A short account of the first few issues: enough for a log line, not the whole zod report. */
function summariseIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 5).map((issue) => `${issue.path.map(String).join('.') || '(top)'}: ${issue.message}`);
  return `fails validation: ${shown.join('; ')}${issues.length > shown.length ? `; and ${issues.length - shown.length} more` : ''}`;
}

/**
 * Loads, validates and saves the agent's settings. The agent token is sealed at rest when the
 * host offers a SecretBox, and never leaves through `redacted()`.
 */
export class SettingsService extends EventEmitter<SettingsServiceEvents> {
  private current: AgentSettings;
  /** What the file holds: overrides and the host's settings are for this run only and never written back. */
  private stored: AgentSettings;
  /**
   * Sealed secrets this host could not open (sealed by the desktop app's OS keychain, say): they
   * read as unset here but are written back as they were, so a save never destroys them.
   */
  private readonly unopened: { agentToken?: string; hostedPusherSecret?: string; tabletrackKey?: string } = {};
  private problem: SettingsFileProblem | undefined;
  /** The run-only overrides still in force: a save that sets a key replaces its override for the rest of the run. */
  private readonly overrides: Partial<AgentSettings>;
  /**
   * Set once a save moved the agent to another backend origin: the run-only token and TableTrack
   * key (environment or override) were given for the backend of the run's start and are not sent
   * anywhere else.
   */
  private runTokenDropped = false;
  /** The connector this run started with: a change in the settings applies at the next start. */
  private readonly startedConnector: AgentSettings['connector'];

  constructor(
    private readonly store: SettingsStore,
    /** What the host read from its environment for this run (agent/host-env.ts). */
    private readonly host: HostSettings = {},
    private readonly secretBox?: SecretBox,
    overrides: Partial<AgentSettings> = {},
  ) {
    super();
    this.overrides = { ...overrides };
    this.stored = this.readStored();
    this.current = this.compose(this.stored);
    this.startedConnector = this.current.connector;
  }

  get(): AgentSettings {
    return this.current;
  }

  /** Set when the stored file was unusable at start (the agent runs on defaults); for logs and hosts. */
  get fileProblem(): SettingsFileProblem | undefined {
    return this.problem;
  }

  /**
   * Whether this agent runs as part of the all-in-one (its host says so): then this PC hosts the
   * backend, which reads `hostedPusher` at its start (cli/all-in-one.ts).
   */
  get hostsBackend(): boolean {
    return this.host.hostsBackend === true;
  }

  redacted(): RedactedSettings {
    return redactSettings(this.current, this.hostsBackend, this.startedConnector);
  }

  /** Validates a partial update against the full schema; refuses it field by field, writes nothing on refusal. */
  save(patch: unknown): AgentSettings {
    if (this.problem?.copyError) {
      throw new CodedError(
        ERROR_CODES.SETTINGS_FILE_INVALID,
        `${this.problem.location} is unusable (${this.problem.reason}) and could not be copied aside (${this.problem.copyError}); fix or move the file and restart before saving`,
        409,
        { ...this.problem },
      );
    }
    const parsedPatch = SettingsPatchSchema.safeParse(patch);
    if (!parsedPatch.success) throw settingsInvalid(parsedPatch.error.issues);
    const { agentToken, hostedPusher: hostedPatch, tabletrack: tabletrackPatch, ...rest } = parsedPatch.data;
    // An empty TableTrack key keeps the stored one, as an empty agent token does.
    const tabletrackKey = tabletrackPatch?.key ?? '';
    if (hostedPatch !== undefined && !this.hostsBackend) {
      throw settingsInvalid([{ path: ['hostedPusher'], message: "the backend's Pusher credentials are only for the PC that hosts the backend (all-in-one)" }]);
    }
    const hostedPusher = this.mergeHostedPusher(hostedPatch);
    // Validate what will run (file + run-only overrides the patch leaves alone + patch) ...
    const tabletrack = tabletrackPatch ? { ...tabletrackPatch, key: tabletrackKey || this.current.tabletrack.key } : this.current.tabletrack;
    const merged = { ...this.current, ...rest, agentToken: agentToken ? agentToken : this.current.agentToken, hostedPusher, tabletrack };
    const parsed = AgentSettingsSchema.safeParse(merged);
    if (!parsed.success) throw settingsInvalid(parsed.error.issues);
    if (hostedPatch && hostedPusher && !hostedPusher.secret) {
      const moved = this.current.hostedPusher?.secret && hostedPusherBinding(this.current.hostedPusher) !== hostedPusherBinding(hostedPusher);
      const message = moved
        ? 'enter the app secret for this app and endpoint: the stored one belongs to another Pusher app, host, cluster or port and is not sent to this one'
        : 'the app secret is required with hosted Pusher credentials';
      throw settingsInvalid([{ path: ['hostedPusher', 'secret'], message }]);
    }
    const ids = parsed.data.printers.map((printer) => printer.id);
    if (new Set(ids).size !== ids.length) {
      throw settingsInvalid([{ path: ['printers'], message: 'two printers share one id', code: 'custom' }]);
    }
    // ... but write only the file's own values plus what the person changed. The stored token and
    // TableTrack key belong to the stored backend URL: a save that moves to another origin without a
    // new one forgets it, so it is never sent to whoever answers at the new address.
    const storedMoved = rest.backendUrl !== undefined && !sameBackendOrigin(this.stored.backendUrl, rest.backendUrl);
    const storedToken = agentToken || (storedMoved ? '' : this.stored.agentToken);
    if (storedMoved && !agentToken) delete this.unopened.agentToken;
    const storedKey = tabletrackKey || (storedMoved ? '' : this.stored.tabletrack.key);
    if (storedMoved && !tabletrackKey) delete this.unopened.tabletrackKey;
    const storedTabletrack = { ...(tabletrackPatch ?? this.stored.tabletrack), key: storedKey };
    const toStore = AgentSettingsSchema.parse({ ...this.stored, ...rest, agentToken: storedToken, hostedPusher, tabletrack: storedTabletrack });
    this.store.write(this.seal(toStore));
    this.stored = toStore;
    for (const key of Object.keys(rest)) delete this.overrides[key as keyof AgentSettings];
    if (agentToken) delete this.overrides.agentToken;
    if (tabletrackPatch) delete this.overrides.tabletrack;
    let next = this.compose(toStore);
    if (!this.runTokenDropped && !sameBackendOrigin(this.current.backendUrl, next.backendUrl)) {
      this.runTokenDropped = true;
      next = this.compose(toStore);
    }
    this.current = next;
    this.emit('changed', this.current);
    return this.current;
  }

  /**
   * undefined in the patch keeps the stored credentials, null removes them. An empty secret keeps
   * the stored one only for the same app at the same endpoint (hostedPusherBinding): the backend
   * signs its requests with the secret, so a new host or port must come with its own secret.
   */
  private mergeHostedPusher(patch: HostedPusher | null | undefined): HostedPusher | undefined {
    if (patch === undefined) return this.current.hostedPusher;
    if (patch === null) return undefined;
    const stored = this.current.hostedPusher;
    const kept = stored && hostedPusherBinding(stored) === hostedPusherBinding(patch) ? stored.secret : '';
    return { ...patch, secret: patch.secret || kept };
  }

  /** What runs: the stored settings, then the run-only overrides still in force, then the host's settings. */
  private compose(stored: AgentSettings): AgentSettings {
    const { agentToken: overrideToken, tabletrack: overrideTabletrack, ...overrides } = this.overrides;
    return this.withHost({
      ...stored,
      ...overrides,
      ...(overrideToken !== undefined && !this.runTokenDropped ? { agentToken: overrideToken } : {}),
      ...(overrideTabletrack ? { tabletrack: this.withTabletrackOverride(stored.tabletrack, overrideTabletrack) } : {}),
    });
  }

  /**
   * A run-only TableTrack section (the CLI's `--pusher-*` flags) changes what it sets: its empty key
   * and empty printer map leave the stored ones in force; a key it sets is run-only like an
   * overridden agent token (dropped when a save moves the backend URL to another origin).
   */
  private withTabletrackOverride(stored: AgentSettings['tabletrack'], override: AgentSettings['tabletrack']): AgentSettings['tabletrack'] {
    const set = Object.fromEntries(Object.entries(override).filter(([, value]) => value !== undefined));
    return {
      ...stored,
      ...set,
      key: override.key && !this.runTokenDropped ? override.key : stored.key,
      printerMap: Object.keys(override.printerMap).length > 0 ? override.printerMap : stored.printerMap,
    };
  }

  private readStored(): AgentSettings {
    let raw: unknown;
    try {
      raw = this.store.read();
    } catch (error) {
      return this.unusable(error instanceof CodedError ? error.message : `cannot read it: ${describeError(error)}`);
    }
    if (raw === undefined) return AgentSettingsSchema.parse({});
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return this.unusable(`"settings" is not an object`);
    const parsed = AgentSettingsSchema.safeParse(this.unseal(raw as Record<string, unknown>));
    if (parsed.success) return parsed.data;
    return this.unusable(summariseIssues(parsed.error.issues));
  }

  /**
   * A hand-edited, truncated or newer file must not stop the kitchen, nor be lost: start from
   * defaults, and copy the file aside now, before the first save writes over it.
   */
  private unusable(reason: string): AgentSettings {
    const { location } = this.store;
    this.problem = { location, reason };
    try {
      const copy = keepInvalidCopy(location);
      if (copy) this.problem.copy = copy;
    } catch (error) {
      this.problem.copyError = describeError(error);
    }
    return AgentSettingsSchema.parse({});
  }

  private withHost(settings: AgentSettings): AgentSettings {
    const { backendUrl } = this.host;
    const agentToken = this.runTokenDropped ? undefined : this.host.agentToken;
    const tabletrackKey = this.runTokenDropped ? undefined : this.host.tabletrackKey;
    return AgentSettingsSchema.parse({
      ...settings,
      ...(backendUrl ? { backendUrl } : {}),
      ...(agentToken ? { agentToken } : {}),
      ...(tabletrackKey ? { tabletrack: { ...settings.tabletrack, key: tabletrackKey } } : {}),
      ...this.fallbackPrinters(settings),
    });
  }

  private fallbackPrinters(settings: AgentSettings): Pick<AgentSettings, 'printers'> | undefined {
    const fallback = this.host.fallbackPrinter;
    if (!fallback) return undefined;
    const real = settings.printers.filter((printer) => printer.id !== FALLBACK_PRINTER_ID);
    if (real.length > 0) return { printers: real };
    return { printers: [{ ...fallback, id: FALLBACK_PRINTER_ID }] };
  }

  /** The secrets (agent token, hosted Pusher secret, TableTrack key) are sealed when the host can. */
  private seal(settings: AgentSettings): Record<string, unknown> {
    const box = this.secretBox;
    const sealValue = (plain: string, unopened: string | undefined) =>
      plain ? (box?.isAvailable() ? SEALED_PREFIX + box.encrypt(plain) : plain) : (unopened ?? plain);
    return {
      ...settings,
      agentToken: sealValue(settings.agentToken, this.unopened.agentToken),
      tabletrack: { ...settings.tabletrack, key: sealValue(settings.tabletrack.key, this.unopened.tabletrackKey) },
      ...(settings.hostedPusher
        ? { hostedPusher: { ...settings.hostedPusher, secret: sealValue(settings.hostedPusher.secret, this.unopened.hostedPusherSecret) } }
        : {}),
    };
  }

  private unseal(raw: Record<string, unknown>): Record<string, unknown> {
    const hosted = raw.hostedPusher;
    const tabletrack = raw.tabletrack;
    return {
      ...raw,
      agentToken: this.unsealValue(raw.agentToken, (sealed) => (this.unopened.agentToken = sealed)),
      ...(tabletrack && typeof tabletrack === 'object'
        ? { tabletrack: { ...tabletrack, key: this.unsealValue((tabletrack as { key?: unknown }).key, (sealed) => (this.unopened.tabletrackKey = sealed)) } }
        : {}),
      ...(hosted && typeof hosted === 'object'
        ? { hostedPusher: { ...hosted, secret: this.unsealValue((hosted as { secret?: unknown }).secret, (sealed) => (this.unopened.hostedPusherSecret = sealed)) } }
        : {}),
    };
  }

  /** A secret this host cannot open (sealed on another machine or by Electron) reads as unset. */
  private unsealValue(value: unknown, keepUnopened: (sealed: string) => void): unknown {
    if (typeof value !== 'string' || !value.startsWith(SEALED_PREFIX)) return value;
    try {
      if (this.secretBox?.isAvailable()) return this.secretBox.decrypt(value.slice(SEALED_PREFIX.length));
    } catch {
      // fall through: unreadable here
    }
    keepUnopened(value);
    return '';
  }
}

function settingsInvalid(issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[]): CodedError {
  return new CodedError(ERROR_CODES.SETTINGS_INVALID, 'settings refused: ' + issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '), 400, {
    issues: issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
  });
}
