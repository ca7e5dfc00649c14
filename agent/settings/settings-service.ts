import { describeError } from '../describe-error.js';
import { EventEmitter } from 'node:events';
import { CodedError, ERRORS } from '../../common/errors.js';
import { pathKey, secretPathsIn, valueAt, withoutValueAt, withValueAt, type SecretSetting } from '../../common/secret-settings.js';
import { backendOrigin, hostedPusherBinding, redactSettings, type AgentSettings, type HostedPusher, type RedactedSettings, type StoredSettingsPin } from '../../common/settings.js';
import type { HostSettings, SecretBox, SettingsStore } from '../ports.js';
import { keepInvalidCopy } from './invalid-settings-copy.js';
import { BUILT_IN_DECLARATIONS, patchSchemaWith, settingsSchemaWith, type SettingsDeclarations } from './settings-declarations.js';

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

type Loose = Record<string, unknown>;

/** Whether a run-only section value is empty ('' or {}): it then leaves the stored one in force. */
const isEmptyOverride = (value: unknown): boolean =>
  value === undefined || value === '' || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);

/** The origin of a URL setting, or undefined when unset or not a URL. */
const originAt = (settings: unknown, path: readonly string[]): string | undefined => {
  const value = valueAt(settings, path);
  return typeof value === 'string' ? backendOrigin(value) : undefined;
};

/**
 * Loads, validates and saves the agent's settings. Every declared secret (common/secret-settings.ts:
 * the agent token, the sources' keys and headers) is sealed at rest when the host offers a
 * SecretBox, kept on an empty save, forgotten when the URL it belongs to moves, and never leaves
 * through `redacted()`. Which settings those are, and which sections sources add, come from the
 * declarations the composition root passes (the registry's): the service names no source.
 */
export class SettingsService extends EventEmitter<SettingsServiceEvents> {
  private current: AgentSettings;
  /** What the file holds: overrides and the host's settings are for this run only and never written back. */
  private stored: AgentSettings;
  /**
   * Sealed secrets this host could not open (sealed by the desktop app's OS keychain, say), by
   * path: they read as unset here but are written back as they were, so a save never destroys them.
   */
  private readonly unopened = new Map<string, string>();
  private problem: SettingsFileProblem | undefined;
  /** The run-only overrides still in force: a save that sets a key replaces its override for the rest of the run. */
  private readonly overrides: Loose;
  /**
   * The URL settings (by path) a save moved to another origin during this run: run-only secrets
   * bound to them (environment or override) were given for the server of the run's start and are
   * not sent anywhere else.
   */
  private readonly droppedBindings = new Set<string>();
  /** The connector this run started with: a change in the settings applies at the next start. */
  private readonly startedConnector: AgentSettings['connector'];
  private readonly schema;
  private readonly patchSchema;

  constructor(
    private readonly store: SettingsStore,
    /** What the host read from its environment for this run (agent/host-env.ts). */
    private readonly host: HostSettings = {},
    private readonly secretBox?: SecretBox,
    overrides: Partial<AgentSettings> = {},
    private readonly declarations: SettingsDeclarations = BUILT_IN_DECLARATIONS,
  ) {
    super();
    this.schema = settingsSchemaWith(declarations.sections);
    this.patchSchema = patchSchemaWith(declarations.sections);
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
    return redactSettings(this.current, {
      hostsBackend: this.hostsBackend,
      runningConnector: this.startedConnector,
      secrets: this.declarations.secrets,
      connectors: this.declarations.catalog,
    });
  }

  /** Validates a partial update against the full schema; refuses it field by field, writes nothing on refusal. */
  save(patch: unknown): AgentSettings {
    if (this.problem?.copyError) {
      throw new CodedError(ERRORS.SETTINGS_FILE_INVALID, `${this.problem.location} is unusable (${this.problem.reason}) and could not be copied aside (${this.problem.copyError}); fix or move the file and restart before saving`, { ...this.problem });
    }
    const parsedPatch = this.patchSchema.safeParse(patch);
    if (!parsedPatch.success) throw settingsInvalid(parsedPatch.error.issues);
    const { hostedPusher: hostedPatch, ...rest } = parsedPatch.data as Loose & { hostedPusher?: HostedPusher | null };
    const known = this.declarations.connectors;
    if (typeof rest.connector === 'string' && known.length > 0 && !known.includes(rest.connector)) {
      throw settingsInvalid([{ path: ['connector'], message: `no connector ${rest.connector}: this agent knows ${known.join(', ')}` }]);
    }
    if (hostedPatch !== undefined && !this.hostsBackend) {
      throw settingsInvalid([{ path: ['hostedPusher'], message: "the backend's Pusher credentials are only for the PC that hosts the backend (all-in-one)" }]);
    }
    const hostedPusher = this.mergeHostedPusher(hostedPatch);
    // Validate what will run (file + run-only overrides the patch leaves alone + patch; an empty
    // secret keeps the one in force) ...
    let merged: Loose = { ...this.current, ...rest, hostedPusher };
    // The hosted backend's secret comes merged already (mergeHostedPusher: bound to its app and endpoint).
    const given: Loose = { ...rest, hostedPusher };
    for (const secret of this.declarations.secrets) merged = withSecret(merged, given, this.current, secret);
    const parsed = this.schema.safeParse(merged);
    if (!parsed.success) throw settingsInvalid(parsed.error.issues);
    const running = parsed.data as AgentSettings;
    if (hostedPatch && hostedPusher && !hostedPusher.secret) {
      const moved = this.current.hostedPusher?.secret && hostedPusherBinding(this.current.hostedPusher) !== hostedPusherBinding(hostedPusher);
      const message = moved
        ? 'enter the app secret for this app and endpoint: the stored one belongs to another Pusher app, host, cluster or port and is not sent to this one'
        : 'the app secret is required with hosted Pusher credentials';
      throw settingsInvalid([{ path: ['hostedPusher', 'secret'], message }]);
    }
    const ids = running.printers.map((printer) => printer.id);
    if (new Set(ids).size !== ids.length) {
      throw settingsInvalid([{ path: ['printers'], message: 'two printers share one id', code: 'custom' }]);
    }
    // ... but write only the file's own values plus what the person changed. A stored secret
    // belongs to the URL it is bound to: a save that moves that URL to another origin without a
    // new secret forgets it, so it is never sent to whoever answers at the new address.
    let toStoreRaw: Loose = { ...this.stored, ...rest, hostedPusher };
    const patched = { ...this.stored, ...rest };
    for (const secret of this.declarations.secrets) {
      const moved = secret.boundTo !== undefined && this.touches(rest, secret.boundTo) && originAt(this.stored, secret.boundTo) !== originAt(patched, secret.boundTo);
      if (moved) {
        // Sealed values this host could not open go too, unless the patch brings new ones.
        for (const path of secretPathsIn(this.stored, secret)) if (!nonEmptyAt(rest, path)) this.unopened.delete(pathKey(path));
      }
      toStoreRaw = withSecret(toStoreRaw, given, moved ? undefined : this.stored, secret);
    }
    const toStore = this.schema.parse(toStoreRaw) as AgentSettings;
    this.store.write(this.seal(toStore));
    this.stored = toStore;
    // A key the save sets replaces its run-only override; an empty secret (keep the one in force) does not.
    for (const [key, value] of Object.entries(rest)) if (value !== '') delete this.overrides[key];
    let next = this.compose(toStore);
    for (const binding of this.bindings()) {
      if (!this.droppedBindings.has(pathKey(binding)) && originAt(this.current, binding) !== originAt(next, binding)) this.droppedBindings.add(pathKey(binding));
    }
    next = this.compose(toStore);
    this.current = next;
    this.emit('changed', this.current);
    return this.current;
  }

  /**
   * Writes the settings PIN's salted hash, or removes it (undefined). Only the settings lock calls
   * this (agent/settings/settings-lock.ts): no settings patch can set or clear a PIN.
   */
  storePin(pin: StoredSettingsPin | undefined): void {
    if (this.problem?.copyError) {
      throw new CodedError(ERRORS.SETTINGS_FILE_INVALID, `${this.problem.location} is unusable (${this.problem.reason}) and could not be copied aside (${this.problem.copyError}); fix or move the file and restart before saving`, { ...this.problem });
    }
    const { settingsPin: _previous, ...others } = this.stored;
    const toStore = this.schema.parse(pin ? { ...others, settingsPin: pin } : others) as AgentSettings;
    this.store.write(this.seal(toStore));
    this.stored = toStore;
    this.current = this.compose(toStore);
  }

  /** Whether a patch sets the setting at `path` (its top-level section given). */
  private touches(patch: Loose, path: readonly string[]): boolean {
    return path[0] !== undefined && patch[path[0]] !== undefined;
  }

  /** The URL settings secrets are bound to. */
  private bindings(): string[][] {
    const seen = new Map<string, string[]>();
    for (const secret of this.declarations.secrets) if (secret.boundTo) seen.set(pathKey(secret.boundTo), [...secret.boundTo]);
    return [...seen.values()];
  }

  /** Whether a run-only secret bound to a URL may still be used (that URL did not move this run). */
  private runSecretUsable(secret: SecretSetting): boolean {
    return !secret.boundTo || !this.droppedBindings.has(pathKey(secret.boundTo));
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
    let out: Loose = { ...stored };
    for (const [key, value] of Object.entries(this.overrides)) {
      // A run-only section (the CLI's `--pusher-*` flags give part of TableTrack's) changes what
      // it sets: its empty values leave the stored ones in force.
      out[key] = mergeSection(out[key], value);
    }
    // A run-only secret bound to a URL that a save moved is not sent there: the stored one (if any) stays.
    for (const secret of this.declarations.secrets) {
      if (this.runSecretUsable(secret)) continue;
      for (const path of secretPathsIn(this.overrides, secret)) out = withValueAt(out, path, valueAt(stored, path) ?? '');
    }
    return this.withHost(out);
  }

  private readStored(): AgentSettings {
    let raw: unknown;
    try {
      raw = this.store.read();
    } catch (error) {
      return this.unusable(error instanceof CodedError ? error.message : `cannot read it: ${describeError(error)}`);
    }
    if (raw === undefined) return this.schema.parse({}) as AgentSettings;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return this.unusable(`"settings" is not an object`);
    const parsed = this.schema.safeParse(this.unseal(raw as Loose));
    if (parsed.success) return parsed.data as AgentSettings;
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
    return this.schema.parse({}) as AgentSettings;
  }

  private withHost(settings: Loose): AgentSettings {
    let out: Loose = { ...settings, ...(this.host.backendUrl ? { backendUrl: this.host.backendUrl } : {}) };
    for (const secret of this.declarations.secrets) {
      const given = this.host.secrets?.[pathKey(secret.path)];
      // A section the file does not have yet is not made up for a run-only key alone.
      if (given && this.runSecretUsable(secret) && valueAt(out, secret.path.slice(0, -1)) !== undefined) out = withValueAt(out, secret.path, given);
    }
    return this.schema.parse({ ...out, ...this.fallbackPrinters(out as AgentSettings) }) as AgentSettings;
  }

  private fallbackPrinters(settings: AgentSettings): Pick<AgentSettings, 'printers'> | undefined {
    const fallback = this.host.fallbackPrinter;
    if (!fallback) return undefined;
    const real = settings.printers.filter((printer) => printer.id !== FALLBACK_PRINTER_ID);
    if (real.length > 0) return { printers: real };
    return { printers: [{ ...fallback, id: FALLBACK_PRINTER_ID }] };
  }

  /** Every declared secret is sealed when the host can; one this host could not open is written back as it was. */
  private seal(settings: AgentSettings): Loose {
    const box = this.secretBox;
    let out: Loose = { ...settings };
    for (const secret of this.declarations.secrets) {
      for (const path of secretPathsIn(out, secret)) {
        const plain = valueAt(out, path);
        if (typeof plain !== 'string') continue;
        const sealed = plain ? (box?.isAvailable() ? SEALED_PREFIX + box.encrypt(plain) : plain) : (this.unopened.get(pathKey(path)) ?? plain);
        out = withValueAt(out, path, sealed);
      }
    }
    return out;
  }

  private unseal(raw: Loose): Loose {
    let out: Loose = { ...raw };
    for (const secret of this.declarations.secrets) {
      for (const path of secretPathsIn(out, secret)) out = withValueAt(out, path, this.unsealValue(valueAt(out, path), path));
    }
    return out;
  }

  /** A secret this host cannot open (sealed on another machine or by Electron) reads as unset. */
  private unsealValue(value: unknown, path: readonly string[]): unknown {
    if (typeof value !== 'string' || !value.startsWith(SEALED_PREFIX)) return value;
    try {
      if (this.secretBox?.isAvailable()) return this.secretBox.decrypt(value.slice(SEALED_PREFIX.length));
    } catch {
      // fall through: unreadable here
    }
    this.unopened.set(pathKey(path), value);
    return '';
  }
}

/** An object override's non-empty values over the stored object's; any other value replaces it. */
function mergeSection(stored: unknown, override: unknown): unknown {
  if (typeof override !== 'object' || override === null || Array.isArray(override)) return override;
  const base = typeof stored === 'object' && stored !== null ? (stored as Loose) : {};
  const set = Object.fromEntries(Object.entries(override).filter(([, value]) => !isEmptyOverride(value)));
  return { ...base, ...set };
}

/** Whether `value` holds a non-empty string at `path`. */
function nonEmptyAt(value: unknown, path: readonly string[]): boolean {
  const found = valueAt(value, path);
  return typeof found === 'string' && found.length > 0;
}

/**
 * `target` with a declared secret as the patch leaves it: the patch's own value where it gives one,
 * else the one in `from` (an empty secret keeps the one in force, as an empty agent token always
 * did); with `from` undefined (its URL moved) nothing is kept: it is empty, and a record's entry gone.
 */
function withSecret(target: Loose, patch: Loose, from: unknown, secret: SecretSetting): Loose {
  let out = target;
  for (const path of secretPathsIn(target, secret)) {
    const given = valueAt(patch, path);
    if (typeof given === 'string' && given.length > 0) {
      out = withValueAt(out, path, given);
      continue;
    }
    const kept = from === undefined ? undefined : valueAt(from, path);
    if (typeof kept === 'string' && kept.length > 0) out = withValueAt(out, path, kept);
    else if (secret.path[secret.path.length - 1] === '*') out = withoutValueAt(out, path) as Loose;
    else out = withValueAt(out, path, '');
  }
  return out;
}

function settingsInvalid(issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[]): CodedError {
  return new CodedError(ERRORS.SETTINGS_INVALID, 'settings refused: ' + issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '), {
    issues: issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
  });
}
