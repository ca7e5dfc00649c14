import type { BoardUpdate } from '../../common/kitchen-api.js';
import { RECONNECT_BACKOFF, reconnectDelayMs, type BackoffOptions } from './backoff.js';
import type { AgentLinkState } from './board-client.js';
import { parseBoardUpdate } from './parse-update.js';

/** The part of the browser's WebSocket this stream uses, so tests can pass a fake. */
export interface SocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(): void;
}

export interface UpdateStreamOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  backoff?: BackoffOptions;
  now?: () => number;
}

export interface UpdateStream {
  subscribe(listener: (update: BoardUpdate) => void): () => void;
  subscribeLink(listener: (link: AgentLinkState) => void): () => void;
}

/**
 * Board updates over one WebSocket, opened while anyone listens and reopened with backoff whenever
 * it closes. The agent sends a snapshot first on every connect, so a reconnect needs no catch-up.
 */
export function createUpdateStream(options: UpdateStreamOptions): UpdateStream {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const backoff = options.backoff ?? RECONNECT_BACKOFF;
  const now = options.now ?? Date.now;

  const updateListeners = new Set<(update: BoardUpdate) => void>();
  const linkListeners = new Set<(link: AgentLinkState) => void>();
  let link: AgentLinkState = { status: 'connecting', attempt: 0 };
  let socket: SocketLike | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  const setLink = (next: AgentLinkState) => {
    link = next;
    for (const listener of linkListeners) listener(link);
  };

  const open = () => {
    retryTimer = undefined;
    setLink({ status: 'connecting', attempt });
    const current = createSocket(options.url);
    socket = current;
    current.onopen = () => {
      attempt = 0;
      setLink({ status: 'connected' });
    };
    current.onmessage = (event) => {
      const update = parseBoardUpdate(event.data);
      if (update) for (const listener of updateListeners) listener(update);
    };
    // A failed connect fires error then close; the close handler alone decides what happens next.
    current.onerror = () => undefined;
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = undefined;
      if (updateListeners.size === 0) return;
      const delay = reconnectDelayMs(attempt, backoff);
      attempt += 1;
      setLink({ status: 'disconnected', attempt, retryAt: now() + delay, reason: event.reason || undefined });
      retryTimer = setTimeout(open, delay);
    };
  };

  const stop = () => {
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
    const current = socket;
    socket = undefined;
    current?.close();
    attempt = 0;
    setLink({ status: 'connecting', attempt: 0 });
  };

  return {
    subscribe(listener) {
      updateListeners.add(listener);
      if (updateListeners.size === 1 && socket === undefined && retryTimer === undefined) open();
      return () => {
        updateListeners.delete(listener);
        if (updateListeners.size === 0) stop();
      };
    },
    subscribeLink(listener) {
      linkListeners.add(listener);
      listener(link);
      return () => linkListeners.delete(listener);
    },
  };
}
