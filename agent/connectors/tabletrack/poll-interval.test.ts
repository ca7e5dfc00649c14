import { describe, expect, it } from 'vitest';
import { TABLETRACK_POLL, nextPollDelayMs, readPollHint } from './poll-interval.js';

describe('TableTrack poll interval', () => {
  it('polls every 5 s without Pusher and every 30 s while live', () => {
    expect(nextPollDelayMs({ live: false })).toBe(5_000);
    expect(nextPollDelayMs({ live: true })).toBe(30_000);
  });

  it('follows X-Print-Poll-Ms without Pusher, bounded to 1–60 s', () => {
    expect(nextPollDelayMs({ live: false, hintMs: readPollHint('8000') })).toBe(8_000);
    expect(readPollHint('250')).toBe(TABLETRACK_POLL.minMs);
    expect(readPollHint('0')).toBe(TABLETRACK_POLL.minMs);
    expect(readPollHint('600000')).toBe(TABLETRACK_POLL.maxMs);
    expect(readPollHint(' 2500 ')).toBe(2_500);
  });

  it('keeps the 30 s safety net while live whatever the hint says', () => {
    expect(nextPollDelayMs({ live: true, hintMs: 1_000 })).toBe(30_000);
  });

  it.each([null, undefined, '', 'soon', '-5', '1e4', '12.5', '99999999999'])('ignores a hint that is not a plain number: %s', (header) => {
    expect(readPollHint(header)).toBeUndefined();
    expect(nextPollDelayMs({ live: false, hintMs: readPollHint(header) })).toBe(5_000);
  });
});
