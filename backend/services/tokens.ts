import { STAFF_ROLES, type StaffRole } from '../config.js';
import { DEFAULT_LOCATION } from '../../common/location.js';
import type { Queryable } from '../db/query.js';
import { CUSTOMER_TOKEN_PREFIX, hashToken, newId, newStaffToken } from '../ids.js';
import type { TokenRecord, TokenRepository } from '../repositories/tokens.js';
import { instantOf, systemClock, type Clock } from '../time.js';
import { customerTokenRefusal, type CustomerTokenCheck } from './customer-tokens.js';

/** Who is calling, once the bearer token is known, and in which location it acts (null: a chain-wide admin). */
export type Principal =
  | { kind: 'staff'; role: StaffRole; tokenId: string; location: string | null }
  | { kind: 'customer'; orderId: string; location: string };

export interface IssuedToken {
  token: string;
  record: TokenRecord;
}


/** Staff tokens (stored hashed, plus any given by the environment) and customer tokens. */
export class TokenService {
  private readonly envTokens = new Map<string, { role: StaffRole; tokenId: string; location: string | null }>();

  constructor(
    private readonly tokens: TokenRepository,
    envTokens: Partial<Record<StaffRole, string>>,
    private readonly checkCustomerToken: (token: string) => Promise<CustomerTokenCheck>,
    private readonly clock: Clock = systemClock,
  ) {
    for (const role of STAFF_ROLES) {
      const token = envTokens[role];
      // Env tokens live in memory only: removing the variable revokes the token. ADMIN_TOKEN is
      // chain-wide; AGENT_TOKEN and POS_TOKEN act in the default location, as on a one-restaurant install.
      if (token) this.envTokens.set(hashToken(token), { role, tokenId: `env-${role}`, location: role === 'admin' ? null : DEFAULT_LOCATION });
    }
  }

  /** A new token; `location` null only for a chain-wide admin (the database refuses anything else). */
  async issue(role: StaffRole, label: string, location: string | null, q?: Queryable): Promise<IssuedToken> {
    const token = newStaffToken();
    const record: TokenRecord = { id: newId('tok'), role, location, label, createdAt: instantOf(this.clock).iso };
    await this.tokens.insert({ ...record, hash: hashToken(token) }, q);
    return { token, record };
  }

  /**
   * One token for each role that has none yet in the default location — neither stored (a revoked
   * one counts: revoking is a decision a restart must not undo; a chain-wide admin counts for
   * admin) nor given by the environment. Runs on every start, so a token made with `ticketrail
   * tokens create` before the first start no longer stops the others from being made, and a second
   * start makes nothing; backend processes starting together take turns. All of them commit
   * together or not at all. Answers the plaintext tokens: the only time they exist.
   */
  bootstrap(): Promise<Partial<Record<StaffRole, string>>> {
    const givenRoles = new Set([...this.envTokens.values()].map((entry) => entry.role));
    return this.tokens.atomically(async (tx) => {
      const storedRoles = await this.tokens.rolesWithTokens(DEFAULT_LOCATION, tx);
      const created: Partial<Record<StaffRole, string>> = {};
      for (const role of STAFF_ROLES) {
        if (!givenRoles.has(role) && !storedRoles.has(role)) {
          created[role] = (await this.issue(role, `${role} (first start)`, role === 'admin' ? null : DEFAULT_LOCATION, tx)).token;
        }
      }
      return created;
    });
  }

  list(): Promise<TokenRecord[]> {
    return this.tokens.list();
  }

  revoke(id: string): Promise<boolean> {
    return this.tokens.revoke(id, instantOf(this.clock).iso);
  }

  /** Whether the token with this id still authenticates: not revoked, or still given by the environment. */
  async isActive(tokenId: string, q?: Queryable): Promise<boolean> {
    for (const entry of this.envTokens.values()) if (entry.tokenId === tokenId) return true;
    return this.tokens.isActive(tokenId, q);
  }

  /**
   * Who the token speaks for, or undefined for a token nobody made. A genuine customer token that
   * expired or was revoked throws its 401 (CUSTOMER_TOKEN_EXPIRED / _REVOKED) so the diner learns why.
   */
  async authenticate(token: string): Promise<Principal | undefined> {
    if (token.startsWith(CUSTOMER_TOKEN_PREFIX)) {
      const check = await this.checkCustomerToken(token);
      if (check.kind === 'valid') return { kind: 'customer', orderId: check.orderId, location: check.location };
      if (check.kind === 'unknown') return undefined;
      throw customerTokenRefusal(check);
    }
    const hash = hashToken(token);
    const fromEnv = this.envTokens.get(hash);
    if (fromEnv) return { kind: 'staff', ...fromEnv };
    const stored = await this.tokens.findActiveByHash(hash);
    return stored ? { kind: 'staff', role: stored.role, tokenId: stored.id, location: stored.location } : undefined;
  }
}
