/**
 * IPC channel names, as main/ipc-contract.ts defines them. Repeated here because the preload may
 * import nothing of ours but common/; preload/bridge.test.ts fails if the two ever differ.
 */
export const IPC_CHANNEL_PREFIX = 'ticketrail:';
export const UPDATE_CHANNEL = 'ticketrail:update';
