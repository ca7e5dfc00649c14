import type { BoardSnapshot, BoardUpdate } from '../../common/kitchen-api.js';

/**
 * Orders the board's two sources at start: live updates and the answer to getSnapshot(). Updates
 * that arrive before any snapshot are held and replayed after it; a fetched snapshot that loses
 * the race to a pushed one is dropped, as the pushed one is at least as new.
 */
export function createSnapshotGate(deliver: (update: BoardUpdate) => void) {
  let haveSnapshot = false;
  let held: BoardUpdate[] = [];

  return {
    /** A live update from the agent. */
    push(update: BoardUpdate): void {
      if (update.type === 'snapshot') {
        haveSnapshot = true;
        held = [];
      } else if (!haveSnapshot) {
        held.push(update);
        return;
      }
      deliver(update);
    },
    /** The result of getSnapshot(). */
    fetched(snapshot: BoardSnapshot): void {
      if (haveSnapshot) return;
      haveSnapshot = true;
      deliver({ type: 'snapshot', snapshot });
      for (const update of held) deliver(update);
      held = [];
    },
  };
}
