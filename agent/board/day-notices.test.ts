import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoardNotice } from '../../common/kitchen-api.js';
import { CacheDb } from '../cache/cache-db.js';
import { Board } from './board.js';
import { DayNotices } from './day-notices.js';

const dirs: string[] = [];
const caches: CacheDb[] = [];
afterEach(() => {
  for (const cache of caches.splice(0)) cache.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openCache(dir = mkdtempSync(join(tmpdir(), 'ticketrail-notices-'))): { cache: CacheDb; dir: string } {
  if (!dirs.includes(dir)) dirs.push(dir);
  const cache = new CacheDb(dir);
  caches.push(cache);
  return { cache, dir };
}

const at = (hour: number, minute = 0, day = 7) => new Date(2026, 11, day, hour, minute).getTime();
const notice = (seq: number, ms: number): BoardNotice => ({ id: `seq-${seq}`, kind: 'gift_card.purchased', text: `Gift card sold ${seq}`, at: new Date(ms).toISOString() });

describe("today's counter notices in the agent", () => {
  it('a snapshot taken hours later (a board opened or reloaded) carries them, newest first, each once', () => {
    let now = at(9);
    const { cache } = openCache();
    const notices = new DayNotices(cache, { now: () => now });
    const board = new Board(cache, () => ({ mode: 'live', lastSeq: 0 }), () => [], [], notices);
    notices.keep(notice(1, at(9)));
    notices.keep(notice(2, at(11, 30)));
    notices.keep(notice(2, at(11, 30)));
    now = at(18);
    expect(board.snapshot().notices?.map((n) => n.id)).toEqual(['seq-2', 'seq-1']);
  });

  it('survive a restart of the agent (the SQLite cache file)', () => {
    const now = at(10);
    const first = openCache();
    new DayNotices(first.cache, { now: () => now }).keep(notice(1, at(9)));
    first.cache.close();
    caches.splice(caches.indexOf(first.cache), 1);
    const again = openCache(first.dir);
    expect(new DayNotices(again.cache, { now: () => now }).today().map((n) => n.id)).toEqual(['seq-1']);
  });

  it('are dropped once the local day turns', () => {
    let now = at(22);
    const { cache } = openCache();
    const notices = new DayNotices(cache, { now: () => now });
    notices.keep(notice(1, at(21)));
    now = at(0, 1, 8);
    expect(notices.today()).toEqual([]);
    now = at(22);
    // Gone from the cache, not just filtered.
    expect(cache.noticesSince(new Date(0).toISOString(), 10)).toEqual([]);
  });
});
