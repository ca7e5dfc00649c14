import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { toErrorResponse } from '../../common/error-response.js';
import { CodedError, ERROR_CODES, ERRORS } from '../../common/errors.js';
import type { BoardPageRenderer } from '../../common/first-screen.js';
import { LOCAL_API, type ApiResult, type KitchenHandlers } from '../../common/kitchen-api.js';
import { dispatchKitchenCall, isKitchenOperation } from '../../common/kitchen-dispatch.js';
import { createConsoleLogger } from '../logger.js';
import type { AgentLogger } from '../ports.js';
import { attachBoardSocket } from './board-socket.js';
import { registerScreenRoutes } from './screen-feed.js';
import { createOriginGuard, hostForUrl, isLoopbackHost, type OriginGuard } from './origin-guard.js';

/**
 * Body limit of one board request: a logo upload (2 MB of image, base64) is the largest; settings
 * with 16 printers and their dithered logos stay below 1 MB.
 */
export const LOCAL_API_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * The board's Content-Security-Policy: nothing but this origin, no inline script. `connect-src
 * 'self'` covers the updates socket too (CSP 3 matches ws:/wss: to the page's own host), so an
 * injected script could not open a socket to anywhere else.
 */
export const BOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface LocalApiOptions {
  host: string;
  port: number;
  /** Required when binding a non-loopback address. */
  token?: string;
  rendererDir?: string;
  /**
   * Renders the board's first screen into its page (renderer/first-screen/board-page.tsx, passed in
   * by cli/: the agent does not import the renderer). Without it the page is served as built.
   */
  boardPage?: BoardPageRenderer;
  /** Told when the first screen could not be rendered; the page is then served as built. */
  onBoardPageError?: (error: unknown) => void;
  /**
   * Where unexpected errors are logged with their real text (a client gets INTERNAL only). The
   * agent passes its own; without one they go to stderr.
   */
  logger?: AgentLogger;
}

export interface RunningLocalApi {
  url: string;
  port: number;
  close(): Promise<void>;
}

function tokenMatches(expected: string | undefined, given: string | undefined): boolean {
  if (!expected) return true;
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serves the KitchenApi to a browser board: `POST /api/kitchen/{method}` answers an ApiResult, the
 * WebSocket at /api/kitchen/updates pushes a snapshot then every BoardUpdate, and `/` serves the
 * built renderer. The routes are those of KITCHEN_API (common/kitchen-contract.ts), each input
 * validated here with its schema: the same operations Electron exposes over IPC.
 */
export async function startLocalApi(api: KitchenHandlers, options: LocalApiOptions): Promise<RunningLocalApi> {
  if (!isLoopbackHost(options.host) && !options.token) {
    throw new CodedError(ERRORS.SETTINGS_INVALID, `the local API binds ${options.host}: a token is required off loopback`);
  }
  const logger = options.logger ?? createConsoleLogger();
  const app: FastifyInstance = Fastify({ bodyLimit: LOCAL_API_BODY_LIMIT, logger: false });
  // Known once listening (port 0 picks one); nothing can arrive before that.
  const bound: { guard?: OriginGuard } = {};
  const refusal = (headers: IncomingMessage['headers']) => (bound.guard ? bound.guard.refusal(headers) : 'the local API is not listening yet');
  const forbidden = (message: string): ApiResult<never> => ({ ok: false, error: { code: ERROR_CODES.ORIGIN_FORBIDDEN, message } });

  // Every request, the board's files included: a rebinding page must get nothing from this server.
  app.addHook('onRequest', async (request, reply) => {
    const refused = refusal(request.headers);
    if (refused) return reply.status(403).send(forbidden(refused));
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', BOARD_CSP);
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  // Fastify's own refusals (body too large, not JSON) and anything thrown outside a call.
  app.setErrorHandler((error, request, reply) => {
    const { status, body, unexpected } = toErrorResponse(error);
    if (unexpected) logger.error('local API: request failed unexpectedly', { url: request.url.split('?')[0], error: unexpected.reason });
    const result: ApiResult<never> = { ok: false, error: body };
    void reply.status(status).send(result);
  });

  app.post<{ Params: { method: string } }>(`${LOCAL_API.prefix}/:method`, async (request, reply) => {
    const given = request.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (!tokenMatches(options.token, given)) {
      return reply.status(401).send({ ok: false, error: { code: ERROR_CODES.UNAUTHORIZED, message: 'a valid board token is required' } });
    }
    const { method } = request.params;
    if (!isKitchenOperation(method)) {
      return reply.status(404).send({ ok: false, error: { code: ERROR_CODES.NOT_FOUND, message: `no operation ${method}` } });
    }
    const { status, result } = await dispatchKitchenCall(api, method, request.body ?? {}, logger);
    // JSON has no undefined: an operation that answers nothing (dismissConflict) answers null.
    return reply.status(status).send(result.ok ? { ok: true, value: result.value ?? null } : result);
  });

  const rendererDir = options.rendererDir && existsSync(options.rendererDir) ? options.rendererDir : undefined;
  registerScreenRoutes(app, api, {
    ...(rendererDir ? { rendererDir } : {}),
    allowed: (token) => tokenMatches(options.token, token),
    // A hijacked stream skips onSend: the same headers, given by hand.
    headers: { 'content-security-policy': BOARD_CSP, 'x-content-type-options': 'nosniff' },
    logger,
  });

  if (options.rendererDir && existsSync(options.rendererDir)) {
    const page = boardPageHandler(api, options.rendererDir, options);
    app.get('/', page);
    app.get('/index.html', page);
    await app.register(fastifyStatic, { root: options.rendererDir, index: false });
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refused = refusal(request.headers);
    if (refused) {
      const body = JSON.stringify(forbidden(refused));
      socket.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      return;
    }
    const url = new URL(request.url ?? '/', 'http://local');
    if (url.pathname !== LOCAL_API.updatesPath || !tokenMatches(options.token, url.searchParams.get('token') ?? undefined)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attachBoardSocket(api, ws, logger));
  });

  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  bound.guard = createOriginGuard(options.host, port);
  const host = hostForUrl(options.host);
  return {
    url: `http://${host}:${port}`,
    port,
    close: async () => {
      for (const client of sockets.clients) client.close(1001, 'agent stopping');
      sockets.close();
      await app.close();
    },
  };
}

/**
 * The board's page: index.html as built, with the first screen rendered in when a renderer is
 * given and the request carries the board token (when one is set) — the page then holds the
 * orders, which nobody without the token may read. Read on every request: a rebuilt board is
 * served without a restart, and the file is 1 KB.
 */
function boardPageHandler(api: KitchenHandlers, rendererDir: string, options: LocalApiOptions) {
  return async (request: FastifyRequest<{ Querystring: { token?: unknown } }>, reply: FastifyReply) => {
    let template: string;
    try {
      template = await readFile(join(rendererDir, 'index.html'), 'utf8');
    } catch {
      // Gone since the start (a rebuild empties the folder first): say so, as any other refusal.
      const missing: ApiResult<never> = { ok: false, error: { code: ERROR_CODES.NOT_FOUND, message: "the board's page is missing: build it with npm run build:renderer" } };
      return reply.status(404).send(missing);
    }
    // The page may carry live orders: never from a cache.
    void reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
    const token = request.query.token;
    if (!options.boardPage || !tokenMatches(options.token, typeof token === 'string' ? token : undefined)) return reply.send(template);
    let page = template;
    try {
      const [snapshot, settings] = await Promise.all([api.getSnapshot(), api.boardSettings()]);
      page = options.boardPage(template, { snapshot, settings, renderedAt: Date.now() });
    } catch (error) {
      options.onBoardPageError?.(error);
    }
    return reply.send(page);
  };
}
