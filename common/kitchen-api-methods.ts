import type { KitchenOperation } from './kitchen-contract.js';

/*
 * The operation names of KITCHEN_API (kitchen-contract.ts), without its schemas: the sandboxed
 * preload and the board's startup chunk bundle this file, and importing the map would inline zod
 * into them. The compiler keeps the two equal (see below).
 */

/** Operation names, shared by the IPC channel map, the local HTTP API's routes and both adapters. */
export const KITCHEN_API_METHODS = [
  'getSnapshot',
  'orderAction',
  'dismissConflict',
  'bumpStation',
  'recallStation',
  'recallOrder',
  'recentlyCompleted',
  'toggleItemDone',
  'getSettings',
  'saveSettings',
  'testConnection',
  'testPrint',
  'printerStatus',
  'printLog',
  'reprint',
  'previewJob',
  'retryPrint',
  'printElsewhere',
  'moveWaitingJobs',
  'viewReceipt',
  'verifyPayment',
  'rejectPayment',
  'requestPayment',
  'setCourier',
  'orderHistory',
  'serviceReport',
  'printDaySummary',
  'tabletrackPrinters',
  'openDrawer',
  'findPrinters',
  'systemPrinters',
  'prepareLogo',
  // The settings PIN (issue 20).
  'settingsLockStatus',
  'unlockSettings',
  'setSettingsPin',
  'boardSettings',
] as const satisfies readonly KitchenOperation[];
export type KitchenApiMethod = (typeof KITCHEN_API_METHODS)[number];

/**
 * `satisfies` above refuses a name the map lacks; this refuses a map entry the list lacks (the
 * type is `never` exactly when the list is complete, and only `never` fits `extends never`).
 */
type RequireNever<T extends never> = T;
export type UnlistedKitchenOperations = RequireNever<Exclude<KitchenOperation, KitchenApiMethod>>;

/** IPC channels: one per method (`ticketrail:<method>`), and main → renderer updates. */
export const IPC_CHANNEL_PREFIX = 'ticketrail:';
export const UPDATE_CHANNEL = 'ticketrail:update';

/**
 * Wire form of the KitchenApi over the agent's local HTTP API: `POST {prefix}/{method}` with the
 * input as JSON answers an ApiResult; the WebSocket at `updatesPath` pushes BoardUpdate messages.
 * When the agent binds a non-loopback address, requests carry `Authorization: Bearer <token>`
 * (WebSocket: `?token=`). Here, not in kitchen-api.ts, so the board's startup bundle carries no zod.
 */
export const LOCAL_API = {
  prefix: '/api/kitchen',
  updatesPath: '/api/kitchen/updates',
} as const;
