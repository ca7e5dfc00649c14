import type { ConnectorCatalogEntry } from '../../common/connector-catalog.js';
import { SettingsPatchSchema, type SettingsPatch } from '../../common/kitchen-api.js';
import type { Language } from '../../common/i18n/languages.js';
import { DEFAULT_KEY_MAP, KEY_ACTIONS, duplicateBindings, isReservedKey, type KeyMap } from '../../common/key-map.js';
import type { CharacterSet, ConnectorName, DrawerMode, RedactedSettings, TextMode } from '../../common/settings.js';
import { declaredPatches, declaredStatesFromSettings, type DeclaredSectionState } from './declared-form.js';
import { fieldErrorsFromIssues, type FieldErrors } from './field-errors.js';
import { ingestFormFromSettings, ingestPatch, type IngestForm } from './ingest-form.js';
import { tabletrackFormFromSettings, tabletrackPatch, type TableTrackForm } from './tabletrack-form.js';

/** `display.unreachableOfferSec` when the settings do not say (the agent's UNREACHABLE_OFFER_MS). */
const UNREACHABLE_OFFER_DEFAULT_SEC = 60;

/** One printer as its editor holds it: text as typed, converted only when saving. */
export interface PrinterForm {
  /** React key of the editor row; not a setting (the id itself may be edited). */
  rowKey: string;
  id: string;
  name: string;
  type: 'EPSON' | 'STAR';
  interface: string;
  width: '58' | '80';
  characterSet: CharacterSet;
  /** Comma-separated station names. */
  stations: string;
  copies: string;
  buzzer: boolean;
  cut: boolean;
  textMode: TextMode;
  drawer: DrawerMode;
  /** The dithered logo as a PNG data URL ('' for none): made by the agent when an image is chosen. */
  logo: string;
}

export interface SettingsForm {
  /** Where the work comes from (agent/connectors/); a change applies at the agent's next start. */
  connector: ConnectorName;
  /** The connector the agent runs with now. */
  runningConnector: ConnectorName;
  /** The connectors the agent knows, as it describes them (labels, which settings each uses, declared forms). */
  catalog: ConnectorCatalogEntry[];
  /** Sections connectors declare field by field (agent/connectors/…), by settings key. */
  sections: Record<string, DeclaredSectionState>;
  /** TableTrack's branch key (write-only), Pusher override and printer map. */
  tabletrack: TableTrackForm;
  backendUrl: string;
  /** A new token to store. Write-only: never filled from the agent; empty keeps the stored one. */
  agentToken: string;
  agentTokenSet: boolean;
  realtime: {
    enabled: boolean;
    key: string;
    cluster: string;
    host: string;
    port: string;
    useTLS: boolean;
    /** Shown in seconds (staff words); stored as realtime.pollIntervalMs, in milliseconds, as before. */
    pollSeconds: string;
  };
  printers: PrinterForm[];
  /** Ingest printers: the agent listening as a network printer for a POS (docs/ingest.md). */
  ingest: IngestForm[];
  sound: { enabled: boolean; volume: string; notices: boolean; receipt: boolean; printProblems: boolean };
  display: { language: Language; amberAfterMin: string; redAfterMin: string; fontScale: string; stations: string; screenNames: boolean; screenReadyMinutes: string; unreachableOfferSec: string; allergyWords: string; keys: KeyMap };
  /** This PC hosts the backend (all-in-one): only then is `hostedPusher` shown and sent. */
  hostsBackend: boolean;
  hostedPusher: HostedPusherForm;
}

/** The hosted backend's Pusher credentials as typed; every field empty means the embedded relay. */
export interface HostedPusherForm {
  appId: string;
  key: string;
  /** A new secret to store. Write-only: never filled from the agent; empty keeps the stored one. */
  secret: string;
  secretSet: boolean;
  cluster: string;
  host: string;
  port: string;
  useTLS: boolean;
  /**
   * Whether the person edited this section since it was loaded. Untouched, it is left out of the
   * patch: a stored secret this host cannot open (sealed elsewhere) must not block other saves.
   */
  edited: boolean;
}

let rowCounter = 0;
export function newRowKey(): string {
  rowCounter += 1;
  return `printer-row-${rowCounter}`;
}

export function formFromSettings(settings: RedactedSettings): SettingsForm {
  const { realtime, sound, display } = settings;
  return {
    connector: settings.connector,
    runningConnector: settings.runningConnector,
    catalog: settings.connectors,
    sections: declaredStatesFromSettings(settings),
    tabletrack: tabletrackFormFromSettings(settings),
    backendUrl: settings.backendUrl,
    agentToken: '',
    agentTokenSet: settings.agentTokenSet,
    realtime: {
      enabled: realtime.enabled,
      key: realtime.key,
      cluster: realtime.cluster ?? '',
      host: realtime.host ?? '',
      port: realtime.port === undefined ? '' : String(realtime.port),
      useTLS: realtime.useTLS,
      pollSeconds: String(realtime.pollIntervalMs / 1000),
    },
    printers: settings.printers.map((printer) => ({
      rowKey: newRowKey(),
      id: printer.id,
      name: printer.name,
      type: printer.type,
      interface: printer.interface,
      width: printer.width === 58 ? '58' : '80',
      characterSet: printer.characterSet,
      stations: printer.stations.join(', '),
      copies: String(printer.copies),
      buzzer: printer.buzzer,
      cut: printer.cut,
      textMode: printer.textMode,
      drawer: printer.drawer,
      logo: printer.logo ?? '',
    })),
    ingest: ingestFormFromSettings(settings),
    sound: { enabled: sound.enabled, volume: String(sound.volume), notices: sound.notices !== false, receipt: sound.receipt !== false, printProblems: sound.printProblems !== false },
    display: {
      language: display.language,
      amberAfterMin: String(display.amberAfterMin),
      redAfterMin: String(display.redAfterMin),
      fontScale: String(display.fontScale),
      stations: display.stations.join(', '),
      screenNames: display.screenNames,
      screenReadyMinutes: String(display.screenReadyMinutes),
      unreachableOfferSec: String(display.unreachableOfferSec ?? UNREACHABLE_OFFER_DEFAULT_SEC),
      allergyWords: display.allergyWords.join(', '),
      // Settings of an agent older than the key map have none: the board's defaults.
      keys: { ...DEFAULT_KEY_MAP, ...display.keys },
    },
    hostsBackend: settings.hostsBackend,
    hostedPusher: hostedPusherForm(settings),
  };
}

function hostedPusherForm({ hostedPusher: hosted }: RedactedSettings): HostedPusherForm {
  return {
    appId: hosted?.appId ?? '',
    key: hosted?.key ?? '',
    secret: '',
    secretSet: hosted?.secretSet ?? false,
    cluster: hosted?.cluster ?? '',
    host: hosted?.host ?? '',
    port: hosted?.port === undefined ? '' : String(hosted.port),
    useTLS: hosted?.useTLS ?? true,
    edited: false,
  };
}

/** The form with its hosted Pusher section replaced by the stored one (after "Use the embedded relay"). */
export function withStoredHostedPusher(form: SettingsForm, settings: RedactedSettings): SettingsForm {
  return { ...form, hostsBackend: settings.hostsBackend, hostedPusher: hostedPusherForm(settings) };
}

/**
 * The form with its realtime section replaced by the stored one, every other field as typed.
 * Test connection stores the realtime values the backend gave (agent/kitchen-service.ts); a form
 * still holding the old ones would send them back with the next Save and undo what was found.
 */
export function withStoredRealtime(form: SettingsForm, settings: RedactedSettings): SettingsForm {
  return { ...form, realtime: formFromSettings(settings).realtime };
}

export function blankPrinter(existingIds: readonly string[]): PrinterForm {
  let n = existingIds.length + 1;
  while (existingIds.includes(`printer-${n}`)) n += 1;
  return {
    rowKey: newRowKey(),
    id: `printer-${n}`,
    name: '',
    type: 'EPSON',
    interface: 'tcp://',
    width: '80',
    characterSet: 'PC858_EURO',
    stations: 'kitchen',
    copies: '1',
    buzzer: false,
    cut: true,
    textMode: 'auto',
    drawer: 'never',
    logo: '',
  };
}

/** A new printer row for one that Find printers or the PC's printer list found. */
export function foundPrinter(existingIds: readonly string[], found: { interface: string; name: string }): PrinterForm {
  return { ...blankPrinter(existingIds), interface: found.interface, name: found.name.slice(0, 64) };
}

/** A settings patch: the core sections, plus the declared sections of connectors (checked by the agent). */
export type SettingsPatchWithSections = SettingsPatch & Record<string, unknown>;

export type PatchResult = { ok: true; patch: SettingsPatchWithSections } | { ok: false; errors: FieldErrors };

/** The form's own refusals (the shared schemas' come from zod, in the language zod is set to). */
export interface FormRefusals {
  required: string;
  notNumber: string;
  duplicateId: string;
  secretRequired: string;
  /** A key bound to two actions of the key map. */
  duplicateKey: string;
  /** A key of the key map that 1–9 and Escape already have. */
  reservedKey: string;
}

/** In English, as the agent's refusals are; the settings screen passes its language's (`refusals.*` in settings.json). */
export const ENGLISH_REFUSALS: FormRefusals = {
  required: 'required',
  notNumber: 'must be a number',
  duplicateId: 'another printer already has this id',
  secretRequired: 'required: no secret is stored yet',
  duplicateKey: 'another action has this key too',
  reservedKey: '1–9 and Escape are taken: they select a card and clear the selection',
};

/** Reads number fields, remembering which ones are not numbers at all. */
class NumberReader {
  readonly errors: FieldErrors = {};

  constructor(readonly refusals: FormRefusals) {}

  required(path: string, raw: string): number | undefined {
    if (raw.trim() === '') {
      this.errors[path] = this.refusals.required;
      return undefined;
    }
    return this.optional(path, raw);
  }

  optional(path: string, raw: string): number | undefined {
    if (raw.trim() === '') return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value)) {
      this.errors[path] = this.refusals.notNumber;
      return undefined;
    }
    return value;
  }
}

/** Seconds typed in a form, as the milliseconds a setting stores. */
const secondsToMs = (seconds: number | undefined): number | undefined => (seconds === undefined ? undefined : Math.round(seconds * 1000));

function listOf(raw: string): string[] {
  return raw
    .split(/[,\s]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** Drops keys left empty, so an optional setting is absent rather than `undefined` on the wire. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function optionalText(raw: string): string | undefined {
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The form as a settings patch, checked field by field against the shared schemas. */
export function buildSettingsPatch(form: SettingsForm, refusals: FormRefusals = ENGLISH_REFUSALS): PatchResult {
  const numbers = new NumberReader(refusals);
  const patch = {
    connector: form.connector,
    tabletrack: tabletrackPatch(form.tabletrack, numbers.errors, refusals.notNumber),
    backendUrl: form.backendUrl.trim(),
    ...(form.agentToken !== '' ? { agentToken: form.agentToken } : {}),
    realtime: withoutUndefined({
      enabled: form.realtime.enabled,
      key: form.realtime.key.trim(),
      cluster: optionalText(form.realtime.cluster),
      host: optionalText(form.realtime.host),
      port: numbers.optional('realtime.port', form.realtime.port),
      useTLS: form.realtime.useTLS,
      pollIntervalMs: secondsToMs(numbers.required('realtime.pollIntervalMs', form.realtime.pollSeconds)),
    }),
    printers: form.printers.map((printer, index) => ({
      id: printer.id.trim(),
      name: printer.name,
      type: printer.type,
      interface: printer.interface,
      width: Number(printer.width),
      characterSet: printer.characterSet,
      stations: listOf(printer.stations),
      copies: numbers.required(`printers.${index}.copies`, printer.copies),
      buzzer: printer.buzzer,
      cut: printer.cut,
      textMode: printer.textMode,
      drawer: printer.drawer,
      ...(printer.logo ? { logo: printer.logo } : {}),
    })),
    ingest: ingestPatch(form.ingest, (path, raw) => numbers.optional(path, raw)),
    sound: { enabled: form.sound.enabled, volume: numbers.required('sound.volume', form.sound.volume), ...(form.sound.notices ? {} : { notices: false }), ...(form.sound.receipt ? {} : { receipt: false }), ...(form.sound.printProblems ? {} : { printProblems: false }) },
    display: {
      language: form.display.language,
      amberAfterMin: numbers.required('display.amberAfterMin', form.display.amberAfterMin),
      redAfterMin: numbers.required('display.redAfterMin', form.display.redAfterMin),
      fontScale: numbers.required('display.fontScale', form.display.fontScale),
      stations: listOf(form.display.stations),
      screenNames: form.display.screenNames,
      screenReadyMinutes: numbers.required('display.screenReadyMinutes', form.display.screenReadyMinutes),
      // Left out at its default, as settings written before it have none (the agent reads absent as 60 s).
      ...(form.display.unreachableOfferSec.trim() === String(UNREACHABLE_OFFER_DEFAULT_SEC) ? {} : { unreachableOfferSec: numbers.required('display.unreachableOfferSec', form.display.unreachableOfferSec) }),
      // Words may hold spaces in some languages: only commas and line breaks part them.
      allergyWords: form.display.allergyWords
        .split(/[,\n]+/)
        .map((word) => word.trim())
        .filter((word) => word.length > 0),
      keys: Object.fromEntries(KEY_ACTIONS.map((action) => [action, form.display.keys[action].trim()])) as KeyMap,
    },
    ...(form.hostsBackend && form.hostedPusher.edited ? { hostedPusher: hostedPusherPatch(form.hostedPusher, numbers) } : {}),
  };

  const parsed = SettingsPatchSchema.safeParse(patch);
  // Declared sections are the agent's to check (their schemas live with their connector); what
  // can be told here (a number that is not one, a header without a name) is.
  const sections = declaredPatches(form.catalog, form.sections, numbers.errors);
  // A field that was not a number is reported as such, not as whatever zod made of undefined.
  const errors: FieldErrors = { ...(parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues)), ...numbers.errors };
  Object.assign(errors, duplicatePrinterIds(form.printers, refusals.duplicateId), keyMapRefusals(form.display.keys, refusals));
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, patch: { ...parsed.data, ...sections } };
}

/** Every field empty: back to the embedded relay (null); else the credentials, secret empty to keep the stored one. */
function hostedPusherPatch(hosted: HostedPusherForm, numbers: NumberReader) {
  const texts = [hosted.appId, hosted.key, hosted.secret, hosted.cluster, hosted.host, hosted.port];
  if (texts.every((text) => text.trim() === '')) return null;
  if (hosted.secret === '' && !hosted.secretSet) numbers.errors['hostedPusher.secret'] = numbers.refusals.secretRequired;
  return withoutUndefined({
    appId: hosted.appId.trim(),
    key: hosted.key.trim(),
    secret: hosted.secret,
    cluster: optionalText(hosted.cluster),
    host: optionalText(hosted.host),
    port: numbers.optional('hostedPusher.port', hosted.port),
    useTLS: hosted.useTLS,
  });
}

/** The key map's refusals in the board's language (the schema's are English): a key bound twice, on every field sharing it; a reserved key. */
function keyMapRefusals(keys: KeyMap, refusals: FormRefusals): FieldErrors {
  const errors: FieldErrors = {};
  for (const action of KEY_ACTIONS) if (keys[action].trim() !== '' && isReservedKey(keys[action])) errors[`display.keys.${action}`] = refusals.reservedKey;
  for (const action of duplicateBindings(keys).keys()) errors[`display.keys.${action}`] = refusals.duplicateKey;
  return errors;
}

function duplicatePrinterIds(printers: readonly PrinterForm[], refusal: string): FieldErrors {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  printers.forEach((printer, index) => {
    const id = printer.id.trim();
    if (seen.has(id)) errors[`printers.${index}.id`] = refusal;
    seen.add(id);
  });
  return errors;
}
