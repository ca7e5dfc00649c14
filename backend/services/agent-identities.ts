import { CodedError, ERRORS } from '../../common/errors.js';
import type { Queryable } from '../db/query.js';
import type { AgentBindingRepository } from '../repositories/agent-bindings.js';

/**
 * Binds each agent id of a location to the token that first used it there, so a token can claim
 * and report as one agent only: without it any agent token could finish, or hold, another counter
 * PC's jobs. The role does not matter: an admin token that claims is bound the same way.
 */
export class AgentIdentities {
  constructor(
    private readonly bindings: AgentBindingRepository,
    /** Whether a token still authenticates (not revoked, still in the environment). */
    private readonly isTokenActive: (tokenId: string, q: Queryable) => Promise<boolean>,
  ) {}

  /**
   * Refuses (403) unless `tokenId` may speak for `agentId` in `location`, and records the binding
   * when this is the token's first. Runs inside the caller's claim or report transaction, so a
   * request that is refused for any reason binds nothing. Two processes binding at once: one insert
   * wins, the other finds the winner's binding and decides again.
   */
  async speakFor(q: Queryable, location: string, tokenId: string, agentId: string, at: string): Promise<void> {
    // A lost race shows its winner at the next read; a third miss in a row is a bug, not a race.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const own = await this.bindings.agentOfToken(q, location, tokenId);
      if (own === agentId) return;
      if (own !== undefined) {
        throw new CodedError(ERRORS.AGENT_ID_MISMATCH, `this token claims and reports as agent ${own}, not ${agentId}; give each agent its own token`, {
          agentId,
          boundAgentId: own,
        });
      }
      const holder = await this.bindings.tokenOfAgent(q, location, agentId);
      // Another request of this same token may have bound it between the two reads (each read sees
      // what committed before it): the binding is ours, not a rival's.
      if (holder === tokenId) return;
      if (holder !== undefined) {
        if (await this.isTokenActive(holder, q)) {
          throw new CodedError(ERRORS.AGENT_ID_TAKEN, `agent id ${agentId} belongs to another token`, { agentId });
        }
        // Its token was revoked or left the environment: the agent id is free for its new token.
        await this.bindings.release(q, location, agentId, holder);
      }
      if (await this.bindings.bind(q, location, agentId, tokenId, at)) return;
    }
    throw new Error(`agent id ${agentId} could not be bound in ${location}`);
  }
}
