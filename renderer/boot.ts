import type { FirstScreenData } from '../common/first-screen.js';
import type { BoardClient } from './api/board-client.js';
import { openBoardFeed, type BoardFeed } from './api/board-feed.js';
import { findBridge } from './api/bridge.js';
import { createHttpKitchenApi } from './api/http-kitchen-api.js';
import { createIpcKitchenApi } from './api/ipc-kitchen-api.js';
import { readFirstScreenData } from './first-screen/page-data.js';

/**
 * The one place the transport is chosen: inside the desktop app the preload's bridge, otherwise
 * the agent's local HTTP API on the origin that served this page. A token, when the agent needs
 * one (it listens beyond loopback), comes in the page URL as `?token=`. Opened from a file
 * without the desktop bridge there is no agent to talk to.
 */
function pickClient(): BoardClient | undefined {
  const bridge = findBridge();
  if (bridge) return createIpcKitchenApi(bridge);
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return undefined;
  const token = new URLSearchParams(location.search).get('token') ?? undefined;
  return createHttpKitchenApi(location.origin, token);
}

/**
 * main.tsx imports this module first, so it runs before React and the rest of the bundle are even
 * evaluated: the board's feed (the agent's WebSocket, or getSnapshot() over IPC) is under way while
 * they are, and the rail's snapshot arrives that much sooner.
 */
export const client: BoardClient | undefined = pickClient();
/** The first screen the agent rendered into the page, with its data (served over HTTP only). */
export const firstScreen: FirstScreenData | undefined = client ? readFirstScreenData(document) : undefined;
export const feed: BoardFeed | undefined = client ? openBoardFeed(client, { fetchSnapshot: !firstScreen }) : undefined;
