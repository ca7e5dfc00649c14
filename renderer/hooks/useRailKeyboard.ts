import { useEffect, useRef } from 'react';
import type { KeyMap } from '../../common/key-map.js';
import { keyToCommand, type RailCommand } from '../state/selection.js';

/** Keys typed into a form field or a dialog belong to it, not to the bump bar. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="dialog"]') !== null;
}

/** How many cards a row of the grid `selector` holds now (up and down move by a row); 1 when it is not on screen. */
export function gridColumns(selector: string): number {
  const grid = document.querySelector(selector);
  if (!grid) return 1;
  const columns = getComputedStyle(grid).gridTemplateColumns.split(' ').filter((track) => track.trim() !== '').length;
  return Math.max(1, columns);
}

/** Bump-bar keys on the whole window while `enabled`, as `keys` binds them; the command goes to `onCommand`. */
export function useRailKeyboard(
  enabled: boolean,
  visibleIds: readonly string[],
  selectedId: string | undefined,
  onCommand: (command: RailCommand) => void,
  keys?: KeyMap,
  columns: () => number = () => 1,
): void {
  // The listener is installed once; it reads the latest rail through this ref.
  const latest = useRef({ visibleIds, selectedId, onCommand, keys, columns });
  latest.current = { visibleIds, selectedId, onCommand, keys, columns };

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.repeat || isTypingTarget(event.target)) return;
      const { visibleIds: ids, selectedId: selected, onCommand: handle, keys: map, columns: columnsNow } = latest.current;
      const command = keyToCommand(event.key, ids, selected, map, columnsNow());
      if (command.kind === 'none') return;
      event.preventDefault();
      handle(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}

/** Keeps the selected card in view: a bump bar's arrows may move it past the screen's edge. */
export function scrollSelectedIntoView(orderId: string | undefined): void {
  if (orderId === undefined) return;
  document.querySelector(`[data-order-id="${CSS.escape(orderId)}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}
