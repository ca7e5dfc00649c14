import { useTranslation } from 'react-i18next';
import type { AgentLinkState } from '../../api/board-client.js';
import { useNow } from '../../hooks/useNow.js';

/**
 * Shown while the board cannot hear the kitchen agent at all — unlike "backend offline", nothing
 * on screen is being updated, so it is loud and names the difference.
 */
export function AgentLinkBanner({ link }: { link: AgentLinkState }) {
  const { t } = useTranslation();
  // The first connect after start is quick and silent; only a lost or failing link is shown.
  if (link.status === 'connected' || (link.status === 'connecting' && link.attempt === 0)) return null;
  return (
    <div className={`agent-link-banner agent-link-${link.status}`} data-testid="agent-link-banner" data-status={link.status} role="alert">
      {link.status === 'connecting' ? t('agentLink.reconnecting') : <RetryCountdown retryAt={link.retryAt} />}
    </div>
  );
}

/** The only part that ticks: the clock runs while the link is down, not all the time. */
function RetryCountdown({ retryAt }: { retryAt: number }) {
  const { t } = useTranslation();
  const now = useNow();
  return t('agentLink.disconnected', { count: Math.max(0, Math.ceil((retryAt - now) / 1000)) });
}
