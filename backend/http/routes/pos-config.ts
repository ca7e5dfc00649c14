import type { FastifyInstance } from 'fastify';
import { REALTIME_ROUTES } from '../../../common/api/routes/realtime.js';
import { locationChannels } from '../../../common/channels.js';
import type { PosFeedConfig } from '../../../common/pos-feed.js';
import type { RequestGate } from '../auth.js';
import { addRoute } from '../route.js';
import type { AgentConfigFor } from './agent-config.js';

/**
 * The POS feed's connection settings for a pos token (docs/pos-feed.md): the same Pusher-protocol
 * service the agents use, built from the address the terminal reached us on, and its one channel.
 */
export function registerPosConfigRoute(app: FastifyInstance, gate: RequestGate, configFor: AgentConfigFor): void {
  addRoute(app, gate, REALTIME_ROUTES.posConfig, ({ request, principal, location }): PosFeedConfig => {
    const origin = `${request.protocol}://${request.host}`;
    const { key, cluster, host, port, useTLS, authEndpoint } = configFor({ hostname: request.hostname, origin }, location);
    // A chain-wide admin names the location it reads; a pos token's location is its own.
    const chainWide = principal.kind === 'staff' && principal.location === null;
    return {
      key,
      useTLS,
      channel: locationChannels(location).pos,
      authEndpoint,
      eventsEndpoint: `${origin}/api/events?channel=pos${chainWide ? `&location=${location}` : ''}`,
      ...(cluster !== undefined ? { cluster } : {}),
      ...(host !== undefined ? { host } : {}),
      ...(port !== undefined ? { port } : {}),
    };
  });
}
