import type { AgentLinkState } from '../../api/board-client.js';

/**
 * Shown while the board cannot hear the kitchen agent at all — unlike "backend offline", nothing
 * on screen is being updated, so it is loud and names the difference.
 */
export function AgentLinkBanner({ link, now }: { link: AgentLinkState; now: number }) {
  // The first connect after start is quick and silent; only a lost or failing link is shown.
  if (link.status === 'connected' || (link.status === 'connecting' && link.attempt === 0)) return null;
  const text =
    link.status === 'connecting'
      ? 'Reconnecting to the kitchen agent…'
      : `Disconnected from the kitchen agent — the board is not updating. Retrying in ${Math.max(0, Math.ceil((link.retryAt - now) / 1000))} s`;
  return (
    <div className={`agent-link-banner agent-link-${link.status}`} data-testid="agent-link-banner" data-status={link.status} role="alert">
      {text}
    </div>
  );
}
