import { describe, expect, it } from 'vitest';
import { formatClock } from './clock.js';

describe('formatClock', () => {
  it('shows local hh:mm:ss exactly as en-GB 24 h time does', () => {
    for (const iso of ['2026-01-01T00:00:00.000Z', '2026-06-15T12:34:56.789Z', '2026-12-31T23:59:59.999Z', '2026-03-29T01:30:05Z']) {
      expect(formatClock(iso)).toBe(new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }));
    }
  });

  it('shows a dash for a missing or broken time', () => {
    expect(formatClock(undefined)).toBe('—');
    expect(formatClock('not a time')).toBe('—');
  });
});
