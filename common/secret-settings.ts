/**
 * Which settings hold secrets, declared as data: the agent's settings service seals them at rest,
 * keeps them on an empty save, forgets them when the URL they belong to moves, and redacts them;
 * the desktop's secret guard learns them. Core settings declare theirs below; a source of work
 * declares its own in its registry module (agent/connectors/registry.ts). Nothing decides by a
 * field's name.
 */

/** A setting that holds a secret. */
export interface SecretSetting {
  /**
   * Its path in the settings. A last segment `*` stands for every value of a record (HTTP headers
   * by name): each value is a secret, the names are not.
   */
  path: readonly string[];
  /**
   * The setting (a URL) whose origin the secret belongs to: a save that moves that URL to another
   * origin forgets the stored secret unless it brings a new one, so it is never sent elsewhere.
   */
  boundTo?: readonly string[];
  /** An environment variable that gives the secret for one run (hosts read it, never the agent). */
  env?: string;
}

type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at `path`, or undefined where the path leaves the object. */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (!isObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** A copy of `value` with `path` set (objects on the way copied, missing ones made). */
export function withValueAt(value: unknown, path: readonly string[], next: unknown): Obj {
  const base: Obj = isObject(value) ? { ...value } : {};
  const [head, ...rest] = path;
  if (head === undefined) return base;
  base[head] = rest.length === 0 ? next : withValueAt(base[head], rest, next);
  return base;
}

/** A copy of `value` without the key at `path`. */
export function withoutValueAt(value: unknown, path: readonly string[]): unknown {
  if (!isObject(value) || path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (!(head in value)) return value;
  const copy = { ...value };
  if (rest.length === 0) delete copy[head];
  else copy[head] = withoutValueAt(copy[head], rest);
  return copy;
}

/** The concrete paths a declaration names in `value`: itself, or one per key of its record. */
export function secretPathsIn(value: unknown, secret: SecretSetting): string[][] {
  const last = secret.path[secret.path.length - 1];
  if (last !== '*') return valueAt(value, secret.path) === undefined ? [] : [[...secret.path]];
  const parent = secret.path.slice(0, -1);
  const record = valueAt(value, parent);
  return isObject(record) ? Object.keys(record).map((key) => [...parent, key]) : [];
}

/** A path as one string, for maps keyed by path (`tabletrack.key`). */
export const pathKey = (path: readonly string[]): string => path.join('.');

/**
 * `value` with every declared secret replaced by whether it is set: a leaf `x` becomes `xSet:
 * boolean` beside it, a record of secrets `r` becomes `rSet: string[]` (the names whose value is
 * set). What a UI sees never holds a secret, only that one is stored.
 */
export function redactSecrets<T>(value: T, secrets: readonly SecretSetting[]): Obj {
  let out: unknown = value;
  for (const secret of secrets) {
    const record = secret.path[secret.path.length - 1] === '*';
    const at = record ? secret.path.slice(0, -1) : secret.path;
    const parentPath = at.slice(0, -1);
    const leaf = at[at.length - 1];
    if (leaf === undefined || !isObject(valueAt(out, parentPath))) continue;
    const found = valueAt(out, at);
    const set = record
      ? isObject(found)
        ? Object.entries(found)
            .filter(([, entry]) => typeof entry === 'string' && entry.length > 0)
            .map(([name]) => name)
        : []
      : typeof found === 'string' && found.length > 0;
    out = withValueAt(withoutValueAt(out, at), [...parentPath, `${leaf}Set`], set);
  }
  return out as Obj;
}

/** The environment variable that gives the agent token for one run. */
export const AGENT_TOKEN_ENV = 'TICKETRAIL_AGENT_TOKEN';

/** Where the agent token and the hosted backend's Pusher secret live: settings every agent has. */
export const CORE_SECRET_SETTINGS: readonly SecretSetting[] = [
  { path: ['agentToken'], boundTo: ['backendUrl'], env: AGENT_TOKEN_ENV },
  // Bound to its app and endpoint as a whole (hostedPusherBinding), which the settings service checks itself.
  { path: ['hostedPusher', 'secret'] },
];
