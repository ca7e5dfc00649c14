import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { ApiResult, BoardUpdate, KitchenApi } from '../common/kitchen-api.js';
import { IPC_CHANNEL_PREFIX, KITCHEN_API_METHODS, UPDATE_CHANNEL, type KitchenApiMethod } from '../common/kitchen-api-methods.js';

/** What a method takes: its one argument, or `void` for methods without input. */
type BridgeInput<M extends KitchenApiMethod> = Parameters<KitchenApi[M]> extends [infer Input] ? Input : void;

/**
 * `window.ticketrail`: one method per KITCHEN_API_METHODS entry, answering an ApiResult, plus a
 * live-update subscription. Structurally the same as renderer/api/bridge.ts's TicketrailBridge
 * (neither side may import the other).
 */
export type TicketrailBridge = {
  readonly [M in KitchenApiMethod]: (input: BridgeInput<M>) => Promise<ApiResult<Awaited<ReturnType<KitchenApi[M]>>>>;
} & {
  onUpdate(listener: (update: BoardUpdate) => void): () => void;
};

/** The part of ipcRenderer the bridge uses. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * Builds the bridge over ipcRenderer. The page gets plain functions only: never ipcRenderer
 * itself (it could call any channel) and never an IpcRendererEvent (its `sender` is ipcRenderer).
 */
export function createBridge(ipc: BridgeIpc): TicketrailBridge {
  const methods = Object.fromEntries(
    // Exactly one argument crosses; anything else the page passes is dropped here.
    KITCHEN_API_METHODS.map((method) => [method, (input?: unknown) => ipc.invoke(`${IPC_CHANNEL_PREFIX}${method}`, input)]),
  );

  const onUpdate = (listener: (update: BoardUpdate) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onUpdate expects a function');
    const forward = (_event: IpcRendererEvent, update: unknown): void => listener(update as BoardUpdate);
    ipc.on(UPDATE_CHANNEL, forward);
    return () => {
      ipc.removeListener(UPDATE_CHANNEL, forward);
    };
  };

  // The one cast of the bridge: main answers each channel with the ApiResult of its method, which
  // the type restates; the methods object is built from the same list the type is mapped over.
  return Object.freeze({ ...methods, onUpdate }) as unknown as TicketrailBridge;
}
