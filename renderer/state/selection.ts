/** What a key press on the bump bar (or keyboard) asks the rail to do. */
export type RailCommand =
  | { kind: 'select'; orderId: string }
  | { kind: 'clear' }
  | { kind: 'bump'; orderId: string }
  | { kind: 'recall' }
  | { kind: 'none' };

/**
 * Bump-bar keys: 1–9 select the n-th visible card, Enter bumps the selected card, R recalls,
 * Escape clears the selection. `visibleIds` is the rail's left-to-right order.
 */
export function keyToCommand(key: string, visibleIds: readonly string[], selectedId: string | undefined): RailCommand {
  if (/^[1-9]$/.test(key)) {
    const orderId = visibleIds[Number(key) - 1];
    return orderId === undefined ? { kind: 'none' } : { kind: 'select', orderId };
  }
  switch (key) {
    case 'Enter':
      return selectedId !== undefined && visibleIds.includes(selectedId) ? { kind: 'bump', orderId: selectedId } : { kind: 'none' };
    case 'r':
    case 'R':
      return { kind: 'recall' };
    case 'Escape':
      return selectedId === undefined ? { kind: 'none' } : { kind: 'clear' };
    default:
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
