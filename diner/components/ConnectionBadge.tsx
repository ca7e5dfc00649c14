import type { FeedMode } from '../live-feed.js';

const LABELS: Record<FeedMode, string> = { live: 'Live', polling: 'Updating every few seconds', offline: 'Offline — retrying', closed: 'Order closed' };

/** The board's live / polling / offline indicator, for the diner. */
export function ConnectionBadge({ mode }: { mode: FeedMode }) {
  return (
    <span className={`badge badge-${mode}`} data-testid="diner-connection" data-mode={mode} role="status">
      {LABELS[mode]}
    </span>
  );
}
