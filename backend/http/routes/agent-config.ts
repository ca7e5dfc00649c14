import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AgentRealtimeConfig } from '../../../common/agent-config.js';
import type { Authenticate } from '../auth.js';
import { addRoute } from '../route.js';

/** Builds the realtime settings for the agent that asked, from the address it reached us on. */
export type AgentConfigFor = (request: { hostname: string; origin: string }) => AgentRealtimeConfig;

function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function registerAgentConfigRoute(app: FastifyInstance, authenticate: Authenticate, configFor: AgentConfigFor): void {
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/agent/config',
    access: { staff: ['agent'] },
    handler: ({ request }) => configFor({ hostname: request.hostname, origin: originOf(request) }),
  });
}
