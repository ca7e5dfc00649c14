import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { ApiResult, BoardUpdate } from '../common/kitchen-api.js';
import { IPC_CHANNEL_PREFIX, KITCHEN_API_METHODS, UPDATE_CHANNEL } from '../common/kitchen-api-methods.js';
import type { TicketrailBridge } from '../common/kitchen-contract.js';
import { inputRefused, isPlainInput, NOT_ONE_OBJECT } from '../common/kitchen-input.js';

export type { TicketrailBridge } from '../common/kitchen-contract.js';

/** The part of ipcRenderer the bridge uses. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * Builds `window.ticketrail` over ipcRenderer: one function per operation of KITCHEN_API (by the
 * zod-free name list: this file is bundled into the sandboxed preload) plus onUpdate. The page
 * gets plain functions only: never ipcRenderer itself (it could call any channel) and never an
 * IpcRendererEvent (its `sender` is ipcRenderer).
 */
export function createBridge(ipc: BridgeIpc): TicketrailBridge {
  const methods = Object.fromEntries(
    KITCHEN_API_METHODS.map((method) => [
      method,
      // Exactly one argument crosses; anything else the page passes is dropped here.
      async (input?: unknown): Promise<unknown> => {
        // What main would refuse anyway is refused here, as data, without a round trip; an input
        // that cannot be cloned (a function) would otherwise reject the promise instead.
        if (!isPlainInput(input)) return { ok: false, error: inputRefused(method, [NOT_ONE_OBJECT]) } satisfies ApiResult<never>;
        return ipc.invoke(`${IPC_CHANNEL_PREFIX}${method}`, input);
      },
    ]),
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
