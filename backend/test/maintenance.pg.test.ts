import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../db/migrate.js';
import { EventsPageSchema } from '../../common/events.js';
import type { PrintJob } from '../../common/print-job.js';
import { ManualClock } from '../../test/integration/manual-clock.js';
import { queryTestDatabase, testDatabaseEnv } from './database.js';
import { Resources, TEST_TOKENS, startTestBackend, tempDir, type TestBackend } from './helpers.js';
import { claimJob, createRawJob } from './print-job-requests.js';

/*
 * What backend processes on one PostgreSQL database must do once between them: the lease sweep,
 * the schema migration, the first-start tokens. Two backends in this process, each with its own
 * connection pool, are two sessions to PostgreSQL exactly as two processes would be; a test
 * clock moves both.
 */

const resources = new Resources();
afterEach(() => resources.closeAll());

/** The advisory lock the periodic maintenance takes (backend/index.ts, postgres-database.ts). */
const MAINTENANCE_LOCK = `hashtextextended(current_schema() || ':' || 'ticketrail:maintenance', 0)`;

async function twoBackends(clock: ManualClock): Promise<[TestBackend, TestBackend, string]> {
  const first = await startTestBackend(resources, { clock });
  const { DATABASE_URL: url } = await testDatabaseEnv(first.dataDir);
  if (!url) throw new Error('needs PostgreSQL');
  const second = await startTestBackend(resources, { clock, env: { DATABASE_URL: url } });
  return [first, second, url];
}

async function lockHolder(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  resources.add(() => client.end());
  return client;
}

describe('maintenance once across backend processes on one PostgreSQL database', () => {
  it('sweeps a lapsed lease once, in whichever process holds the maintenance lock, and skips while another does', async () => {
    const clock = new ManualClock();
    const [first, second, url] = await twoBackends(clock);
    const job: PrintJob = await createRawJob(first, 'G0A=');
    expect((await claimJob(first, job.id, 'sweep-pc', 1_000)).status).toBe(200);
    const statusInDatabase = async () => (await queryTestDatabase<{ status: string }>(first.dataDir, 'SELECT status FROM print_jobs WHERE id = $1', [job.id]))[0]?.status;

    // Another process is sweeping right now: both of these skip their turn.
    const holder = await lockHolder(url);
    await holder.query(`SELECT pg_advisory_lock(${MAINTENANCE_LOCK})`);
    clock.advance(first.backend.config.leaseSweepMs);
    await clock.settled();
    expect(first.backend.maintenanceStats()).toEqual({ ran: 0, skipped: 1 });
    expect(second.backend.maintenanceStats()).toEqual({ ran: 0, skipped: 1 });
    expect(await statusInDatabase()).toBe('printing');

    // Free again: both tick at the same instant, the lease goes back to pending exactly once.
    await holder.query(`SELECT pg_advisory_unlock(${MAINTENANCE_LOCK})`);
    clock.advance(first.backend.config.leaseSweepMs);
    await clock.settled();
    expect(await statusInDatabase()).toBe('pending');
    const ran = first.backend.maintenanceStats().ran + second.backend.maintenanceStats().ran;
    expect(ran).toBeGreaterThanOrEqual(1);
    const log = EventsPageSchema.parse((await second.api.get('/api/events?limit=1000', TEST_TOKENS.agent)).body).events;
    expect(log.filter((event) => event.jobId === job.id && event.reason === 'lease expired')).toHaveLength(1);
  });

  it('migrates a new database once and makes the first-start tokens once when two processes start together', async () => {
    const { DATABASE_URL: url } = await testDatabaseEnv(tempDir(resources));
    if (!url) throw new Error('needs PostgreSQL');
    const starts = await Promise.all(
      [0, 1].map(() => startTestBackend(resources, { tokens: false, env: { DATABASE_URL: url } })),
    );
    expect(starts.map((test) => test.backend.generatedTokenRoles.length).sort()).toEqual([0, 3]);
    const made = starts.find((test) => test.backend.generatedTokenRoles.length === 3) as TestBackend;
    const versions = await queryTestDatabase<{ version: number }>(url, 'SELECT version FROM schema_migrations');
    const tokens = await queryTestDatabase<{ role: string; location_id: string | null }>(url, 'SELECT role, location_id FROM tokens ORDER BY role');
    // Each migration once, however many processes ran them.
    expect(versions.map(({ version }) => version).sort((a, b) => a - b)).toEqual(MIGRATIONS.map(({ version }) => version));
    expect(tokens).toEqual([
      { role: 'admin', location_id: null },
      { role: 'agent', location_id: 'default' },
      { role: 'pos', location_id: 'default' },
    ]);
    // Both serve the tokens one of them printed.
    for (const test of starts) expect((await test.api.get('/api/events', made.backend.tokens.agent)).status).toBe(200);
  });
});
