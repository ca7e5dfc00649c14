import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../common/kitchen-api.js';
import { ManualClock } from '../../test/integration/manual-clock.js';
import { CONNECTION_UPDATE_INTERVAL_MS, ConnectionNews } from './connection-news.js';

const polling = (lastSyncAt: string): ConnectionState => ({ mode: 'polling', lastSeq: 1, lastSyncAt, detail: 'polling' });

describe('ConnectionNews', () => {
  it('announces a new mode or detail at once, a newer sync time at most once per interval', () => {
    const clock = new ManualClock(1_000_000);
    const news = new ConnectionNews(clock);
    const starting: ConnectionState = { mode: 'offline', lastSeq: 0, detail: 'starting' };

    expect(news.worthAnnouncing(starting, polling('a'))).toBe(true);
    clock.advance(10);
    // Only the sync time moved, and too soon after the last announcement.
    expect(news.worthAnnouncing(polling('a'), polling('b'))).toBe(false);
    // A new mode is news however soon.
    expect(news.worthAnnouncing(polling('b'), { ...polling('b'), mode: 'live', detail: 'realtime connected' })).toBe(true);
    clock.advance(CONNECTION_UPDATE_INTERVAL_MS - 1);
    expect(news.worthAnnouncing(polling('b'), polling('c'))).toBe(false);
    clock.advance(1);
    expect(news.worthAnnouncing(polling('c'), polling('d'))).toBe(true);
    // Nothing changed at all: not news, whatever the time.
    clock.advance(CONNECTION_UPDATE_INTERVAL_MS * 5);
    expect(news.worthAnnouncing(polling('d'), polling('d'))).toBe(false);
  });
});
