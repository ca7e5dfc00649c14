/*
 * Speed-of-service reports (issue 22): what `GET /api/reports/service` answers, read by the
 * backend that makes it, the agent that fetches it with its token, and the board's Reports tab.
 * Types and limits only (no zod): the board's tab imports this file.
 */

/** Limits of a report request; anything past them is refused with a 400 and its code. */
export const REPORT_LIMITS = {
  /** Days one report may span, `from` and `to` included. */
  maxDays: 366,
  /** Orders whose prep time (submitted → ready) exceeds this many minutes are late (LATE_MINUTES). */
  defaultLateMinutes: 15,
  /** Late orders one `GET /api/reports/late-orders` lists, newest first. */
  maxLateOrders: 200,
  defaultLateOrders: 50,
} as const;

/** A calendar date as reports write it. */
export const REPORT_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Percentiles of prep times in whole seconds (nearest rank); null when no order of the group reached ready. */
export interface PrepSeconds {
  p50: number | null;
  p90: number | null;
  max: number | null;
}

/** Minor units per currency (`1250` EUR is 12.50 EUR), as everywhere in the API. */
export interface MoneyTotal {
  currency: string;
  amount: number;
}

export interface StationFigures {
  station: string;
  /** Items (sum of quantities) of that station on the group's orders, cancelled orders left out. */
  items: number;
  /** Submitted → that station's part ready. */
  prepSeconds: Pick<PrepSeconds, 'p50' | 'p90'>;
}

export interface HourFigures {
  /** Local hour of submission, 0–23. */
  hour: number;
  orders: number;
  prepSeconds: Pick<PrepSeconds, 'p50'>;
}

export interface GiftCardSales {
  currency: string;
  /** Cards sold. */
  count: number;
  /** Their value, minor units. */
  amount: number;
}

export interface LoyaltyFigures {
  /** Points added to customers' accounts. */
  given: number;
  /** Points customers spent. */
  redeemed: number;
}

/** The figures of a group of orders: one local day, or the whole range (`totals`). */
export interface ServiceFigures {
  /** Orders submitted in the group, cancelled ones included. */
  orders: number;
  completed: number;
  /** Counted apart: a cancelled order is in `orders` and here, and in nothing else. */
  cancelled: number;
  revenue: MoneyTotal[];
  prepSeconds: PrepSeconds;
  /** Orders whose prep took longer than `lateMinutes`. */
  late: number;
  byStation: StationFigures[];
  byHour: HourFigures[];
  /** Gift cards sold (by when they were sold). */
  giftCards: GiftCardSales[];
  loyalty: LoyaltyFigures;
}

export interface ServiceDay extends ServiceFigures {
  /** The local day, YYYY-MM-DD in `tz`. */
  date: string;
}

/** `GET /api/reports/service` answer. */
export interface ServiceReport {
  from: string;
  to: string;
  /** The IANA time zone the days are local to, as the backend names it. */
  tz: string;
  location: string;
  lateMinutes: number;
  /** When the report was made (ISO). */
  generatedAt: string;
  totals: ServiceFigures;
  /** Every day of the range, in order, days without orders included. */
  days: ServiceDay[];
}

/** One late order, as `GET /api/reports/late-orders` lists it. */
export interface LateOrder {
  orderId: string;
  number: string;
  submittedAt: string;
  readyAt: string;
  prepSeconds: number;
}

export interface LateOrdersPage {
  from: string;
  to: string;
  tz: string;
  lateMinutes: number;
  /** Newest first, at most `limit`. */
  orders: LateOrder[];
}

/** What a report is asked for: the query both endpoints take. */
export interface ReportQuery {
  from: string;
  to: string;
  tz: string;
}

/** What the board's Reports tab gets from its agent (the `serviceReport` operation): the report and its late orders. */
export interface BoardServiceReport {
  report: ServiceReport;
  late: LateOrdersPage;
}
