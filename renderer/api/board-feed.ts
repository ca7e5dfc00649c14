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
 * can — and asks getSnapshot() at the same time. Over the WebSocket the agent pushes a snapshot on
 * every connect too, but Chromium hands a large WebSocket message to a page that is busy starting
 * up much later than an HTTP answer: with 300 orders (163 KB) the fetched snapshot arrived ~200 ms
 * sooner, though the agent sent both within 5 ms. The gate keeps whichever comes first and replays
 * what arrived before it; the later one repeats what the board has (unchanged orders keep their
 * objects, so nothing re-renders for it).
 *
 * A page that came with the agent's first screen has its snapshot already and does not ask again
 * (`fetchSnapshot: false`): the socket's snapshot on connect brings what changed since the render.
 */
export function openBoardFeed(client: BoardClient, { fetchSnapshot = true }: { fetchSnapshot?: boolean } = {}): BoardFeed {
  let sink: { deliver: (update: BoardUpdate) => void; onError: (error: unknown) => void } | undefined;
  const held: BoardUpdate[] = [];
  const heldErrors: unknown[] = [];
  const gate = createSnapshotGate((update) => {
    if (sink) sink.deliver(update);
    else held.push(update);
  });
  client.subscribe(gate.push);
  if (fetchSnapshot) {
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
