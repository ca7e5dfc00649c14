import { query, type Queryable } from '../db/query.js';

type InLocation = { location: string };

const agentOfToken = query<InLocation & { tokenId: string }>()((db, args) =>
  db.selectFrom('agent_bindings').select('agent_id').where('location_id', '=', args.location).where('token_id', '=', args.tokenId),
);
const tokenOfAgent = query<InLocation & { agentId: string }>()((db, args) =>
  db.selectFrom('agent_bindings').select('token_id').where('location_id', '=', args.location).where('agent_id', '=', args.agentId),
);
// Two processes may bind at the same moment: the loser's insert does nothing and it reads the winner's row.
const bindAgent = query<InLocation & { agentId: string; tokenId: string; at: string }>()((db, args) =>
  db
    .insertInto('agent_bindings')
    .values({ location_id: args.location, agent_id: args.agentId, token_id: args.tokenId, bound_at: args.at })
    .onConflict((conflict) => conflict.doNothing()),
);
const releaseAgent = query<InLocation & { agentId: string; tokenId: string }>()((db, args) =>
  db.deleteFrom('agent_bindings').where('location_id', '=', args.location).where('agent_id', '=', args.agentId).where('token_id', '=', args.tokenId),
);

/** agent id ↔ token id, one to one per location. Call inside the claim's or report's transaction. */
export class AgentBindingRepository {
  async agentOfToken(q: Queryable, location: string, tokenId: string): Promise<string | undefined> {
    return (await q.first(agentOfToken, { location, tokenId }))?.agent_id;
  }

  async tokenOfAgent(q: Queryable, location: string, agentId: string): Promise<string | undefined> {
    return (await q.first(tokenOfAgent, { location, agentId }))?.token_id;
  }

  /** Answers false when another binding of the agent id or the token got there first. */
  async bind(q: Queryable, location: string, agentId: string, tokenId: string, at: string): Promise<boolean> {
    return (await q.run(bindAgent, { location, agentId, tokenId, at })) === 1;
  }

  /** Releases the agent id from `tokenId` (and from no other token that took it meanwhile). */
  async release(q: Queryable, location: string, agentId: string, tokenId: string): Promise<void> {
    await q.run(releaseAgent, { location, agentId, tokenId });
  }
}
