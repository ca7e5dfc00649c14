import { CodedError, ERRORS } from '../../common/errors.js';
import { REPORT_DATE_PATTERN, REPORT_LIMITS } from '../../common/reports.js';

/*
 * Local days and hours of a report, in any IANA time zone, over the rollup's 15-minute slots.
 *
 * Every UTC offset in use is a whole number of quarter hours (+05:45, +08:45, -03:30 …) and every
 * offset change happens on a quarter hour, so all the instants of one 15-minute UTC slot share one
 * local day and one local hour, in every zone. A slot therefore maps to exactly one (day, hour):
 * orders across midnight land on their own day without the rollup knowing the zone.
 */

export const SLOT_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** No zone is further than 14 hours from UTC. */
const MAX_OFFSET_MS = 14 * HOUR_MS;

/** The slot an instant falls in. */
export function slotOf(ms: number): number {
  return Math.floor(ms / SLOT_MS);
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` that names a real date, else undefined. */
export function parseDate(text: string): number | undefined {
  if (!REPORT_DATE_PATTERN.test(text)) return undefined;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March: a date that does not come back unchanged does not exist.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return ms / DAY_MS;
}

export function formatDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter per zone (making one costs ~50 µs; reports ask the same zones again and again). */
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The zone's canonical IANA name (`europe/warsaw` → `Europe/Warsaw`), or undefined for text that is
 * no IANA zone. Offsets (`+02:00`) and abbreviations (`CET` aside, which IANA itself lists) are
 * refused: a report's days must follow the zone's daylight saving rules, which an offset has none of.
 */
export function canonicalTimeZone(text: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(text) || text.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The zone's offset from UTC at an instant, in milliseconds (to the minute). */
export function offsetAt(timeZone: string, ms: number): number {
  const parts = formatterOf(timeZone).formatToParts(new Date(ms));
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const local = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'));
  return local - Math.floor(ms / 60_000) * 60_000;
}

/** Where a slot lies in the report: the index of its local day in the range, and its local hour. */
export interface SlotPlace {
  day: number;
  hour: number;
}

/**
 * The local days `from`…`to` of a zone as a run of slots: the first and last slot of the range
 * and each slot's place. Offsets are read once per UTC day and, where two days differ, the change
 * is found by halving to the quarter hour (~400 Intl calls for a year instead of one per slot).
 */
export class LocalRange {
  readonly firstSlot: number;
  /** Inclusive. */
  readonly lastSlot: number;
  readonly days: number;
  /** Offset changes in the range, oldest first: from `at` (ms) on, the offset is `offset`. */
  private readonly changes: { at: number; offset: number }[];

  constructor(
    readonly timeZone: string,
    readonly fromDay: number,
    readonly toDay: number,
  ) {
    this.days = toDay - fromDay + 1;
    const start = fromDay * DAY_MS - MAX_OFFSET_MS;
    const end = (toDay + 1) * DAY_MS + MAX_OFFSET_MS;
    this.changes = offsetChanges(timeZone, start, end);
    // The first slot whose local day is `from`, and the last whose local day is `to`.
    let first = slotOf(start);
    while (this.localMs(first * SLOT_MS) < fromDay * DAY_MS) first += 1;
    let last = slotOf(end);
    while (this.localMs(last * SLOT_MS) >= (toDay + 1) * DAY_MS) last -= 1;
    this.firstSlot = first;
    this.lastSlot = last;
  }

  /** Epoch ms of the range's first instant and of the instant after its last. */
  get startMs(): number {
    return this.firstSlot * SLOT_MS;
  }

  get endMs(): number {
    return (this.lastSlot + 1) * SLOT_MS;
  }

  /** The instant written as if the zone's wall clock were UTC. */
  localMs(ms: number): number {
    let offset = this.changes[0]?.offset ?? 0;
    for (const change of this.changes) {
      if (change.at > ms) break;
      offset = change.offset;
    }
    return ms + offset;
  }

  /** The local day (index from `from`) and hour of a slot of the range. */
  place(slot: number): SlotPlace {
    const local = this.localMs(slot * SLOT_MS);
    const dayNumber = Math.floor(local / DAY_MS);
    return { day: dayNumber - this.fromDay, hour: Math.floor((local - dayNumber * DAY_MS) / HOUR_MS) };
  }

  dateOf(dayIndex: number): string {
    return formatDate(this.fromDay + dayIndex);
  }
}

function offsetChanges(timeZone: string, start: number, end: number): { at: number; offset: number }[] {
  const changes = [{ at: start, offset: offsetAt(timeZone, start) }];
  let previous = changes[0] as { at: number; offset: number };
  for (let at = start + DAY_MS; at < end + DAY_MS; at += DAY_MS) {
    const sample = Math.min(at, end);
    const offset = offsetAt(timeZone, sample);
    if (offset !== previous.offset) {
      // The change lies in (previous sample, sample]: halve to the quarter hour it starts on.
      let low = slotOf(sample - DAY_MS);
      let high = slotOf(sample);
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (offsetAt(timeZone, middle * SLOT_MS) === previous.offset) low = middle;
        else high = middle;
      }
      previous = { at: high * SLOT_MS, offset };
      changes.push(previous);
    }
    if (sample === end) break;
  }
  return changes;
}

/** A report's `from`, `to` and `tz` as given: checked, with the code each refusal carries. */
export function localRangeOf(from: string, to: string, tz: string): LocalRange {
  const fromDay = parseDate(from);
  if (fromDay === undefined) throw dateInvalid('from', from);
  const toDay = parseDate(to);
  if (toDay === undefined) throw dateInvalid('to', to);
  const timeZone = canonicalTimeZone(tz);
  if (timeZone === undefined) {
    throw new CodedError(ERRORS.REPORT_TIME_ZONE_INVALID, `tz must be an IANA time zone such as Europe/Warsaw, not ${JSON.stringify(tz)}`, { tz });
  }
  if (toDay < fromDay) throw new CodedError(ERRORS.REPORT_RANGE_INVALID, `to (${to}) is before from (${from})`, { from, to });
  const days = toDay - fromDay + 1;
  if (days > REPORT_LIMITS.maxDays) {
    throw new CodedError(ERRORS.REPORT_RANGE_TOO_LONG, `a report spans at most ${REPORT_LIMITS.maxDays} days, not ${days}`, { days, maxDays: REPORT_LIMITS.maxDays });
  }
  return new LocalRange(timeZone, fromDay, toDay);
}

function dateInvalid(param: 'from' | 'to', value: string): CodedError {
  return new CodedError(ERRORS.REPORT_DATE_INVALID, `${param} must be a date written YYYY-MM-DD, not ${JSON.stringify(value)}`, { param, value });
}

/** The zone this process runs in: a report's default when no `tz` is given. */
export function processTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}
