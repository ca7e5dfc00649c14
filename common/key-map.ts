/*
 * The board's key map (issue 19): which key does what on the rail and on Expo. Bump bars are
 * keyboards (USB HID) that type keys — digits, arrows, Enter, letters — and most are programmable,
 * so a kitchen either programs its bar to send these keys or sets these keys to what its bar sends
 * (docs/board.md, Keyboard and bump bars). Zod-free: the board's startup chunk reads it; the
 * settings schema (settings.ts) checks a stored map with the same rules.
 *
 * Keys are named as the browser's KeyboardEvent.key names them (`Enter`, `ArrowRight`, `r`, `5`,
 * `F1`, `Space` for the space bar); a letter matches in either case.
 */

export const KEY_ACTIONS = ['bump', 'recall', 'next', 'previous', 'up', 'down', 'serve'] as const;
export type KeyAction = (typeof KEY_ACTIONS)[number];
export type KeyMap = Record<KeyAction, string>;

/** The defaults: what a plain keyboard and most bump bars out of the box already send. */
export const DEFAULT_KEY_MAP: KeyMap = {
  bump: 'Enter',
  recall: 'r',
  next: 'ArrowRight',
  previous: 'ArrowLeft',
  up: 'ArrowUp',
  down: 'ArrowDown',
  serve: 's',
};

/**
 * Keys no action may take: 1–9 select the n-th card and Escape clears the selection, always (a
 * bump bar's digit keys are its most common layout, and Escape is the way out of everything).
 */
export const RESERVED_KEYS: readonly string[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'Escape'];

/** The longest key name kept (KeyboardEvent.key names are short: `MediaTrackPrevious` is 18). */
export const KEY_NAME_MAX = 32;

/** One spelling per key: a letter in lower case, the space bar as `Space`, anything else as named. */
export function normalizeKey(key: string): string {
  const trimmed = key === ' ' ? 'Space' : key.trim();
  return [...trimmed].length === 1 ? trimmed.toLowerCase() : trimmed;
}

export const isReservedKey = (key: string): boolean => RESERVED_KEYS.includes(normalizeKey(key));

/** The actions of `map` whose key another action has too, each with the others sharing it. */
export function duplicateBindings(map: Readonly<Record<string, string>>): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const [action, key] of Object.entries(map)) {
    const normal = normalizeKey(key);
    if (normal === '') continue;
    byKey.set(normal, [...(byKey.get(normal) ?? []), action]);
  }
  const duplicates = new Map<string, string[]>();
  for (const actions of byKey.values()) {
    if (actions.length < 2) continue;
    for (const action of actions) duplicates.set(action, actions.filter((other) => other !== action));
  }
  return duplicates;
}

/** The action a pressed key is bound to in `map`, if any. */
export function actionOfKey(map: KeyMap, key: string): KeyAction | undefined {
  const normal = normalizeKey(key);
  return KEY_ACTIONS.find((action) => normalizeKey(map[action]) === normal);
}
