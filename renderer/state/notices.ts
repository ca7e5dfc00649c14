import type { BoardNotice } from '../../common/kitchen-api.js';

/** Midnight of the day `ms` falls on, in this screen's time zone (the restaurant's). */
function startOfLocalDay(ms: number): number {
  const day = new Date(ms);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/**
 * The notices to show at `nowMs`, newest first: today's (issue 20: counter notices stay for the
 * day, and a board opened later shows them). A notice stamped a little in the future (the
 * backend's clock ahead of this screen's) counts as today's.
 */
export function visibleNotices(notices: readonly BoardNotice[], nowMs: number): BoardNotice[] {
  const midnight = startOfLocalDay(nowMs);
  return notices.filter((notice) => {
    const at = Date.parse(notice.at);
    return Number.isFinite(at) && at >= midnight;
  });
}
