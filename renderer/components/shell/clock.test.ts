import { describe, expect, it } from 'vitest';
import { formatClock } from './clock.js';

describe('formatClock', () => {
  it('shows local hh:mm:ss in English exactly as en-GB 24 h time does', () => {
    for (const iso of ['2026-01-01T00:00:00.000Z', '2026-06-15T12:34:56.789Z', '2026-12-31T23:59:59.999Z', '2026-03-29T01:30:05Z']) {
      expect(formatClock('en', iso)).toBe(new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }));
    }
  });

  it("writes the time as the board's language does, on a 24-hour clock, with Western digits in Arabic", () => {
    const iso = '2026-06-15T21:04:05.000Z';
    const local = new Date(iso);
    const hh = String(local.getHours()).padStart(2, '0');
    expect(formatClock('de', iso)).toBe(`${hh}:04:05`);
    expect(formatClock('ar', iso)).toBe(`${hh}:04:05`);
    expect(formatClock('zh', iso)).toBe(`${hh}:04:05`);
  });

  it('shows a dash for a missing or broken time', () => {
    expect(formatClock('en', undefined)).toBe('—');
    expect(formatClock('es', 'not a time')).toBe('—');
  });
});
