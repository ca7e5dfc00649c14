import type { TicketrailBridge } from '../../common/kitchen-contract.js';

export type { TicketrailBridge } from '../../common/kitchen-contract.js';

/** The bridge if this page runs inside the Electron shell, otherwise undefined. */
export function findBridge(scope: object = globalThis): TicketrailBridge | undefined {
  const candidate = (scope as { ticketrail?: unknown }).ticketrail;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  return typeof (candidate as { onUpdate?: unknown }).onUpdate === 'function' ? (candidate as TicketrailBridge) : undefined;
}
