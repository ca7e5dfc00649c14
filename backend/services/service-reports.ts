import type { HourFigures, LateOrdersPage, MoneyTotal, ReportQuery, ServiceDay, ServiceFigures, ServiceReport, StationFigures } from '../../common/reports.js';
import type { Database } from '../db/query.js';
import type { ServiceRollupRepository } from '../repositories/service-rollup.js';
import { localRangeOf } from '../reports/local-time.js';
import { nearestRank, sortedValues, toSeconds } from '../reports/percentiles.js';
import type { SlotAggregate } from '../reports/service-rollup.js';
import type { Clock } from '../time.js';

/** A group's figures while slots are added into it: prep times unsorted, maps by key. */
class FiguresBuilder {
  orders = 0;
  completed = 0;
  cancelled = 0;
  readonly revenue = new Map<string, number>();
  readonly prep: number[] = [];
  readonly stations = new Map<string, { items: number; prep: number[] }>();
  readonly hours = new Map<number, { orders: number; prep: number[] }>();
  readonly giftCards = new Map<string, { count: number; amount: number }>();
  given = 0;
  redeemed = 0;

  add(slot: SlotAggregate, hour: number): void {
    this.orders += slot.n;
    this.completed += slot.c;
    this.cancelled += slot.x;
    for (const [currency, [, amount]] of Object.entries(slot.r)) this.revenue.set(currency, (this.revenue.get(currency) ?? 0) + amount);
    for (const value of slot.p) this.prep.push(value);
    for (const [name, [, items, prep]] of Object.entries(slot.s)) {
      const station = this.stations.get(name) ?? { items: 0, prep: [] };
      station.items += items;
      for (const value of prep) station.prep.push(value);
      this.stations.set(name, station);
    }
    if (slot.n > 0) {
      const ofHour = this.hours.get(hour) ?? { orders: 0, prep: [] };
      ofHour.orders += slot.n;
      for (const value of slot.p) ofHour.prep.push(value);
      this.hours.set(hour, ofHour);
    }
    for (const [currency, [count, amount]] of Object.entries(slot.g)) {
      const sales = this.giftCards.get(currency) ?? { count: 0, amount: 0 };
      sales.count += count;
      sales.amount += amount;
      this.giftCards.set(currency, sales);
    }
    this.given += slot.l[0];
    this.redeemed += slot.l[1];
  }

  build(lateMs: number): ServiceFigures {
    const prep = sortedValues(this.prep);
    let late = 0;
    // Sorted ascending: the late ones are the tail.
    for (let i = prep.length - 1; i >= 0 && (prep[i] as number) > lateMs; i -= 1) late += 1;
    const byStation: StationFigures[] = [...this.stations]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([station, figures]) => {
        const sorted = sortedValues(figures.prep);
        return { station, items: figures.items, prepSeconds: { p50: toSeconds(nearestRank(sorted, 50)), p90: toSeconds(nearestRank(sorted, 90)) } };
      });
    const byHour: HourFigures[] = [...this.hours]
      .sort(([a], [b]) => a - b)
      .map(([hour, figures]) => ({ hour, orders: figures.orders, prepSeconds: { p50: toSeconds(nearestRank(sortedValues(figures.prep), 50)) } }));
    const money = (map: Map<string, number>): MoneyTotal[] => [...map].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, amount]) => ({ currency, amount }));
    return {
      orders: this.orders,
      completed: this.completed,
      cancelled: this.cancelled,
      revenue: money(this.revenue),
      prepSeconds: { p50: toSeconds(nearestRank(prep, 50)), p90: toSeconds(nearestRank(prep, 90)), max: toSeconds(nearestRank(prep, 100)) },
      late,
      byStation,
      byHour,
      giftCards: [...this.giftCards].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, sales]) => ({ currency, ...sales })),
      loyalty: { given: this.given, redeemed: this.redeemed },
    };
  }
}

export interface ServiceReportOptions {
  lateMinutes: number;
  clock: Clock;
}

/**
 * Speed-of-service reports of a location (docs/reports.md), read from the service rollup's
 * 15-minute slots: a 90-day report reads ~8,600 small rows, however many orders the days held.
 * Each slot belongs to one local day and hour of the asked zone (reports/local-time.ts).
 */
export class ServiceReports {
  constructor(
    private readonly db: Database,
    private readonly rollup: ServiceRollupRepository,
    private readonly options: ServiceReportOptions,
  ) {}

  async service(location: string, query: ReportQuery): Promise<ServiceReport> {
    const range = localRangeOf(query.from, query.to, query.tz);
    const rows = await this.rollup.slots(this.db, location, range.firstSlot, range.lastSlot);
    const days = Array.from({ length: range.days }, () => new FiguresBuilder());
    const totals = new FiguresBuilder();
    for (const row of rows) {
      const slot = JSON.parse(row.data_json) as SlotAggregate;
      const place = range.place(Number(row.slot));
      days[place.day]?.add(slot, place.hour);
      totals.add(slot, place.hour);
    }
    const lateMs = this.options.lateMinutes * 60_000;
    return {
      from: query.from,
      to: query.to,
      tz: range.timeZone,
      location,
      lateMinutes: this.options.lateMinutes,
      generatedAt: new Date(this.options.clock.now()).toISOString(),
      totals: totals.build(lateMs),
      days: days.map((day, index): ServiceDay => ({ date: range.dateOf(index), ...day.build(lateMs) })),
    };
  }

  /** The range's late orders, newest first. */
  async lateOrders(location: string, query: ReportQuery, limit: number): Promise<LateOrdersPage> {
    const range = localRangeOf(query.from, query.to, query.tz);
    const rows = await this.rollup.lateOrders(this.db, location, { startMs: range.startMs, endMs: range.endMs }, this.options.lateMinutes * 60_000, limit);
    return {
      from: query.from,
      to: query.to,
      tz: range.timeZone,
      lateMinutes: this.options.lateMinutes,
      orders: rows.map((row) => ({
        orderId: row.orderId,
        number: row.number,
        submittedAt: new Date(row.submittedMs).toISOString(),
        readyAt: new Date(row.readyMs).toISOString(),
        prepSeconds: Math.round((row.readyMs - row.submittedMs) / 1000),
      })),
    };
  }
}
