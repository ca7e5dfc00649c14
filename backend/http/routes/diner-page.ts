import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DINER_ASSETS_PREFIX, DinerPageParamsSchema, SERVICE_ROUTES } from '../../../common/api/routes/service.js';
import type { AgentRealtimeConfig } from '../../../common/agent-config.js';
import { CodedError, ERRORS } from '../../../common/errors.js';
import type { RequestGate } from '../auth.js';
import type { AgentConfigFor } from './agent-config.js';


/** Where pusher-js connects, for the page's connect-src: the relay (host and port) or the Pusher cluster. */
function realtimeOrigin(config: AgentRealtimeConfig): string | undefined {
  const scheme = config.useTLS ? 'wss' : 'ws';
  if (config.host) return `${scheme}://${config.host}${config.port !== undefined ? `:${config.port}` : ''}`;
  if (config.cluster) return `wss://ws-${config.cluster}.pusher.com`;
  return undefined;
}

/**
 * The diner page's Content-Security-Policy: its own scripts and styles only, images from itself
 * and data: (the QR code), connections to itself and to the realtime service alone. No inline
 * script, no frames, no forms posting elsewhere.
 */
export function dinerPageCsp(config: AgentRealtimeConfig): string {
  const realtime = realtimeOrigin(config);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src 'self'${realtime ? ` ${realtime}` : ''}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export interface DinerPageOptions {
  /** The built diner page (dist/diner): index.html and assets/. */
  dir: string;
  configFor: AgentConfigFor;
}

function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * `GET /o/:customerToken`: the diner's live page of their order, served only for a genuine
 * customer token (anything else is 404, so a guessed link learns nothing). The token sits in the
 * path, so the page is never cached and never sends a Referer.
 */
export async function registerDinerPage(app: FastifyInstance, gate: RequestGate, options: DinerPageOptions): Promise<void> {
  const assets = join(options.dir, 'assets');
  if (existsSync(assets)) {
    await app.register(async (scope) => {
      scope.addHook('onSend', async (_request, reply, payload) => {
        void reply.header('x-content-type-options', 'nosniff');
        return payload;
      });
      await scope.register(fastifyStatic, { root: assets, prefix: DINER_ASSETS_PREFIX, index: false, wildcard: true });
    });
  }

  // Registered by hand, not with addRoute: a token that fails its schema is 404 like an unknown
  // one (a guessed link learns nothing), not 400.
  const page = SERVICE_ROUTES.dinerPage;
  app.route({
    method: page.method,
    url: page.path,
    handler: async (request, reply) => {
      const params = DinerPageParamsSchema.safeParse(request.params);
      const principal = params.success ? await gate.authenticate(params.data.customerToken) : undefined;
      if (principal?.kind !== 'customer') throw new CodedError(ERRORS.NOT_FOUND, 'no such order page');
      let html: string;
      try {
        html = await readFile(join(options.dir, 'index.html'), 'utf8');
      } catch {
        throw new CodedError(ERRORS.NOT_FOUND, 'the diner page is not built: run npm run build:diner');
      }
      const config = options.configFor({ hostname: request.hostname, origin: originOf(request) }, principal.location);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', dinerPageCsp(config))
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('x-frame-options', 'DENY')
        .send(html);
    },
  });
  }
