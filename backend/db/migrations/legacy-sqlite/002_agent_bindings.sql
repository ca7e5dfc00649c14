-- Which token speaks for which agent id: the first accepted claim or report with a token records
-- the agentId it named, so no token can claim or report as another agent (docs/api.md, "Agent
-- ids"). One agent id per token and one token per agent id. token_id is a stored token's id
-- (`tok_…`) or an environment token's `env-<role>`; a binding whose token was revoked or left the
-- environment is released when another token asks for that agent id.
CREATE TABLE agent_bindings (
  agent_id TEXT PRIMARY KEY,
  token_id TEXT NOT NULL UNIQUE,
  bound_at TEXT NOT NULL
) STRICT;
