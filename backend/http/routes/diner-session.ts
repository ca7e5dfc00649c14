import type { FastifyInstance, FastifyRequest } from 'fastify';
import { REALTIME_ROUTES } from '../../../common/api/routes/realtime.js';
import { orderChannel } from '../../../common/channels.js';
import type { DinerSession } from '../../../common/diner.js';
import type { RequestGate } from '../auth.js';
import { customerOrderId } from '../customer-access.js';
import { addRoute } from '../route.js';
import type { AgentConfigFor } from './agent-config.js';

function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * `GET /api/diner/session` (customer token): which order the token is for and how to reach its
 * channel — the realtime key and address an agent would get, without the kitchen channels.
 */
export function registerDinerSessionRoute(app: FastifyInstance, gate: RequestGate, configFor: AgentConfigFor): void {
  addRoute(app, gate, REALTIME_ROUTES.dinerSession, ({ principal, request, location }): DinerSession => {
    const orderId = customerOrderId(principal);
    const { key, cluster, host, port, useTLS, authEndpoint } = configFor({ hostname: request.hostname, origin: originOf(request) }, location);
    return {
      orderId,
      channel: orderChannel(orderId),
      realtime: { key, useTLS, authEndpoint, ...(cluster !== undefined ? { cluster } : {}), ...(host !== undefined ? { host } : {}), ...(port !== undefined ? { port } : {}) },
    };
  });
}
