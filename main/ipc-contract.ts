import { z } from 'zod';
import {
  JobIdInputSchema,
  OrderActionInputSchema,
  PrinterIdInputSchema,
  PrintLogInputSchema,
  SettingsPatchSchema,
  type KitchenApi,
  type KitchenApiMethod,
} from '../common/kitchen-api.js';

/**
 * The one IPC contract between the board window and the agent: a channel per KitchenApi method,
 * the schema its input must pass in main, and the call it makes. The channel names live in
 * common/kitchen-api-methods.ts, shared with the preload.
 */
import { IPC_CHANNEL_PREFIX } from '../common/kitchen-api-methods.js';

export { IPC_CHANNEL_PREFIX, UPDATE_CHANNEL } from '../common/kitchen-api-methods.js';

export type IpcChannel = `${typeof IPC_CHANNEL_PREFIX}${KitchenApiMethod}`;

export function channelFor(method: KitchenApiMethod): IpcChannel {
  return `${IPC_CHANNEL_PREFIX}${method}`;
}

/** Methods without input accept nothing or an empty object, never stray keys. */
const NoInputSchema = z.union([z.undefined(), z.strictObject({})]);

const DismissConflictInputSchema = z.strictObject({ orderId: z.string().min(1).max(64) });

export interface IpcRoute<S extends z.ZodType, R> {
  readonly input: S;
  // Method syntax on purpose: routes of different inputs must fit one map type (bivariance).
  call(api: KitchenApi, input: z.output<S>): Promise<R>;
}

function route<S extends z.ZodType, R>(input: S, call: (api: KitchenApi, input: z.output<S>) => Promise<R>): IpcRoute<S, R> {
  return { input, call };
}

/** What each method answers, straight from the KitchenApi interface. */
export type IpcOutput<M extends KitchenApiMethod> = Awaited<ReturnType<KitchenApi[M]>>;

export const IPC_ROUTES = {
  getSnapshot: route(NoInputSchema, (api) => api.getSnapshot()),
  orderAction: route(OrderActionInputSchema, (api, input) => api.orderAction(input)),
  dismissConflict: route(DismissConflictInputSchema, (api, input) => api.dismissConflict(input)),
  getSettings: route(NoInputSchema, (api) => api.getSettings()),
  saveSettings: route(SettingsPatchSchema, (api, patch) => api.saveSettings(patch)),
  testConnection: route(NoInputSchema, (api) => api.testConnection()),
  testPrint: route(PrinterIdInputSchema, (api, input) => api.testPrint(input)),
  printerStatus: route(PrinterIdInputSchema, (api, input) => api.printerStatus(input)),
  printLog: route(PrintLogInputSchema, (api, input) => api.printLog(input)),
  reprint: route(JobIdInputSchema, (api, input) => api.reprint(input)),
  previewJob: route(JobIdInputSchema, (api, input) => api.previewJob(input)),
} satisfies { readonly [M in KitchenApiMethod]: IpcRoute<z.ZodType, IpcOutput<M>> };
