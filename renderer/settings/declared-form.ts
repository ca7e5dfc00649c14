import type { ConnectorCatalogEntry, DeclaredField, DeclaredSectionForm } from '../../common/connector-catalog.js';
import type { RedactedSettings } from '../../common/settings.js';
import type { FieldErrors } from './field-errors.js';

/** One named secret as typed: its name, and a new value (empty keeps the stored one). */
export interface SecretRow {
  /** React key of the row; not a setting. */
  rowKey: string;
  name: string;
  value: string;
  /** Whether a value is stored under this name (the redacted settings say so, never the value). */
  stored: boolean;
}

/** A declared section as the settings screen holds it: text as typed, converted only when saving. */
export interface DeclaredSectionState {
  /** By field path (relative to the section): text and number fields as typed, booleans as ticked. */
  values: Record<string, string | boolean>;
  /** `secretRecord` fields' rows, by field path. */
  rows: Record<string, SecretRow[]>;
  /** The agent has this section stored. */
  stored: boolean;
  /** The person changed something in it since it was loaded. */
  edited: boolean;
}

let rowCounter = 0;
export function newSecretRow(name = '', stored = false): SecretRow {
  rowCounter += 1;
  return { rowKey: `secret-row-${rowCounter}`, name, value: '', stored };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let current = target;
  for (const segment of segments.slice(0, -1)) {
    if (!isObject(current[segment])) current[segment] = {};
    current = current[segment] as Record<string, unknown>;
  }
  current[segments[segments.length - 1] as string] = value;
}

export const fieldsOf = (form: DeclaredSectionForm): DeclaredField[] => form.groups.flatMap((group) => group.fields);

/** The section as the agent stored it (redacted: secret values never come, only which are set). */
export function declaredStateFromSettings(form: DeclaredSectionForm, settings: RedactedSettings): DeclaredSectionState {
  const stored = settings[form.key];
  const state: DeclaredSectionState = { values: {}, rows: {}, stored: isObject(stored), edited: false };
  for (const field of fieldsOf(form)) {
    const value = valueAt(stored, field.path);
    if (field.kind === 'boolean') state.values[field.path] = typeof value === 'boolean' ? value : field.default;
    else if (field.kind === 'secretRecord') {
      const names = valueAt(stored, `${field.path}Set`);
      const rows = Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string').map((name) => newSecretRow(name, true)) : [];
      state.rows[field.path] = rows.length > 0 ? rows : [newSecretRow(field.suggestedName ?? '')];
    } else state.values[field.path] = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  }
  return state;
}

/** Every declared section of the agent's connectors, as loaded. */
export function declaredStatesFromSettings(settings: RedactedSettings): Record<string, DeclaredSectionState> {
  return Object.fromEntries(settings.connectors.flatMap((entry) => (entry.form ? [[entry.form.key, declaredStateFromSettings(entry.form, settings)]] : [])));
}

/**
 * The section as its part of the settings patch: fields left empty are left out, numbers read,
 * secrets sent only by name with what was typed (empty keeps the stored value). The agent
 * validates it with the section's schema and answers field by field; a field that is not a number
 * is reported here. Undefined when the section is neither stored nor edited: nothing to say yet.
 */
export function declaredSectionPatch(form: DeclaredSectionForm, state: DeclaredSectionState, errors: FieldErrors): Record<string, unknown> | undefined {
  if (!state.stored && !state.edited) return undefined;
  const patch: Record<string, unknown> = {};
  for (const field of fieldsOf(form)) {
    const at = `${form.key}.${field.path}`;
    if (field.kind === 'boolean') {
      setAt(patch, field.path, state.values[field.path] === true);
    } else if (field.kind === 'secretRecord') {
      const record: Record<string, string> = {};
      for (const [index, row] of (state.rows[field.path] ?? []).entries()) {
        // A row with nothing typed and nothing stored (the suggested header, left alone) is no header.
        if (row.value === '' && !row.stored) continue;
        const name = row.name.trim();
        if (name === '') errors[`${at}.#${index}.name`] = 'name the header';
        else if (name in record) errors[`${at}.#${index}.name`] = 'this header is named twice';
        else record[name] = row.value;
      }
      if (Object.keys(record).length > 0) setAt(patch, field.path, record);
    } else {
      const text = String(state.values[field.path] ?? '').trim();
      if (text === '') continue;
      if (field.kind === 'number') {
        const number = Number(text);
        if (!Number.isFinite(number)) errors[at] = 'must be a number';
        else setAt(patch, field.path, number);
      } else setAt(patch, field.path, text);
    }
  }
  return patch;
}

/** The declared sections' parts of the patch, for every connector that declares one. */
export function declaredPatches(catalog: readonly ConnectorCatalogEntry[], states: Readonly<Record<string, DeclaredSectionState>>, errors: FieldErrors): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const entry of catalog) {
    const state = entry.form ? states[entry.form.key] : undefined;
    if (!entry.form || !state) continue;
    const section = declaredSectionPatch(entry.form, state, errors);
    if (section) patch[entry.form.key] = section;
  }
  return patch;
}
