import { memo } from 'react';
import type { ConnectionState } from '../../../common/kitchen-api.js';
import { useInPage } from '../../hooks/useInPage.js';
import { formatClock } from './clock.js';

const MODE_LABELS: Record<ConnectionState['mode'], string> = {
  live: 'Live',
  polling: 'Polling',
  offline: 'Backend offline',
};

/** The agent's link to the backend: live (realtime), polling (realtime down) or offline. */
export const ConnectionBanner = memo(function ConnectionBanner({ connection, stale }: { connection: ConnectionState; stale: boolean }) {
  // The time of day is the page's to draw, in the kitchen's time zone (see useInPage).
  const inPage = useInPage();
  return (
    <div
      className={`connection-banner connection-${connection.mode}${stale ? ' connection-stale' : ''}`}
      data-testid="connection-banner"
      data-mode={connection.mode}
      data-stale={stale ? 'true' : 'false'}
      role="status"
      aria-live="polite"
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-mode">{MODE_LABELS[connection.mode]}</span>
      <span className="connection-sync" data-testid="last-sync">
        last sync {inPage ? formatClock(connection.lastSyncAt) : ''}
      </span>
      {connection.detail ? <span className="connection-detail">{connection.detail}</span> : null}
    </div>
  );
});
