import type { WebSocket } from 'ws';
import type { BoardUpdate, BoardUpdateSource, KitchenHandlers } from '../../common/kitchen-api.js';
import { describeError } from '../describe-error.js';
import type { AgentLogger } from '../ports.js';

/** Close code for "the server met a condition that prevented it from fulfilling the request". */
export const SNAPSHOT_FAILED_CLOSE_CODE = 1011;

/**
 * One board on the updates socket: every BoardUpdate from now on, and first a snapshot. A snapshot
 * that cannot be taken is logged and the socket closed with 1011, so the board reconnects (with
 * backoff) and asks again instead of waiting on a socket that will never start.
 */
export function attachBoardSocket(api: BoardUpdateSource & Pick<KitchenHandlers, 'getSnapshot'>, ws: WebSocket, logger: AgentLogger): void {
  const send = (update: BoardUpdate) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(update));
  };
  // Subscribe before taking the snapshot so no update falls between the two.
  const unsubscribe = api.subscribe(send);
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  void api.getSnapshot().then(
    (snapshot) => send({ type: 'snapshot', snapshot }),
    (error: unknown) => {
      logger.error('local API: could not take the snapshot for a board socket', { error: describeError(error) });
      ws.close(SNAPSHOT_FAILED_CLOSE_CODE, 'snapshot failed');
    },
  );
}
