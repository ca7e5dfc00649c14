import type { KitchenApi } from '../../common/kitchen-api.js';

/**
 * The renderer's link to the kitchen agent — not the agent's link to the backend, which arrives as
 * `connection` updates. Losing the agent is a different failure: nothing on screen is being updated.
 */
export type AgentLinkState =
  | { status: 'connecting'; attempt: number }
  | { status: 'connected' }
  | { status: 'disconnected'; attempt: number; retryAt: number; reason?: string };

/** The KitchenApi plus what the board needs to know about the link it travels over. */
export interface BoardClient extends KitchenApi {
  readonly transport: 'http' | 'ipc';
  /** Calls the listener with the current link state at once, then on every change. */
  subscribeLink(listener: (link: AgentLinkState) => void): () => void;
}
