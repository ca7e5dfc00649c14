import type { FirstScreenData } from '../common/first-screen.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../common/i18n/languages.js';
import type { BoardClient } from './api/board-client.js';
import { openBoardFeed, type BoardFeed } from './api/board-feed.js';
import { findBridge } from './api/bridge.js';
import { createHttpKitchenApi } from './api/http-kitchen-api.js';
import { createIpcKitchenApi } from './api/ipc-kitchen-api.js';
import { readFirstScreenData } from './first-screen/page-data.js';
import { createBoardI18n } from './i18n/board-i18n.js';
import { applyDocumentLanguage, rememberedLanguage } from './i18n/document-language.js';
import { loadLocale } from './i18n/load-locale.js';

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
 * The language to start in: the one the agent drew the first screen in (the page must match it to
 * adopt it), else the one this browser showed last; the settings correct it once they arrive.
 */
function startLanguage(firstScreen: FirstScreenData | undefined): Language {
  const drawn = firstScreen?.settings.display.language;
  return isLanguage(drawn) ? drawn : (rememberedLanguage() ?? DEFAULT_LANGUAGE);
}

/**
 * main.tsx imports this module first, so it runs before React and the rest of the bundle are even
 * evaluated: the board's feed (the agent's WebSocket, or getSnapshot() over IPC) is under way while
 * they are, and the rail's snapshot arrives that much sooner. So is the language's translation
 * file, when it is not the bundled English.
 */
export const client: BoardClient | undefined = pickClient();
/** The first screen the agent rendered into the page, with its data (served over HTTP only). */
export const firstScreen: FirstScreenData | undefined = client ? readFirstScreenData(document) : undefined;
export const feed: BoardFeed | undefined = client ? openBoardFeed(client, { fetchSnapshot: !firstScreen }) : undefined;
const language = startLanguage(firstScreen);
applyDocumentLanguage(document, language);
/** The board's words; render once `ready` settles (a failed load falls back to English). */
export const words = createBoardI18n(language, { load: loadLocale });
