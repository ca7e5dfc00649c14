/**
 * `bench:backend`, reports part (issue 22): a year-scale history — 100,000 orders over 90 days,
 * about 470,000 events — written straight into a fresh SQLite log (orders and events rows, as the
 * backend writes them), the service rollup rebuilt from that log by the migration's own code
 * (rebuildServiceRollup), then the backend started on the data dir through the real CLI and
 * `GET /api/reports/service` asked for the 90 days from this process: p50 and p99 of 30 requests
 * after 5 warm-up ones. Target: < 300 ms.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase } from '../../backend/db/database.js';
import { ServiceRollupRepository } from '../../backend/repositories/service-rollup.js';
import { sampleOrder, seededRandom } from '../../backend/sample-orders.js';
import { rebuildServiceRollup } from '../../backend/services/service-rollup-rebuild.js';
import { startBackendProcess } from '../../backend/test/backend-process.js';
import type { ServiceReport } from '../../common/reports.js';
import { percentile, type BenchRow } from './report.js';

const REPORT = { orders: 100_000, days: 90, firstDay: '2026-01-05', tz: 'Europe/Warsaw', warmup: 5, runs: 30, targetMs: 300, cancelledShare: 0.03 } as const;
const ADMIN_TOKEN = `bench-report-admin-${randomBytes(6).toString('hex')}`;
const DAY_MS = 86_400_000;

interface EventRow {
  at: number;
  orderId: string;
  type: string;
  from: string | null;
  to: string;
  version: number;
  details: string | null;
}

/** Writes the history: orders and their events in time order, seqs 1…n, in one transaction. */
export async function writeHistory(dataDir: string): Promise<{ orders: number; events: number }> {
  const db = await openSqliteDatabase(dataDir);
  try {
    const random = seededRandom(22);
    const connection = db.connection;
    const insertOrder = connection.prepare(`INSERT INTO orders (id, location_id, number, day, type, table_label, customer_name, customer_phone, items_json, notes,
      total_amount, total_currency, status, cancel_reason, customer_token_hash, created_at, updated_at, version)
      VALUES (?, 'default', ?, ?, ?, NULL, NULL, NULL, ?, NULL, ?, ?, ?, ?, 'bench', ?, ?, ?)`);
    const insertEvent = connection.prepare(`INSERT INTO events (location_id, seq, type, order_id, job_id, station, from_status, to_status, actor_type, actor_id, at, reason, version, details_json)
      VALUES ('default', ?, ?, ?, NULL, NULL, ?, ?, 'agent', 'bench', ?, NULL, ?, ?)`);
    const start = Date.parse(`${REPORT.firstDay}T00:00:00Z`);
    const events: EventRow[] = [];
    connection.transaction(() => {
      for (let i = 0; i < REPORT.orders; i += 1) {
        const dayIndex = Math.floor((i * REPORT.days) / REPORT.orders);
        // Open 09:00–22:00 UTC, busier at lunch and dinner.
        const peak = random() < 0.5 ? 11.5 : 18.5;
        const hour = Math.min(21.99, Math.max(9, peak + (random() + random() + random() - 1.5) * 2.5));
        const submitted = start + dayIndex * DAY_MS + Math.floor(hour * 3_600_000);
        const input = sampleOrder(random);
        const id = `ord_bench_${i}`;
        const cancelled = random() < REPORT.cancelledShare;
        const prep = (120 + Math.floor(random() * random() * 1_800)) * 1000;
        const at = (ms: number) => new Date(ms).toISOString();
        const last = cancelled ? submitted + 60_000 : submitted + prep + 120_000;
        insertOrder.run(id, `A-${i}`, new Date(submitted).toISOString().slice(0, 10), input.type, JSON.stringify(input.items), input.total?.amount ?? null, input.total?.currency ?? null,
          cancelled ? 'cancelled' : 'completed', cancelled ? 'bench' : null, at(submitted), at(last), cancelled ? 3 : 4);
        events.push({ at: submitted, orderId: id, type: 'order.submitted', from: null, to: 'submitted', version: 1, details: null });
        events.push({ at: submitted + 30_000, orderId: id, type: 'order.status.changed', from: 'submitted', to: 'accepted', version: 2, details: null });
        if (cancelled) {
          events.push({ at: last, orderId: id, type: 'order.status.changed', from: 'accepted', to: 'cancelled', version: 3, details: null });
          events.push({ at: last, orderId: id, type: 'order.closed', from: null, to: 'cancelled', version: 3, details: '{"finalStatus":"cancelled"}' });
        } else {
          events.push({ at: submitted + prep, orderId: id, type: 'order.status.changed', from: 'accepted', to: 'ready', version: 3, details: null });
          events.push({ at: last, orderId: id, type: 'order.status.changed', from: 'ready', to: 'completed', version: 4, details: null });
          events.push({ at: last, orderId: id, type: 'order.closed', from: null, to: 'completed', version: 4, details: '{"finalStatus":"completed"}' });
        }
      }
      events.sort((a, b) => a.at - b.at);
      events.forEach((event, i) => insertEvent.run(i + 1, event.type, event.orderId, event.from, event.to, new Date(event.at).toISOString(), event.version, event.details));
      connection.prepare(`UPDATE event_sequences SET last_seq = ? WHERE location_id = 'default'`).run(events.length);
    })();
    return { orders: REPORT.orders, events: events.length };
  } finally {
    await db.close();
  }
}

export async function rebuild(dataDir: string): Promise<number> {
  const db = await openSqliteDatabase(dataDir);
  try {
    const started = performance.now();
    await db.transaction((tx) => rebuildServiceRollup(tx, 'default', new ServiceRollupRepository()));
    return performance.now() - started;
  } finally {
    await db.close();
  }
}

async function timeReport(url: string, query: string): Promise<{ ms: number; report: ServiceReport }> {
  const started = performance.now();
  const response = await fetch(`${url}/api/reports/service?${query}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  const body = (await response.json()) as ServiceReport;
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`report answered ${response.status}: ${JSON.stringify(body)}`);
  return { ms, report: body };
}

export async function serviceReportRows(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketrail-bench-report-'));
  try {
    const written = performance.now();
    const history = await writeHistory(dataDir);
    const writeMs = performance.now() - written;
    const rebuildMs = await rebuild(dataDir);
    const backend = await startBackendProcess({ env: { ADMIN_TOKEN, RELAY_PORT: '0' }, args: ['--data-dir', dataDir] });
    try {
      const lastDay = new Date(Date.parse(`${REPORT.firstDay}T00:00:00Z`) + (REPORT.days - 1) * DAY_MS).toISOString().slice(0, 10);
      const rows: BenchRow[] = [];
      for (const [label, from] of [['90 days', REPORT.firstDay], ['30 days', new Date(Date.parse(`${lastDay}T00:00:00Z`) - 29 * DAY_MS).toISOString().slice(0, 10)]] as const) {
        const query = `from=${from}&to=${lastDay}&tz=${REPORT.tz}`;
        for (let i = 0; i < REPORT.warmup; i += 1) await timeReport(backend.url, query);
        const samples: number[] = [];
        let last: ServiceReport | undefined;
        for (let i = 0; i < REPORT.runs; i += 1) {
          const { ms, report } = await timeReport(backend.url, query);
          samples.push(ms);
          last = report;
        }
        const p99 = percentile(samples, 99);
        rows.push({
          scenario: `service report, ${label} of a 100k-order history (SQLite)`,
          orders_in_report: last?.totals.orders ?? 0,
          report_p50_ms: percentile(samples, 50),
          report_p99_ms: p99,
          target: `p99 < ${REPORT.targetMs} ms`,
          met: p99 < REPORT.targetMs && (label !== '90 days' || last?.totals.orders === REPORT.orders) ? 'yes' : 'NO',
          ...(label === '90 days' ? { events_in_log: history.events, history_write_s: writeMs / 1000, rollup_rebuild_from_log_s: rebuildMs / 1000 } : {}),
        });
      }
      return rows;
    } finally {
      await backend.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
