import type { FastifyInstance } from 'fastify';
import { POS_CHANNEL } from '../../../common/channels.js';
import type { PosFeedConfig } from '../../../common/pos-feed.js';
import type { Authenticate } from '../auth.js';
import { addRoute } from '../route.js';
import type { AgentConfigFor } from './agent-config.js';

/**
 * The POS feed's connection settings for a pos token (docs/pos-feed.md): the same Pusher-protocol
 * service the agents use, built from the address the terminal reached us on, and its one channel.
 */
export function registerPosConfigRoute(app: FastifyInstance, authenticate: Authenticate, configFor: AgentConfigFor): void {
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/pos/config',
    access: { staff: ['pos'] },
    handler: ({ request }): PosFeedConfig => {
      const origin = `${request.protocol}://${request.host}`;
      const { key, cluster, host, port, useTLS, authEndpoint } = configFor({ hostname: request.hostname, origin });
      return {
        key,
        useTLS,
        channel: POS_CHANNEL,
        authEndpoint,
        eventsEndpoint: `${origin}/api/events?channel=pos`,
        ...(cluster !== undefined ? { cluster } : {}),
        ...(host !== undefined ? { host } : {}),
        ...(port !== undefined ? { port } : {}),
      };
    },
  });
}
