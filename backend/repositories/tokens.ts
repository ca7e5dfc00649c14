import type { StaffRole } from '../config.js';
import type { Db } from '../db/database.js';

export interface TokenRecord {
  id: string;
  role: StaffRole;
  label: string;
  createdAt: string;
  revokedAt?: string;
}

interface TokenRow {
  id: string;
  role: StaffRole;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

function toRecord(row: TokenRow): TokenRecord {
  const record: TokenRecord = { id: row.id, role: row.role, label: row.label, createdAt: row.created_at };
  if (row.revoked_at !== null) record.revokedAt = row.revoked_at;
  return record;
}

/** Staff tokens, stored as sha256 digests only. */
export class TokenRepository {
  private readonly insertStatement;
  private readonly selectActiveByHash;
  private readonly selectActiveById;
  private readonly selectAll;
  private readonly rolesStatement;
  private readonly revokeStatement;

  constructor(private readonly db: Db) {
    this.insertStatement = db.prepare(
      'INSERT INTO tokens (id, hash, role, label, created_at) VALUES (@id, @hash, @role, @label, @createdAt)',
    );
    this.selectActiveByHash = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE hash = ? AND revoked_at IS NULL');
    this.selectActiveById = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM tokens WHERE id = ? AND revoked_at IS NULL');
    this.selectAll = db.prepare<[], TokenRow>('SELECT * FROM tokens ORDER BY created_at, id');
    this.rolesStatement = db.prepare<[], { role: StaffRole }>('SELECT DISTINCT role FROM tokens');
    this.revokeStatement = db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  }

  insert(record: { id: string; hash: string; role: StaffRole; label: string; createdAt: string }): void {
    this.insertStatement.run(record);
  }

  findActiveByHash(hash: string): TokenRecord | undefined {
    const row = this.selectActiveByHash.get(hash);
    return row ? toRecord(row) : undefined;
  }

  isActive(id: string): boolean {
    return this.selectActiveById.get(id) !== undefined;
  }

  list(): TokenRecord[] {
    return this.selectAll.all().map(toRecord);
  }

  /** Roles with at least one stored token, revoked ones included. */
  rolesWithTokens(): Set<StaffRole> {
    return new Set(this.rolesStatement.all().map((row) => row.role));
  }

  /**
   * Runs `work` in one IMMEDIATE transaction: the write lock is taken before the first read, so a
   * check-then-insert cannot interleave with the tokens CLI in another process, and a failure
   * part-way leaves nothing written.
   */
  atomically<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  revoke(id: string, at: string): boolean {
    return this.revokeStatement.run(at, id).changes === 1;
  }
}
