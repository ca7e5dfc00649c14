import type { ApiResult } from '../../common/kitchen-api.js';
import type { KitchenApiMethod } from '../../common/kitchen-api-methods.js';
import type { KitchenApiOutput, TicketrailBridge } from '../../common/kitchen-contract.js';
import type { BoardClient } from './board-client.js';
import { CLIENT_ERROR_CODES, KitchenApiError, unwrapResult } from './kitchen-api-error.js';
import { kitchenCalls } from './kitchen-calls.js';
import { describeError } from '../../common/describe-error.js';

/** The KitchenApi over Electron IPC, through the preload's `window.ticketrail` bridge. */
export function createIpcKitchenApi(bridge: TicketrailBridge | undefined = (globalThis as { ticketrail?: TicketrailBridge }).ticketrail): BoardClient {
  if (!bridge) throw new KitchenApiError(CLIENT_ERROR_CODES.IPC_FAILED, 'window.ticketrail is missing: not running inside the desktop app');
  const ipc = bridge;

  async function call<M extends KitchenApiMethod>(method: M, input: unknown): Promise<KitchenApiOutput<M>> {
    // Each bridge method has its own input type; calling through the union needs one widening.
    const invoke = ipc[method] as (input: unknown) => Promise<ApiResult<KitchenApiOutput<M>>>;
    let result: ApiResult<KitchenApiOutput<M>>;
    try {
      result = await invoke(input);
    } catch (error) {
      // The preload answers errors as data; a rejection means IPC itself broke.
      const reason = describeError(error);
      throw new KitchenApiError(CLIENT_ERROR_CODES.IPC_FAILED, `Desktop bridge call ${method} failed (${reason})`);
    }
    return unwrapResult(result);
  }

  return {
    transport: 'ipc',
    ...kitchenCalls(call),
    subscribe: (listener) => ipc.onUpdate(listener),
    // The agent lives in the same app: the link is up for as long as this window exists.
    subscribeLink: (listener) => {
      listener({ status: 'connected' });
      return () => undefined;
    },
  };
}
