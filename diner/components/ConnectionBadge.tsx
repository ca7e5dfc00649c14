import { useTranslation } from 'react-i18next';
import type { FeedMode } from '../live-feed.js';

/** The board's live / polling / offline indicator, for the diner. */
export function ConnectionBadge({ mode }: { mode: FeedMode }) {
  const { t } = useTranslation('diner');
  return (
    <span className={`badge badge-${mode}`} data-testid="diner-connection" data-mode={mode} role="status">
      {t(`connection.${mode}`)}
    </span>
  );
}
