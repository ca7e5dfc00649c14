import type { FastifyInstance, FastifyRequest } from 'fastify';
import { REALTIME_ROUTES } from '../../../common/api/routes/realtime.js';
import type { AgentRealtimeConfig } from '../../../common/agent-config.js';
import type { RequestGate } from '../auth.js';
import { addRoute } from '../route.js';

/** Builds the realtime settings for the agent that asked, from the address it reached us on, with its location's channels. */
export type AgentConfigFor = (request: { hostname: string; origin: string }, location: string) => AgentRealtimeConfig;

function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function registerAgentConfigRoute(app: FastifyInstance, gate: RequestGate, configFor: AgentConfigFor): void {
  addRoute(app, gate, REALTIME_ROUTES.agentConfig, ({ request, location }) => configFor({ hostname: request.hostname, origin: originOf(request) }, location));
}
