import type { Event, WebContents } from 'electron';
import type { AgentLogger } from '../agent/index.js';
import type { AppOrigin } from './app-origin.js';

/**
 * Keeps the window on the board: a link or script can neither navigate it elsewhere nor open a new
 * window, and no <webview> can be attached. The board has no outbound links, so there is nothing
 * to hand to the system browser either.
 */
export function lockDownNavigation(contents: WebContents, origin: AppOrigin, logger?: AgentLogger): void {
  const guard = (kind: string) => (event: Event, url: string) => {
    if (origin.isAppUrl(url)) return;
    event.preventDefault();
    logger?.warn(`window: blocked ${kind}`, { url });
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    logger?.warn('window: blocked window.open', { url });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
