import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../../../common/kitchen-api.js';
import { useInPage } from '../../hooks/useInPage.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { formatClock } from './clock.js';

/** The agent's link to the backend: live (realtime), polling (realtime down) or offline. */
export const ConnectionBanner = memo(function ConnectionBanner({ connection, stale }: { connection: ConnectionState; stale: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
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
      <span className="connection-mode">{t(`connection.${connection.mode}`)}</span>
      <span className="connection-sync" data-testid="last-sync">
        {t('connection.lastSync', { time: inPage ? formatClock(language, connection.lastSyncAt) : '' })}
      </span>
      {connection.detail ? <span className="connection-detail">{connection.detail}</span> : null}
    </div>
  );
});
