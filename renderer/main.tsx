import { createRoot } from 'react-dom/client';
import type { BoardClient } from './api/board-client.js';
import { findBridge } from './api/bridge.js';
import { createHttpKitchenApi } from './api/http-kitchen-api.js';
import { createIpcKitchenApi } from './api/ipc-kitchen-api.js';
import { App } from './components/App.js';
import { NoAgent } from './components/shell/NoAgent.js';
import { SoundPlayer } from './sound/sound-player.js';
import './styles/base.css';
import './styles/board.css';
import './styles/settings.css';
import './styles/print-log.css';

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

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const client = pickClient();
createRoot(root).render(client ? <App client={client} sounds={new SoundPlayer()} /> : <NoAgent />);
