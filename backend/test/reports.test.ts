import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import type { OrderCreated, OrderInput } from '../../common/order.js';
import type { LateOrdersPage, ServiceDay, ServiceReport } from '../../common/reports.js';
import { ManualClock } from '../../test/integration/manual-clock.js';
import { openDatabase } from '../db/database.js';
import { ServiceRollupRepository } from '../repositories/service-rollup.js';
import { replayServiceRollup } from '../services/service-rollup-rebuild.js';
import { makeLocation } from './chain.js';
import { Resources, TEST_TOKENS, sampleInput, startTestBackend, type TestBackend } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A backend whose every timestamp is the test's clock, starting at `iso`. */
async function startAt(iso: string, env?: Record<string, string>): Promise<{ test: TestBackend; clock: ManualClock }> {
  const clock = new ManualClock(Date.parse(iso));
  const test = await startTestBackend(resources, { clock, ...(env ? { env } : {}) });
  return { test, clock };
}

async function order(test: TestBackend, input: Partial<OrderInput> = {}, token: string = TEST_TOKENS.pos): Promise<OrderCreated> {
  const created = await test.api.post<OrderCreated>('/api/orders', token, sampleInput(input));
  expect(created.status).toBe(201);
  return created.body;
}

async function move(test: TestBackend, id: string, to: string, token: string = TEST_TOKENS.agent): Promise<void> {
  const answer = await test.api.post(`/api/orders/${id}/transitions`, token, { to, ...(to === 'cancelled' ? { reason: 'customer left' } : {}) });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

async function report(test: TestBackend, query: string, token: string = TEST_TOKENS.admin): Promise<ServiceReport> {
  const answer = await test.api.get<ServiceReport>(`/api/reports/service?${query}`, token);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

function day(report: ServiceReport, date: string): ServiceDay {
  const found = report.days.find((entry) => entry.date === date);
  if (!found) throw new Error(`no day ${date} in ${report.days.map((entry) => entry.date).join(', ')}`);
  return found;
}

/** The rollup as stored equals the rollup replayed from the log alone. */
async function expectRollupFollowsLog(test: TestBackend, location = 'default'): Promise<void> {
  const db = await openDatabase(test.backend.config.database);
  try {
    const repository = new ServiceRollupRepository();
    const stored = await repository.dump(db, location);
    const replayed = await replayServiceRollup(db, location, repository);
    expect(stored.orders.size).toBeGreaterThan(0);
    expect(Object.fromEntries(stored.orders)).toEqual(Object.fromEntries(replayed.orders));
    expect(Object.fromEntries(stored.slots)).toEqual(Object.fromEntries(replayed.slots));
  } finally {
    await db.close();
  }
}

describe('GET /api/reports/service: local days', () => {
  it('puts orders across midnight in Warsaw on their local day, where UTC would put both on one', async () => {
    // 23:50 in Warsaw (UTC+1 in January) on the 14th.
    const { test, clock } = await startAt('2026-01-14T22:50:00.000Z');
    const late = await order(test);
    await move(test, late.id, 'accepted');
    clock.advance(20 * MINUTE);
    // 00:10 in Warsaw on the 15th (still the 14th in UTC): ready after midnight, yet the 14th's order.
    await move(test, late.id, 'ready');
    const early = await order(test, { total: { amount: 900, currency: 'PLN' } });
    await move(test, early.id, 'accepted');
    clock.advance(5 * MINUTE);
    await move(test, early.id, 'ready');

    const warsaw = await report(test, 'from=2026-01-14&to=2026-01-15&tz=Europe/Warsaw');
    expect(warsaw).toMatchObject({ from: '2026-01-14', to: '2026-01-15', tz: 'Europe/Warsaw', location: 'default', lateMinutes: 15 });
    expect(day(warsaw, '2026-01-14')).toMatchObject({
      orders: 1,
      late: 1,
      revenue: [{ currency: 'EUR', amount: 3200 }],
      prepSeconds: { p50: 1200, p90: 1200, max: 1200 },
      byHour: [{ hour: 23, orders: 1, prepSeconds: { p50: 1200 } }],
    });
    expect(day(warsaw, '2026-01-15')).toMatchObject({
      orders: 1,
      late: 0,
      revenue: [{ currency: 'PLN', amount: 900 }],
      prepSeconds: { p50: 300, p90: 300, max: 300 },
      byHour: [{ hour: 0, orders: 1, prepSeconds: { p50: 300 } }],
    });
    expect(warsaw.totals).toMatchObject({ orders: 2, late: 1, revenue: [{ currency: 'EUR', amount: 3200 }, { currency: 'PLN', amount: 900 }] });

    const utc = await report(test, 'from=2026-01-14&to=2026-01-15&tz=UTC');
    expect(day(utc, '2026-01-14')).toMatchObject({ orders: 2, byHour: [{ hour: 22, orders: 1 }, { hour: 23, orders: 1 }] });
    expect(day(utc, '2026-01-15')).toMatchObject({ orders: 0, prepSeconds: { p50: null, p90: null, max: null }, byHour: [], byStation: [] });

    // Kathmandu is UTC+5:45: both orders are early on the 15th there.
    const kathmandu = await report(test, 'from=2026-01-15&to=2026-01-15&tz=Asia/Kathmandu');
    expect(kathmandu.days).toHaveLength(1);
    expect(kathmandu.days[0]).toMatchObject({ date: '2026-01-15', orders: 2, byHour: [{ hour: 4, orders: 2 }] });
  });

  it('keeps an hour whose local day is 23 hours long (daylight saving starts) on the right day', async () => {
    // Warsaw moves from 02:00 to 03:00 on 2026-03-29: 00:30 UTC is 01:30 local, 01:30 UTC is 03:30 local.
    const { test, clock } = await startAt('2026-03-29T00:30:00.000Z');
    await order(test);
    clock.advance(60 * MINUTE);
    await order(test);
    const warsaw = await report(test, 'from=2026-03-28&to=2026-03-30&tz=Europe/Warsaw');
    expect(warsaw.days.map((entry) => [entry.date, entry.orders])).toEqual([
      ['2026-03-28', 0],
      ['2026-03-29', 2],
      ['2026-03-30', 0],
    ]);
    expect(day(warsaw, '2026-03-29').byHour).toEqual([
      { hour: 1, orders: 1, prepSeconds: { p50: null } },
      { hour: 3, orders: 1, prepSeconds: { p50: null } },
    ]);
  });
});

describe('GET /api/reports/service: figures', () => {
  /** Prep times in seconds, in the order the orders are readied; sorted: 60 120 180 240 300 360 480 600 900 1500. */
  const PREP_SECONDS = [60, 120, 180, 240, 300, 360, 480, 600, 900, 1500];

  it('gives p50, p90 and max by nearest rank, counts late orders past LATE_MINUTES and cancelled ones apart', async () => {
    const { test, clock } = await startAt('2026-05-04T10:00:00.000Z');
    const orders = [];
    for (let i = 0; i < PREP_SECONDS.length; i += 1) orders.push(await order(test));
    // Cancelled before anyone touched it, and cancelled after a prep long enough to move every figure if it counted.
    const dropped = await order(test);
    await move(test, dropped.id, 'cancelled');
    const readyThenCancelled = await order(test);
    await move(test, readyThenCancelled.id, 'accepted');
    for (const created of orders) await move(test, created.id, 'accepted');
    let elapsed = 0;
    for (const [i, seconds] of PREP_SECONDS.entries()) {
      clock.advance(seconds * SECOND - elapsed);
      elapsed = seconds * SECOND;
      await move(test, (orders[i] as OrderCreated).id, 'ready');
    }
    clock.advance(2000 * SECOND - elapsed);
    await move(test, readyThenCancelled.id, 'ready');
    await move(test, readyThenCancelled.id, 'cancelled');
    for (const created of orders.slice(0, 4)) await move(test, created.id, 'completed');

    const answer = await report(test, 'from=2026-05-04&to=2026-05-04&tz=Europe/Lisbon');
    const expected = {
      orders: 12,
      completed: 4,
      cancelled: 2,
      // Ten orders of 32.00 EUR; the cancelled ones earn nothing.
      revenue: [{ currency: 'EUR', amount: 32_000 }],
      // Nearest rank: p50 is the 5th of 10 (300 s), p90 the 9th (900 s); 900 s is exactly 15 minutes, not late.
      prepSeconds: { p50: 300, p90: 900, max: 1500 },
      late: 1,
      // Each order has 2 kitchen items and 1 bar item; both stations were ready with their order.
      byStation: [
        { station: 'bar', items: 10, prepSeconds: { p50: 300, p90: 900 } },
        { station: 'kitchen', items: 20, prepSeconds: { p50: 300, p90: 900 } },
      ],
      // 10:00 UTC is 11:00 in Lisbon in May.
      byHour: [{ hour: 11, orders: 12, prepSeconds: { p50: 300 } }],
      giftCards: [],
      loyalty: { given: 0, redeemed: 0 },
    };
    expect(day(answer, '2026-05-04')).toEqual({ date: '2026-05-04', ...expected });
    expect(answer.totals).toEqual(expected);

    // LATE_MINUTES moves the line: at 5 minutes, 360 480 600 900 1500 are late.
    const strict = await startAt('2026-05-04T10:00:00.000Z', { LATE_MINUTES: '5' });
    const one = await order(strict.test);
    await move(strict.test, one.id, 'accepted');
    strict.clock.advance(301 * SECOND);
    await move(strict.test, one.id, 'ready');
    expect((await report(strict.test, 'from=2026-05-04&to=2026-05-04&tz=UTC')).totals).toMatchObject({ late: 1, prepSeconds: { p50: 301 } });

    const lateList = await test.api.get<LateOrdersPage>('/api/reports/late-orders?from=2026-05-04&to=2026-05-04&tz=Europe/Lisbon', TEST_TOKENS.admin);
    expect(lateList.status).toBe(200);
    expect(lateList.body.orders).toEqual([
      { orderId: (orders[9] as OrderCreated).id, number: (orders[9] as OrderCreated).number, submittedAt: '2026-05-04T10:00:00.000Z', readyAt: '2026-05-04T10:25:00.000Z', prepSeconds: 1500 },
    ]);
    await expectRollupFollowsLog(test);
  });

  it('times a recalled order to its last ready, and counts gift cards sold and loyalty points by when they happened', async () => {
    const { test, clock } = await startAt('2026-07-01T08:00:00.000Z');
    const recalled = await order(test);
    await move(test, recalled.id, 'accepted');
    clock.advance(100 * SECOND);
    await move(test, recalled.id, 'ready');
    clock.advance(200 * SECOND);
    await move(test, recalled.id, 'accepted');
    let answer = await report(test, 'from=2026-07-01&to=2026-07-01&tz=UTC');
    expect(answer.totals.prepSeconds).toEqual({ p50: null, p90: null, max: null });
    expect(answer.totals.byStation.map((station) => station.prepSeconds)).toEqual([
      { p50: null, p90: null },
      { p50: null, p90: null },
    ]);
    clock.advance(100 * SECOND);
    await move(test, recalled.id, 'ready');

    for (const amount of [5000, 2500]) {
      expect((await test.api.post('/api/gift-cards', TEST_TOKENS.pos, { amount, currency: 'EUR' })).status).toBe(201);
    }
    expect((await test.api.post('/api/loyalty/%2B48600123456/add', TEST_TOKENS.pos, { points: 120, reason: 'receipt 1' })).status).toBe(200);
    expect((await test.api.post('/api/loyalty/%2B48600123456/redeem', TEST_TOKENS.pos, { points: 20, reason: 'coffee' })).status).toBe(200);

    answer = await report(test, 'from=2026-07-01&to=2026-07-01&tz=UTC');
    expect(answer.totals).toMatchObject({
      prepSeconds: { p50: 400, p90: 400, max: 400 },
      giftCards: [{ currency: 'EUR', count: 2, amount: 7500 }],
      loyalty: { given: 120, redeemed: 20 },
    });
    await expectRollupFollowsLog(test);
  });
});

/** RFC 4180 as the report writes it (no quoted cells in these tests' data). */
function parseCsv(text: string): Record<string, string>[] {
  expect(text.endsWith('\r\n')).toBe(true);
  const [header, ...rows] = text.trimEnd().split('\r\n').map((line) => line.split(','));
  return rows.map((row) => Object.fromEntries((header as string[]).map((name, i) => [name, row[i] as string])));
}

describe('GET /api/reports/service.csv', () => {
  it('gives the JSON days, one row each, with money in major units', async () => {
    const { test, clock } = await startAt('2026-02-10T11:00:00.000Z');
    for (const [minutes, currency, amount] of [[4, 'EUR', 1250], [9, 'EUR', 800], [30, 'JPY', 1500]] as const) {
      const created = await order(test, { total: { amount, currency } });
      await move(test, created.id, 'accepted');
      clock.advance(minutes * MINUTE);
      await move(test, created.id, 'ready');
      clock.advance(26 * 60 * MINUTE);
    }
    const query = 'from=2026-02-09&to=2026-02-13&tz=America/New_York';
    const json = await report(test, query);
    const csv = await fetch(`${test.backend.url}/api/reports/service.csv?${query}`, { headers: { authorization: `Bearer ${TEST_TOKENS.admin}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(await csv.text());
    expect(rows.map((row) => row.date)).toEqual(json.days.map((entry) => entry.date));
    const cellOf = (value: number | null) => (value === null ? '' : String(value));
    for (const [i, row] of rows.entries()) {
      const jsonDay = json.days[i] as ServiceDay;
      expect(row).toMatchObject({
        orders: String(jsonDay.orders),
        completed: String(jsonDay.completed),
        cancelled: String(jsonDay.cancelled),
        prep_p50_s: cellOf(jsonDay.prepSeconds.p50),
        prep_p90_s: cellOf(jsonDay.prepSeconds.p90),
        prep_max_s: cellOf(jsonDay.prepSeconds.max),
        late: String(jsonDay.late),
        kitchen_items: String(jsonDay.byStation.find((station) => station.station === 'kitchen')?.items ?? 0),
        kitchen_prep_p50_s: cellOf(jsonDay.byStation.find((station) => station.station === 'kitchen')?.prepSeconds.p50 ?? null),
      });
      for (const hour of jsonDay.byHour) expect(row[`orders_h${String(hour.hour).padStart(2, '0')}`]).toBe(String(hour.orders));
    }
    // 12.50 + 8.00 EUR on the first day in New York; 1500 JPY has no minor unit.
    expect(rows.map((row) => [row.date, row.revenue_EUR, row.revenue_JPY])).toEqual([
      ['2026-02-09', '0.00', '0'],
      ['2026-02-10', '12.50', '0'],
      ['2026-02-11', '8.00', '0'],
      ['2026-02-12', '0.00', '1500'],
      ['2026-02-13', '0.00', '0'],
    ]);
    expect(json.days.map((entry) => entry.revenue)).toEqual([[], [{ currency: 'EUR', amount: 1250 }], [{ currency: 'EUR', amount: 800 }], [{ currency: 'JPY', amount: 1500 }], []]);
  });
});

describe('GET /api/reports/service: refusals and who may read it', () => {
  it('refuses bad dates, zones and ranges with their codes', async () => {
    const { test } = await startAt('2026-01-01T12:00:00.000Z');
    const cases: [string, string, unknown][] = [
      ['from=2026-02-30&to=2026-03-01&tz=UTC', ERROR_CODES.REPORT_DATE_INVALID, { param: 'from', value: '2026-02-30' }],
      ['from=2026-1-5&to=2026-01-06&tz=UTC', ERROR_CODES.REPORT_DATE_INVALID, { param: 'from', value: '2026-1-5' }],
      ['to=2026-01-06&tz=UTC', ERROR_CODES.REPORT_DATE_INVALID, { param: 'from', value: '' }],
      ['from=2026-01-05&to=tomorrow&tz=UTC', ERROR_CODES.REPORT_DATE_INVALID, { param: 'to', value: 'tomorrow' }],
      ['from=2026-01-05&to=2026-01-06&tz=Mars/Olympus_Mons', ERROR_CODES.REPORT_TIME_ZONE_INVALID, { tz: 'Mars/Olympus_Mons' }],
      ['from=2026-01-05&to=2026-01-06&tz=%2B02:00', ERROR_CODES.REPORT_TIME_ZONE_INVALID, { tz: '+02:00' }],
      ['from=2026-01-06&to=2026-01-05&tz=UTC', ERROR_CODES.REPORT_RANGE_INVALID, { from: '2026-01-06', to: '2026-01-05' }],
      ['from=2025-01-01&to=2026-01-02&tz=UTC', ERROR_CODES.REPORT_RANGE_TOO_LONG, { days: 367, maxDays: 366 }],
    ];
    for (const [query, code, details] of cases) {
      for (const path of ['/api/reports/service', '/api/reports/service.csv', '/api/reports/late-orders']) {
        const answer = await test.api.get<{ code: string; details: unknown }>(`${path}?${query}`, TEST_TOKENS.admin);
        expect([query, path, answer.status, answer.body.code, answer.body.details]).toEqual([query, path, 400, code, details]);
      }
    }
    // 366 days (a leap year) is the longest range.
    const year = await report(test, 'from=2028-01-01&to=2028-12-31&tz=europe/warsaw');
    expect(year).toMatchObject({ tz: 'Europe/Warsaw' });
    expect(year.days).toHaveLength(366);
  });

  it("lets an agent read its own location's report, a chain-wide admin any, and a POS none", async () => {
    const { test } = await startAt('2026-03-03T09:00:00.000Z');
    const north = await makeLocation(test.dataDir, 'north', 'North Street');
    await order(test);
    await order(test, {}, north.pos);
    await order(test, {}, north.pos);
    const query = 'from=2026-03-03&to=2026-03-03&tz=UTC';

    expect((await report(test, query, TEST_TOKENS.agent)).totals.orders).toBe(1);
    expect(await report(test, query, north.agent)).toMatchObject({ location: 'north', totals: { orders: 2 } });
    expect(await report(test, `${query}&location=north`)).toMatchObject({ location: 'north', totals: { orders: 2 } });
    expect(await report(test, query, north.admin)).toMatchObject({ location: 'north', totals: { orders: 2 } });

    const pos = await test.api.get<{ code: string }>(`/api/reports/service?${query}`, TEST_TOKENS.pos);
    expect([pos.status, pos.body.code]).toEqual([403, ERROR_CODES.FORBIDDEN]);
    const otherLocation = await test.api.get<{ code: string }>(`/api/reports/service?${query}&location=default`, north.agent);
    expect([otherLocation.status, otherLocation.body.code]).toEqual([403, ERROR_CODES.LOCATION_FORBIDDEN]);
    const unknown = await test.api.get<{ code: string }>(`/api/reports/service?${query}&location=east`, TEST_TOKENS.admin);
    expect([unknown.status, unknown.body.code]).toEqual([404, ERROR_CODES.LOCATION_NOT_FOUND]);
    expect((await test.api.get(`/api/reports/service?${query}`)).status).toBe(401);
    await expectRollupFollowsLog(test, 'north');
  });
});
