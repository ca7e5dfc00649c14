import type { BoardUpdate } from '../../common/kitchen-api.js';
import { createSnapshotGate } from '../state/snapshot-gate.js';
import type { BoardClient } from './board-client.js';

/** The board's updates, from the page's start until the board takes them (useBoard). */
export interface BoardFeed {
  /** Replays everything held so far, in order, then hands on each update as it comes. */
  attach(deliver: (update: BoardUpdate) => void, onError: (error: unknown) => void): () => void;
}

/**
 * Subscribes at once — before React's first render, so the agent's WebSocket opens as early as it
 * can — and starts from one snapshot: the one the subscription pushes first when it does so (the
 * WebSocket), else getSnapshot() (IPC). Asking for both would make the agent build and send the
 * whole rail twice, and the board render it twice, at the busiest moment of its start.
 */
export function openBoardFeed(client: BoardClient): BoardFeed {
  let sink: { deliver: (update: BoardUpdate) => void; onError: (error: unknown) => void } | undefined;
  const held: BoardUpdate[] = [];
  const heldErrors: unknown[] = [];
  const gate = createSnapshotGate((update) => {
    if (sink) sink.deliver(update);
    else held.push(update);
  });
  client.subscribe(gate.push);
  if (!client.pushesSnapshot) {
    client.getSnapshot().then(gate.fetched, (error: unknown) => {
      if (sink) sink.onError(error);
      else heldErrors.push(error);
    });
  }
  return {
    attach(deliver, onError) {
      const current = { deliver, onError };
      sink = current;
      for (const update of held.splice(0)) deliver(update);
      for (const error of heldErrors.splice(0)) onError(error);
      return () => {
        if (sink === current) sink = undefined;
      };
    },
  };
}
