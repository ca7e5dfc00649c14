import { CURRENCY_MINOR_DIGITS } from '../../common/currency-digits.js';
import type { ServiceDay, ServiceReport } from '../../common/reports.js';

/*
 * `GET /api/reports/service.csv`: the report's days as CSV (RFC 4180, CRLF), one row per day with
 * every figure of the JSON's day flattened into columns. Columns for currencies and stations are
 * those the range has, sorted; hours are always h00–h23. Money is in major units (`12.50`), prep
 * times in whole seconds, an empty cell where the JSON has null.
 */

const HOURS = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0'));

/** Minor units as a decimal in major units, as a spreadsheet reads it: 1250 EUR → `12.50`. */
export function majorUnits(amount: number, currency: string): string {
  const digits = CURRENCY_MINOR_DIGITS[currency] ?? 2;
  if (digits === 0) return String(amount);
  const sign = amount < 0 ? '-' : '';
  const absolute = Math.abs(amount);
  const scale = 10 ** digits;
  return `${sign}${Math.floor(absolute / scale)}.${String(absolute % scale).padStart(digits, '0')}`;
}

/** A cell: quoted when it holds a comma, a quote or a line break (a station name cannot, a header might). */
function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function keysOf<T>(days: readonly ServiceDay[], pick: (day: ServiceDay) => readonly T[], key: (entry: T) => string): string[] {
  return [...new Set(days.flatMap((day) => pick(day).map(key)))].sort();
}

export function serviceReportCsv(report: ServiceReport): string {
  const currencies = keysOf(report.days, (day) => day.revenue, (entry) => entry.currency);
  const stations = keysOf(report.days, (day) => day.byStation, (entry) => entry.station);
  const giftCurrencies = keysOf(report.days, (day) => day.giftCards, (entry) => entry.currency);
  const header = [
    'date',
    'orders',
    'completed',
    'cancelled',
    ...currencies.map((currency) => `revenue_${currency}`),
    'prep_p50_s',
    'prep_p90_s',
    'prep_max_s',
    'late',
    ...stations.flatMap((station) => [`${station}_items`, `${station}_prep_p50_s`, `${station}_prep_p90_s`]),
    ...giftCurrencies.flatMap((currency) => [`gift_cards_${currency}_count`, `gift_cards_${currency}`]),
    'loyalty_given',
    'loyalty_redeemed',
    ...HOURS.flatMap((hour) => [`orders_h${hour}`, `prep_p50_s_h${hour}`]),
  ];
  const rows = report.days.map((day) => {
    const revenue = new Map(day.revenue.map((entry) => [entry.currency, entry.amount]));
    const byStation = new Map(day.byStation.map((entry) => [entry.station, entry]));
    const giftCards = new Map(day.giftCards.map((entry) => [entry.currency, entry]));
    const byHour = new Map(day.byHour.map((entry) => [entry.hour, entry]));
    return [
      day.date,
      day.orders,
      day.completed,
      day.cancelled,
      ...currencies.map((currency) => majorUnits(revenue.get(currency) ?? 0, currency)),
      day.prepSeconds.p50,
      day.prepSeconds.p90,
      day.prepSeconds.max,
      day.late,
      ...stations.flatMap((station) => {
        const figures = byStation.get(station);
        return [figures?.items ?? 0, figures?.prepSeconds.p50 ?? null, figures?.prepSeconds.p90 ?? null];
      }),
      ...giftCurrencies.flatMap((currency) => {
        const sales = giftCards.get(currency);
        return [sales?.count ?? 0, majorUnits(sales?.amount ?? 0, currency)];
      }),
      day.loyalty.given,
      day.loyalty.redeemed,
      ...HOURS.flatMap((_, hour) => {
        const figures = byHour.get(hour);
        return [figures?.orders ?? 0, figures?.prepSeconds.p50 ?? null];
      }),
    ];
  });
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
