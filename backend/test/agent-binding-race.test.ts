import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { openDatabase, type Database } from '../db/database.js';
import type { Queryable } from '../db/query.js';
import { AgentBindingRepository } from '../repositories/agent-bindings.js';
import { AgentIdentities } from '../services/agent-identities.js';
import { testDatabaseEnv } from './database.js';
import { Resources, tempDir } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const LOCATION = 'default';
const AT = '2026-12-07T12:00:00.000Z';

async function openTestDatabase(): Promise<Database> {
  const dataDir = tempDir(resources);
  const { DATABASE_URL } = await testDatabaseEnv(dataDir);
  const db = await openDatabase(DATABASE_URL ? { kind: 'postgres', url: DATABASE_URL, poolSize: 2 } : { kind: 'sqlite', dataDir });
  resources.add(() => db.close());
  return db;
}

/**
 * The real repository, with what another request commits between speakFor's two reads injected
 * right after the first: the window a test cannot hit on purpose with two real requests.
 */
class RepositoryWithCommitBetweenReads extends AgentBindingRepository {
  private injected = false;

  constructor(private readonly between: (q: Queryable) => Promise<void>) {
    super();
  }

  override async agentOfToken(q: Queryable, location: string, tokenId: string): Promise<string | undefined> {
    const own = await super.agentOfToken(q, location, tokenId);
    if (!this.injected) {
      this.injected = true;
      await this.between(q);
    }
    return own;
  }
}

describe('binding an agent id while another request binds between the two reads', () => {
  it('accepts the binding a concurrent request of the same token made (the 403 AGENT_ID_TAKEN once seen in a claim race)', async () => {
    const db = await openTestDatabase();
    const repository = new RepositoryWithCommitBetweenReads(async (q) => {
      // The same token's other claim binds the same agent id and commits.
      expect(await new AgentBindingRepository().bind(q, LOCATION, 'pass-pc', 'tok_agent', AT)).toBe(true);
    });
    const identities = new AgentIdentities(repository, () => Promise.resolve(true));

    await db.transaction((tx) => identities.speakFor(tx, LOCATION, 'tok_agent', 'pass-pc', AT));

    expect(await db.transaction((tx) => new AgentBindingRepository().tokenOfAgent(tx, LOCATION, 'pass-pc'))).toBe('tok_agent');
  });

  it('still refuses when the request between the reads was another token binding that agent id', async () => {
    const db = await openTestDatabase();
    const repository = new RepositoryWithCommitBetweenReads(async (q) => {
      expect(await new AgentBindingRepository().bind(q, LOCATION, 'pass-pc', 'tok_rival', AT)).toBe(true);
    });
    const identities = new AgentIdentities(repository, () => Promise.resolve(true));

    await expect(db.transaction((tx) => identities.speakFor(tx, LOCATION, 'tok_agent', 'pass-pc', AT))).rejects.toMatchObject({ code: ERROR_CODES.AGENT_ID_TAKEN });
  });
});
