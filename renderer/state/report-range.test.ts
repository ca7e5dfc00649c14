import { describe, expect, it } from 'vitest';
import { localDate, reportQuery } from './report-range.js';

describe('the Reports tab periods', () => {
  // 23:30 UTC on 31 March 2026: already 1 April in Warsaw (UTC+2 since 29 March), still 31 March in New York.
  const now = Date.parse('2026-03-31T23:30:00Z');

  it('takes today in the restaurant zone, not UTC', () => {
    expect(localDate(now, 'Europe/Warsaw')).toBe('2026-04-01');
    expect(localDate(now, 'America/New_York')).toBe('2026-03-31');
    expect(reportQuery('today', now, 'Europe/Warsaw')).toEqual({ from: '2026-04-01', to: '2026-04-01', tz: 'Europe/Warsaw' });
  });

  it('ends the last 7 and 30 days today, across a month end and a daylight saving change', () => {
    expect(reportQuery('week', now, 'Europe/Warsaw')).toEqual({ from: '2026-03-26', to: '2026-04-01', tz: 'Europe/Warsaw' });
    expect(reportQuery('month', now, 'America/New_York')).toEqual({ from: '2026-03-02', to: '2026-03-31', tz: 'America/New_York' });
  });
});
