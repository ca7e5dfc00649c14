import type { Db } from '../db/database.js';

/** agent id ↔ token id, one to one (migration 002). */
export class AgentBindingRepository {
  private readonly agentOfTokenStatement;
  private readonly tokenOfAgentStatement;
  private readonly insertStatement;
  private readonly deleteStatement;

  constructor(db: Db) {
    this.agentOfTokenStatement = db.prepare<[string], { agent_id: string }>('SELECT agent_id FROM agent_bindings WHERE token_id = ?');
    this.tokenOfAgentStatement = db.prepare<[string], { token_id: string }>('SELECT token_id FROM agent_bindings WHERE agent_id = ?');
    this.insertStatement = db.prepare('INSERT INTO agent_bindings (agent_id, token_id, bound_at) VALUES (?, ?, ?)');
    this.deleteStatement = db.prepare('DELETE FROM agent_bindings WHERE agent_id = ?');
  }

  agentOfToken(tokenId: string): string | undefined {
    return this.agentOfTokenStatement.get(tokenId)?.agent_id;
  }

  tokenOfAgent(agentId: string): string | undefined {
    return this.tokenOfAgentStatement.get(agentId)?.token_id;
  }

  bind(agentId: string, tokenId: string, at: string): void {
    this.insertStatement.run(agentId, tokenId, at);
  }

  release(agentId: string): void {
    this.deleteStatement.run(agentId);
  }
}
