import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../db/database.js';
import { runTokensCli } from '../cli.js';
import { Resources, startTestBackend, tempDir } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

async function createTokenWithCli(dataDir: string, role: string): Promise<string> {
  const lines: string[] = [];
  await runTokensCli(['create', '--role', role, '--data-dir', dataDir], { print: (line) => lines.push(line), env: {} });
  return lines[0] ?? '';
}

/** A second connection to the data dir's database, as an operator's sqlite3 shell would be. */
function openSideConnection(dataDir: string): Database.Database {
  const db = new Database(join(dataDir, DATABASE_FILE));
  resources.add(() => db.close());
  return db;
}

describe('first-start tokens', () => {
  it('creates the roles that have no token yet, even when the tokens CLI ran before the first start', async () => {
    const dataDir = tempDir(resources);
    const agentToken = await createTokenWithCli(dataDir, 'agent');

    const first = await startTestBackend(resources, { dataDir, tokens: false });
    expect(first.backend.generatedTokenRoles.sort()).toEqual(['admin', 'pos']);
    expect(first.backend.tokens.agent).toBeUndefined();
    expect((await first.api.get('/api/events', first.backend.tokens.admin)).status).toBe(200);
    expect((await first.api.get('/api/orders', first.backend.tokens.pos)).status).toBe(200);
    expect((await first.api.get('/api/events', agentToken)).status).toBe(200);
    await first.backend.close();

    // Idempotent: every role has a token now, so a restart creates and prints nothing.
    const second = await startTestBackend(resources, { dataDir, tokens: false });
    expect(second.backend.generatedTokenRoles).toEqual([]);
    const side = openSideConnection(dataDir);
    expect(side.prepare('SELECT role, COUNT(*) AS n FROM tokens GROUP BY role ORDER BY role').all()).toEqual([
      { role: 'admin', n: 1 },
      { role: 'agent', n: 1 },
      { role: 'pos', n: 1 },
    ]);
  });

  it('skips roles the environment gives while it gives them, and counts a revoked token as the role having one', async () => {
    const dataDir = tempDir(resources);
    const first = await startTestBackend(resources, { dataDir, tokens: false, env: { POS_TOKEN: 'env-pos-token-0123456789' } });
    expect(first.backend.generatedTokenRoles.sort()).toEqual(['admin', 'agent']);
    await first.backend.close();

    // The operator revoked the admin token on purpose: a restart must not mint a new one.
    const side = openSideConnection(dataDir);
    side.prepare(`UPDATE tokens SET revoked_at = '2026-01-01T00:00:00.000Z' WHERE role = 'admin'`).run();
    const second = await startTestBackend(resources, { dataDir, tokens: false });
    expect(second.backend.generatedTokenRoles).toEqual(['pos']);
  });

  it('writes all first-start tokens in one transaction: a failed insert leaves none behind', async () => {
    const dataDir = tempDir(resources);
    await (await openDatabase({ kind: 'sqlite', dataDir })).close();
    const side = openSideConnection(dataDir);
    // The last role's insert fails, after the others went in.
    side.exec(`CREATE TRIGGER sabotage BEFORE INSERT ON tokens WHEN NEW.role = 'pos' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);

    await expect(startTestBackend(resources, { dataDir, tokens: false })).rejects.toThrow(/disk on fire/);
    expect(side.prepare('SELECT COUNT(*) AS n FROM tokens').get()).toEqual({ n: 0 });

    side.exec('DROP TRIGGER sabotage');
    const retried = await startTestBackend(resources, { dataDir, tokens: false });
    expect(retried.backend.generatedTokenRoles.sort()).toEqual(['admin', 'agent', 'pos']);
  });
});
