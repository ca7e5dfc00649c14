/**
 * DEV ONLY — a plausible speed-of-service report for the preview server's Reports tab: every day
 * of the range with lunch and dinner peaks, two stations, EUR revenue. Deterministic (seeded by the
 * day), so screenshots are stable.
 */
import type { BoardServiceReport, ReportQuery, ServiceFigures } from '../../common/reports.js';

const DAY_MS = 86_400_000;

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function dayFigures(date: string): ServiceFigures {
  const random = seeded(Number(date.replaceAll('-', '')));
  const byHour = [];
  let orders = 0;
  for (let hour = 11; hour <= 22; hour += 1) {
    const peak = Math.exp(-((hour - 12.5) ** 2) / 2) + Math.exp(-((hour - 19.5) ** 2) / 2.5);
    const count = Math.round(4 + peak * (30 + random() * 12));
    orders += count;
    byHour.push({ hour, orders: count, prepSeconds: { p50: Math.round(420 + peak * 300 + random() * 90) } });
  }
  const cancelled = Math.round(orders * 0.03);
  const p50 = Math.round(560 + random() * 120);
  return {
    orders,
    completed: orders - cancelled,
    cancelled,
    revenue: [{ currency: 'EUR', amount: orders * 2150 + Math.round(random() * 10_000) }],
    prepSeconds: { p50, p90: p50 + 420 + Math.round(random() * 120), max: 2_100 + Math.round(random() * 600) },
    late: Math.round(orders * (0.05 + random() * 0.04)),
    byStation: [
      { station: 'kitchen', items: orders * 3, prepSeconds: { p50, p90: p50 + 400 } },
      { station: 'bar', items: orders, prepSeconds: { p50: 150 + Math.round(random() * 40), p90: 320 } },
    ],
    byHour,
    giftCards: [{ currency: 'EUR', count: 2, amount: 7_500 }],
    loyalty: { given: orders * 12, redeemed: 300 },
  };
}

function sum(days: ServiceFigures[]): ServiceFigures {
  const total = (pick: (day: ServiceFigures) => number) => days.reduce((acc, day) => acc + pick(day), 0);
  const first = days[0] ?? dayFigures('2026-01-01');
  return {
    ...first,
    orders: total((day) => day.orders),
    completed: total((day) => day.completed),
    cancelled: total((day) => day.cancelled),
    late: total((day) => day.late),
    revenue: [{ currency: 'EUR', amount: total((day) => day.revenue[0]?.amount ?? 0) }],
    byHour: first.byHour.map((hour) => ({ ...hour, orders: days.reduce((acc, day) => acc + (day.byHour.find((h) => h.hour === hour.hour)?.orders ?? 0), 0) })),
  };
}

export function sampleServiceReport(query: ReportQuery): BoardServiceReport {
  const days = [];
  for (let at = Date.parse(`${query.from}T00:00:00Z`); at <= Date.parse(`${query.to}T00:00:00Z`); at += DAY_MS) {
    const date = new Date(at).toISOString().slice(0, 10);
    days.push({ date, ...dayFigures(date) });
  }
  const lastDay = days[days.length - 1]?.date ?? query.to;
  const late = [34, 29, 22, 19].map((minutes, i) => ({
    orderId: `o-late-${i}`,
    number: String(128 - i * 17),
    submittedAt: `${lastDay}T${String(12 + i * 2).padStart(2, '0')}:${String(10 + i * 7).padStart(2, '0')}:00Z`,
    readyAt: `${lastDay}T${String(12 + i * 2).padStart(2, '0')}:${String(10 + i * 7 + minutes).padStart(2, '0')}:00Z`,
    prepSeconds: minutes * 60,
  }));
  const common = { from: query.from, to: query.to, tz: query.tz, lateMinutes: 15 };
  return {
    report: { ...common, location: 'default', generatedAt: new Date().toISOString(), totals: sum(days), days },
    late: { ...common, orders: late },
  };
}
