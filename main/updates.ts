import type { WebContents } from 'electron';
import type { AgentLogger } from '../agent/index.js';
import type { BoardUpdate, BoardUpdateSource, ConnectionState } from '../common/kitchen-api.js';
import { UPDATE_CHANNEL } from './ipc-contract.js';
import type { SecretRegistry } from './secret-guard.js';

export interface UpdateForwardingOptions {
  /** The board window's contents; undefined while there is none. */
  target(): WebContents | undefined;
  secrets: SecretRegistry;
  /** Called with every connection state the agent reports (the tray shows it). */
  onConnection?(connection: ConnectionState): void;
  logger?: AgentLogger;
}

/** Subscribes to the agent and pushes each BoardUpdate to the window; returns the unsubscribe. */
export function forwardBoardUpdates(api: BoardUpdateSource, options: UpdateForwardingOptions): () => void {
  const { target, secrets, onConnection, logger } = options;
  return api.subscribe((update) => {
    const connection = connectionOf(update);
    if (connection) onConnection?.(connection);

    const contents = target();
    // A hidden window still gets updates (it must be current when shown); a closed one cannot.
    if (!contents || contents.isDestroyed()) return;
    if (secrets.contains(update)) {
      logger?.error('ipc: update dropped, it contained a stored secret', { type: update.type });
      return;
    }
    contents.send(UPDATE_CHANNEL, update);
  });
}

function connectionOf(update: BoardUpdate): ConnectionState | undefined {
  if (update.type === 'connection') return update.connection;
  if (update.type === 'snapshot') return update.snapshot.connection;
  return undefined;
}
