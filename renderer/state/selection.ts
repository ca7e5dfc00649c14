import { DEFAULT_KEY_MAP, actionOfKey, type KeyMap } from '../../common/key-map.js';

/** What a key press on the bump bar (or keyboard) asks the rail to do. */
export type RailCommand =
  | { kind: 'select'; orderId: string }
  | { kind: 'clear' }
  | { kind: 'bump'; orderId: string }
  | { kind: 'recall' }
  /** Expo's serve key: the selected order, or (none selected) the oldest ready one. */
  | { kind: 'serve'; orderId: string | undefined }
  | { kind: 'none' };

/**
 * The card a move lands on: next/previous in the rail's order, up/down one row of `columns` cards
 * (the rail is a grid filled row by row). Without a selection any move starts at the first card;
 * a move past either end stays where it is.
 */
function moved(visibleIds: readonly string[], selectedId: string | undefined, step: number): RailCommand {
  if (visibleIds.length === 0) return { kind: 'none' };
  const at = selectedId === undefined ? -1 : visibleIds.indexOf(selectedId);
  if (at < 0) return { kind: 'select', orderId: visibleIds[0]! };
  const target = visibleIds[at + step];
  return target === undefined ? { kind: 'none' } : { kind: 'select', orderId: target };
}

/**
 * Bump-bar keys: 1–9 select the n-th visible card and Escape clears the selection (always); the
 * rest as `keys` binds them (common/key-map.ts; by default Enter bumps the selected card, R
 * recalls, the arrows move the selection, S serves on Expo). `visibleIds` is the rail's order,
 * `columns` how many cards a row holds (for up and down).
 */
export function keyToCommand(key: string, visibleIds: readonly string[], selectedId: string | undefined, keys: KeyMap = DEFAULT_KEY_MAP, columns = 1): RailCommand {
  if (/^[1-9]$/.test(key)) {
    const orderId = visibleIds[Number(key) - 1];
    return orderId === undefined ? { kind: 'none' } : { kind: 'select', orderId };
  }
  if (key === 'Escape') return selectedId === undefined ? { kind: 'none' } : { kind: 'clear' };
  const selected = selectedId !== undefined && visibleIds.includes(selectedId) ? selectedId : undefined;
  const rows = Math.max(1, Math.floor(columns));
  switch (actionOfKey(keys, key)) {
    case 'bump':
      return selected !== undefined ? { kind: 'bump', orderId: selected } : { kind: 'none' };
    case 'recall':
      return { kind: 'recall' };
    case 'serve':
      return { kind: 'serve', orderId: selected };
    case 'next':
      return moved(visibleIds, selected, 1);
    case 'previous':
      return moved(visibleIds, selected, -1);
    case 'down':
      return moved(visibleIds, selected, rows);
    case 'up':
      return moved(visibleIds, selected, -rows);
    case undefined:
      return { kind: 'none' };
  }
}

/** The selection after a command; a selection whose card left the rail is dropped. */
export function selectionAfter(selectedId: string | undefined, command: RailCommand, visibleIds: readonly string[]): string | undefined {
  switch (command.kind) {
    case 'select':
      return command.orderId;
    case 'clear':
      return undefined;
    default:
      return selectedId !== undefined && visibleIds.includes(selectedId) ? selectedId : undefined;
  }
}
