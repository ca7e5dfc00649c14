import { STAFF_ROLES, type StaffRole } from '../config.js';
import { CUSTOMER_TOKEN_PREFIX, hashToken, newId, newStaffToken } from '../ids.js';
import type { TokenRecord, TokenRepository } from '../repositories/tokens.js';
import { instantOf, systemClock, type Clock } from '../time.js';
import { customerTokenRefusal, type CustomerTokenCheck } from './customer-tokens.js';

/** Who is calling, once the bearer token is known. */
export type Principal =
  | { kind: 'staff'; role: StaffRole; tokenId: string }
  | { kind: 'customer'; orderId: string };

export interface IssuedToken {
  token: string;
  record: TokenRecord;
}

/** Staff tokens (stored hashed, plus any given by the environment) and customer tokens. */
export class TokenService {
  private readonly envTokens = new Map<string, { role: StaffRole; tokenId: string }>();

  constructor(
    private readonly tokens: TokenRepository,
    envTokens: Partial<Record<StaffRole, string>>,
    private readonly checkCustomerToken: (token: string) => CustomerTokenCheck,
    private readonly clock: Clock = systemClock,
  ) {
    for (const role of STAFF_ROLES) {
      const token = envTokens[role];
      // Env tokens live in memory only: removing the variable revokes the token.
      if (token) this.envTokens.set(hashToken(token), { role, tokenId: `env-${role}` });
    }
  }

  issue(role: StaffRole, label: string): IssuedToken {
    const token = newStaffToken();
    const record: TokenRecord = { id: newId('tok'), role, label, createdAt: instantOf(this.clock).iso };
    this.tokens.insert({ ...record, hash: hashToken(token) });
    return { token, record };
  }

  /**
   * One token for each role that has none yet — neither stored (a revoked one counts: revoking is
   * a decision a restart must not undo) nor given by the environment. Runs on every start, so a
   * token made with `ticketrail tokens create` before the first start no longer stops the others
   * from being made, and a second start makes nothing. All of them commit together or not at all.
   * Answers the plaintext tokens: the only time they exist.
   */
  bootstrap(): Partial<Record<StaffRole, string>> {
    const givenRoles = new Set([...this.envTokens.values()].map((entry) => entry.role));
    return this.tokens.atomically(() => {
      const storedRoles = this.tokens.rolesWithTokens();
      const created: Partial<Record<StaffRole, string>> = {};
      for (const role of STAFF_ROLES) {
        if (!givenRoles.has(role) && !storedRoles.has(role)) created[role] = this.issue(role, `${role} (first start)`).token;
      }
      return created;
    });
  }

  list(): TokenRecord[] {
    return this.tokens.list();
  }

  revoke(id: string): boolean {
    return this.tokens.revoke(id, instantOf(this.clock).iso);
  }

  /** Whether the token with this id still authenticates: not revoked, or still given by the environment. */
  isActive(tokenId: string): boolean {
    for (const entry of this.envTokens.values()) if (entry.tokenId === tokenId) return true;
    return this.tokens.isActive(tokenId);
  }

  /**
   * Who the token speaks for, or undefined for a token nobody made. A genuine customer token that
   * expired or was revoked throws its 401 (CUSTOMER_TOKEN_EXPIRED / _REVOKED) so the diner learns why.
   */
  authenticate(token: string): Principal | undefined {
    if (token.startsWith(CUSTOMER_TOKEN_PREFIX)) {
      const check = this.checkCustomerToken(token);
      if (check.kind === 'valid') return { kind: 'customer', orderId: check.orderId };
      if (check.kind === 'unknown') return undefined;
      throw customerTokenRefusal(check);
    }
    const hash = hashToken(token);
    const fromEnv = this.envTokens.get(hash);
    if (fromEnv) return { kind: 'staff', ...fromEnv };
    const stored = this.tokens.findActiveByHash(hash);
    return stored ? { kind: 'staff', role: stored.role, tokenId: stored.id } : undefined;
  }
}
