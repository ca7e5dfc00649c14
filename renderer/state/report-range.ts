import type { ReportQuery } from '../../common/reports.js';

/** The periods the Reports tab offers, each ending today (issue 22: today, last 7 and 30 days). */
export const REPORT_PERIODS = { today: 1, week: 7, month: 30 } as const;
export type ReportPeriod = keyof typeof REPORT_PERIODS;

const DAY_MS = 86_400_000;

/** The calendar date (YYYY-MM-DD) it is at `now` in `timeZone`. */
export function localDate(now: number, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD; the parts are read rather than trusting the layout.
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The report query of a period: local days of `timeZone`, the last one today. */
export function reportQuery(period: ReportPeriod, now: number, timeZone: string): ReportQuery {
  const to = localDate(now, timeZone);
  // Calendar arithmetic on the date alone (noon UTC: no zone or daylight saving can move it a day).
  const from = new Date(Date.parse(`${to}T12:00:00Z`) - (REPORT_PERIODS[period] - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to, tz: timeZone };
}

/** The zone the board runs in: the restaurant's, as the kitchen PC's clock is set. */
export function boardTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}
