import type { Clock } from '../../common/clock.js';
import type { BoardNotice } from '../../common/kitchen-api.js';
import type { CacheDb } from '../cache/cache-db.js';

/** Notices a snapshot carries at most: a busy day's gift cards and loyalty changes fit. */
export const DAY_NOTICES_KEPT = 200;

/** Midnight of the day `ms` falls on, in this PC's time zone (the restaurant's). */
export function startOfLocalDay(ms: number): number {
  const day = new Date(ms);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/**
 * Counter notices stay for the day (issue 20): each is kept in the agent's cache as it arrives, a
 * snapshot carries today's, and yesterday's are dropped once the local day has turned (at the
 * next notice or snapshot). Days are this PC's local days, on the agent's clock.
 */
export class DayNotices {
  constructor(
    private readonly cache: Pick<CacheDb, 'keepNotice' | 'noticesSince' | 'dropNoticesBefore'>,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  keep(notice: BoardNotice): void {
    this.prune();
    this.cache.keepNotice(notice);
  }

  /** Today's notices, newest first. */
  today(): BoardNotice[] {
    return this.cache.noticesSince(this.prune(), DAY_NOTICES_KEPT);
  }

  /** Drops notices of earlier days; answers where today starts. */
  private prune(): string {
    const midnight = new Date(startOfLocalDay(this.clock.now())).toISOString();
    this.cache.dropNoticesBefore(midnight);
    return midnight;
  }
}
