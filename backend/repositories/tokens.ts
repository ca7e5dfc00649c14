import type { StaffRole } from '../config.js';
import { query, type Database, type Queryable } from '../db/query.js';
import type { TokensTable } from '../db/schema.js';

export interface TokenRecord {
  id: string;
  role: StaffRole;
  /** The location the token acts in; null for a chain-wide admin. */
  location: string | null;
  label: string;
  createdAt: string;
  revokedAt?: string;
}

function toRecord(row: TokensTable): TokenRecord {
  const record: TokenRecord = { id: row.id, role: row.role, location: row.location_id, label: row.label, createdAt: row.created_at };
  if (row.revoked_at !== null) record.revokedAt = row.revoked_at;
  return record;
}

const insertToken = query<{ id: string; hash: string; role: StaffRole; location: string | null; label: string; createdAt: string }>()((db, args) =>
  db.insertInto('tokens').values({ id: args.id, hash: args.hash, role: args.role, location_id: args.location, label: args.label, created_at: args.createdAt }),
);
const activeByHash = query<{ hash: string }>()((db, args) => db.selectFrom('tokens').selectAll().where('hash', '=', args.hash).where('revoked_at', 'is', null));
const activeById = query<{ id: string }>()((db, args) => db.selectFrom('tokens').select('id').where('id', '=', args.id).where('revoked_at', 'is', null));
const allTokens = query()((db) => db.selectFrom('tokens').selectAll().orderBy('created_at').orderBy('id'));
const rolesOfLocation = query<{ location: string }>()((db, args) =>
  db
    .selectFrom('tokens')
    .select('role')
    .distinct()
    // A location's agents and terminals, and the admins that reach it: chain-wide ones and its own.
    .where((eb) => eb.or([eb('location_id', '=', args.location), eb('location_id', 'is', null)])),
);
const revokeToken = query<{ id: string; at: string }>()((db, args) =>
  db.updateTable('tokens').set({ revoked_at: args.at }).where('id', '=', args.id).where('revoked_at', 'is', null),
);

/** Staff tokens, stored as sha256 digests only. */
export class TokenRepository {
  constructor(private readonly db: Database) {}

  async insert(record: { id: string; hash: string; role: StaffRole; location: string | null; label: string; createdAt: string }, q: Queryable = this.db): Promise<void> {
    await q.run(insertToken, record);
  }

  async findActiveByHash(hash: string): Promise<TokenRecord | undefined> {
    const row = await this.db.first(activeByHash, { hash });
    return row ? toRecord(row) : undefined;
  }

  async isActive(id: string, q: Queryable = this.db): Promise<boolean> {
    return (await q.first(activeById, { id })) !== undefined;
  }

  async list(): Promise<TokenRecord[]> {
    return (await this.db.all(allTokens)).map(toRecord);
  }

  /** Roles with at least one stored token for `location` (chain-wide admins count), revoked ones included. */
  async rolesWithTokens(location: string, q: Queryable = this.db): Promise<Set<StaffRole>> {
    return new Set((await q.all(rolesOfLocation, { location })).map((row) => row.role));
  }

  /**
   * Runs `work` in one transaction that no other process runs at the same time (a check-then-insert
   * that must not interleave with the tokens CLI or a second backend), so a failure part-way leaves
   * nothing written.
   */
  atomically<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.serialized('ticketrail:tokens', () => this.db.transaction(work));
  }

  async revoke(id: string, at: string): Promise<boolean> {
    return (await this.db.run(revokeToken, { id, at })) === 1;
  }
}
