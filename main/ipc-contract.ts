import { IPC_CHANNEL_PREFIX, type KitchenApiMethod } from '../common/kitchen-api-methods.js';

/**
 * IPC's wire names for the operations of KITCHEN_API (common/kitchen-contract.ts): a channel per
 * operation, `ticketrail:<method>`, and one for main → renderer updates. The names live in
 * common/kitchen-api-methods.ts, shared with the preload; what each channel takes and answers is
 * the map's.
 */
export { IPC_CHANNEL_PREFIX, UPDATE_CHANNEL } from '../common/kitchen-api-methods.js';

export type IpcChannel = `${typeof IPC_CHANNEL_PREFIX}${KitchenApiMethod}`;

export function channelFor(method: KitchenApiMethod): IpcChannel {
  return `${IPC_CHANNEL_PREFIX}${method}`;
}
