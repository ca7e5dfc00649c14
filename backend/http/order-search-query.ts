import { CodedError, ERRORS } from '../../common/errors.js';

/*
 * The time range of `GET /api/orders?from=&to=` (issue 24). Each bound is an ISO 8601 date
 * (`2026-12-07`: that UTC day) or date-time (`2026-12-07T20:00:00+01:00`; without a zone, UTC).
 * Both become UTC instants written as orders' `created_at` is, so the database compares strings:
 * `from` is inclusive; `to` is inclusive too, so a date `to` means up to the end of that day.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DAY_MS = 86_400_000;

function instant(param: 'from' | 'to', value: string): number {
  const dateOnly = DATE.test(value);
  if (!dateOnly && !DATE_TIME.test(value)) throw dateInvalid(param, value);
  const hasZone = !dateOnly && /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : hasZone ? value : `${value}Z`);
  if (Number.isNaN(ms) || !isCalendarDate(value.slice(0, 10))) throw dateInvalid(param, value);
  return dateOnly && param === 'to' ? ms + DAY_MS : param === 'to' ? ms + 1 : ms;
}

/** Date.parse rolls "2026-02-31" over to March: a date must name a real day. */
function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dateInvalid(param: string, value: string): CodedError {
  return new CodedError(ERRORS.ORDER_SEARCH_DATE_INVALID, `${param} must be an ISO 8601 date (YYYY-MM-DD) or date-time, not "${value}"`, { param, value });
}

/** The range as half-open UTC ISO bounds [from, to), or 400 ORDER_SEARCH_DATE_INVALID / ORDER_SEARCH_RANGE_INVALID. */
export function searchRange(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  const start = from === undefined ? undefined : instant('from', from);
  const end = to === undefined ? undefined : instant('to', to);
  if (start !== undefined && end !== undefined && end <= start) {
    throw new CodedError(ERRORS.ORDER_SEARCH_RANGE_INVALID, 'to is before from', { from, to });
  }
  return {
    ...(start !== undefined ? { from: new Date(start).toISOString() } : {}),
    ...(end !== undefined ? { to: new Date(end).toISOString() } : {}),
  };
}
