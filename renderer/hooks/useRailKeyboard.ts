import { useEffect, useRef } from 'react';
import { keyToCommand, type RailCommand } from '../state/selection.js';

/** Keys typed into a form field or a dialog belong to it, not to the bump bar. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="dialog"]') !== null;
}

/** Bump-bar keys on the whole window while `enabled`; the command goes to `onCommand`. */
export function useRailKeyboard(enabled: boolean, visibleIds: readonly string[], selectedId: string | undefined, onCommand: (command: RailCommand) => void): void {
  // The listener is installed once; it reads the latest rail through this ref.
  const latest = useRef({ visibleIds, selectedId, onCommand });
  latest.current = { visibleIds, selectedId, onCommand };

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.repeat || isTypingTarget(event.target)) return;
      const { visibleIds: ids, selectedId: selected, onCommand: handle } = latest.current;
      const command = keyToCommand(event.key, ids, selected);
      if (command.kind === 'none') return;
      event.preventDefault();
      handle(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
