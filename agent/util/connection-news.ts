import type { ConnectionState } from '../../common/kitchen-api.js';
import type { Clock } from '../../common/clock.js';

/** At most one "last sync" update per this interval while nothing else about the connection changes. */
export const CONNECTION_UPDATE_INTERVAL_MS = 1_000;

/**
 * Which connection states a sync (TicketRail's engine, TableTrack's sync) tells the board about. A
 * new mode or detail is news at once; a newer sync time only once per interval, so a busy kitchen
 * does not send the board a connection update per event.
 */
export class ConnectionNews {
  private announcedAt = Number.NEGATIVE_INFINITY;
  private announcedSyncAt: string | undefined;

  constructor(private readonly clock: Clock) {}

  /** Whether `next` is to be announced; if so, it counts as announced now. */
  worthAnnouncing(previous: ConnectionState, next: ConnectionState): boolean {
    const news = next.mode !== previous.mode || next.detail !== previous.detail;
    const fresh = next.lastSyncAt !== this.announcedSyncAt && this.clock.now() - this.announcedAt >= CONNECTION_UPDATE_INTERVAL_MS;
    if (!news && !fresh) return false;
    this.announcedAt = this.clock.now();
    this.announcedSyncAt = next.lastSyncAt;
    return true;
  }
}
