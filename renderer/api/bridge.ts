import type { ApiResult, BoardUpdate, KitchenApi, KitchenApiMethod } from '../../common/kitchen-api.js';

/** What a KitchenApi method takes: its one argument, or `void` for methods without input. */
export type KitchenApiInput<M extends KitchenApiMethod> = Parameters<KitchenApi[M]> extends [infer Input] ? Input : void;

/** What a KitchenApi method resolves to. */
export type KitchenApiOutput<M extends KitchenApiMethod> = Awaited<ReturnType<KitchenApi[M]>>;

/**
 * `window.ticketrail`, as Electron's preload exposes it through contextBridge: one method per
 * KITCHEN_API_METHODS entry answering an ApiResult (errors are data, never a rejected promise),
 * plus a live-update subscription that returns its unsubscribe function.
 *
 * The preload must match this shape structurally (it may not import renderer/).
 */
export type TicketrailBridge = {
  readonly [M in KitchenApiMethod]: (input: KitchenApiInput<M>) => Promise<ApiResult<KitchenApiOutput<M>>>;
} & {
  onUpdate(listener: (update: BoardUpdate) => void): () => void;
};

/** The bridge if this page runs inside the Electron shell, otherwise undefined. */
export function findBridge(scope: object = globalThis): TicketrailBridge | undefined {
  const candidate = (scope as { ticketrail?: unknown }).ticketrail;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  return typeof (candidate as { onUpdate?: unknown }).onUpdate === 'function' ? (candidate as TicketrailBridge) : undefined;
}
