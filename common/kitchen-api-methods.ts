import type { KitchenApi } from './kitchen-api.js';

/*
 * Kept apart from the schemas on purpose: the sandboxed preload bundles this list, and importing
 * it from kitchen-api.ts would inline zod into the preload.
 */

/** Operation names, shared by the IPC channel map and the local HTTP API's routes. */
export const KITCHEN_API_METHODS = [
  'getSnapshot',
  'orderAction',
  'dismissConflict',
  'getSettings',
  'saveSettings',
  'testConnection',
  'testPrint',
  'printerStatus',
  'printLog',
  'reprint',
  'previewJob',
] as const satisfies readonly Exclude<keyof KitchenApi, 'subscribe'>[];
export type KitchenApiMethod = (typeof KITCHEN_API_METHODS)[number];

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
