import { CodedError, ERRORS } from '../../common/errors.js';
import type { AgentBindingRepository } from '../repositories/agent-bindings.js';

/**
 * Binds each agent id to the token that first used it, so a token can claim and report as one
 * agent only: without it any agent token could finish, or hold, another counter PC's jobs. The
 * role does not matter: an admin token that claims is bound the same way.
 */
export class AgentIdentities {
  constructor(
    private readonly bindings: AgentBindingRepository,
    /** Whether a token still authenticates (not revoked, still in the environment). */
    private readonly isTokenActive: (tokenId: string) => boolean,
  ) {}

  /**
   * Refuses (403) unless `tokenId` may speak for `agentId`, and records the binding when this is
   * the token's first. Runs inside the caller's claim or report transaction, so a request that is
   * refused for any reason binds nothing.
   */
  speakFor(tokenId: string, agentId: string, at: string): void {
    const own = this.bindings.agentOfToken(tokenId);
    if (own === agentId) return;
    if (own !== undefined) {
      throw new CodedError(ERRORS.AGENT_ID_MISMATCH, `this token claims and reports as agent ${own}, not ${agentId}; give each agent its own token`, {
        agentId,
        boundAgentId: own,
      });
    }
    const holder = this.bindings.tokenOfAgent(agentId);
    if (holder !== undefined) {
      if (this.isTokenActive(holder)) {
        throw new CodedError(ERRORS.AGENT_ID_TAKEN, `agent id ${agentId} belongs to another token`, { agentId });
      }
      // Its token was revoked or left the environment: the agent id is free for its new token.
      this.bindings.release(agentId);
    }
    this.bindings.bind(agentId, tokenId, at);
  }
}
