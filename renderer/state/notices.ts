import type { BoardNotice } from '../../common/kitchen-api.js';

/** How long a notice stays on the counter view: news of the moment, not a log. */
export const NOTICE_VISIBLE_MS = 90_000;

/**
 * The notices to show at `nowMs`, newest first: those from the last NOTICE_VISIBLE_MS. A notice
 * stamped a little in the future (the backend's clock ahead of this screen's) counts as new.
 */
export function visibleNotices(notices: readonly BoardNotice[], nowMs: number): BoardNotice[] {
  return notices.filter((notice) => {
    const at = Date.parse(notice.at);
    return Number.isFinite(at) && nowMs - at < NOTICE_VISIBLE_MS;
  });
}
