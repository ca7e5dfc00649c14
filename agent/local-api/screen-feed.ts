import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ERROR_CODES } from '../../common/errors.js';
import { screenState, type ScreenState } from '../../common/customer-screen.js';
import type { KitchenHandlers, RailOrder } from '../../common/kitchen-api.js';
import type { AgentLogger } from '../ports.js';

/** The customer screen's routes (issue 22, docs/screen.md). */
export const SCREEN_ROUTES = { page: '/screen', feed: '/api/screen/feed' } as const;

/**
 * How often an open feed looks again without an update: a ready number's minutes run out, a
 * settings change (names shown, minutes) applies, and a comment line keeps proxies from closing
 * the stream.
 */
export const SCREEN_TICK_MS = 10_000;

export interface ScreenFeedOptions {
  rendererDir?: string;
  /** Whether a request may read the feed (the board's token, when one is set). */
  allowed(token: string | undefined): boolean;
  headers: Record<string, string>;
  logger: AgentLogger;
  now?: () => number;
}

/**
 * `GET /screen`: the customer screen's page (built beside the board: dist/renderer/screen.html).
 * `GET /api/screen/feed`: Server-Sent Events, one `data:` line of ScreenState JSON at once and then
 * each time what the screen shows changes. Built from the board's own updates, so a bump reaches
 * the screen as soon as it reaches the rail; made of numbers (and first names when allowed) only.
 * The agent keeps its rail while the backend is away, so the screen keeps its last state too.
 */
export function registerScreenRoutes(app: FastifyInstance, api: KitchenHandlers, options: ScreenFeedOptions): void {
  const now = options.now ?? Date.now;
  if (options.rendererDir) {
    const file = join(options.rendererDir, 'screen.html');
    app.get(SCREEN_ROUTES.page, async (_request, reply) => {
      const page = await readFile(file, 'utf8').catch(() => undefined);
      if (page === undefined) return reply.status(404).type('text/plain; charset=utf-8').send('the customer screen is missing: build it with npm run build:renderer');
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
    });
  }

  app.get<{ Querystring: { token?: string } }>(SCREEN_ROUTES.feed, async (request, reply) => {
    if (!options.allowed(typeof request.query.token === 'string' ? request.query.token : undefined)) {
      return reply.status(401).send({ ok: false, error: { code: ERROR_CODES.UNAUTHORIZED, message: 'a valid board token is required' } });
    }
    const orders = new Map<string, RailOrder>();
    let sent = '';
    let closed = false;
    const stream = reply.raw;
    reply.hijack();
    stream.writeHead(200, { ...options.headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });

    const push = async (): Promise<void> => {
      if (closed) return;
      const { display } = await api.getSettings();
      const state: ScreenState = screenState([...orders.values()], now(), { showNames: display.screenNames, readyMinutes: display.screenReadyMinutes, language: display.language });
      const text = JSON.stringify(state);
      if (text === sent || closed) return;
      sent = text;
      stream.write(`data: ${text}\n\n`);
    };
    const pushSafely = () => push().catch((error: unknown) => options.logger.warn('customer screen: update failed', { error: String(error) }));

    const unsubscribe = api.subscribe((update) => {
      if (update.type === 'snapshot') {
        orders.clear();
        for (const order of update.snapshot.orders) orders.set(order.id, order);
      } else if (update.type === 'order') orders.set(update.order.id, update.order);
      else if (update.type === 'order.removed') orders.delete(update.orderId);
      else return;
      void pushSafely();
    });
    const tick = setInterval(() => {
      stream.write(': tick\n\n');
      void pushSafely();
    }, SCREEN_TICK_MS);
    tick.unref();
    request.raw.on('close', () => {
      closed = true;
      clearInterval(tick);
      unsubscribe();
    });
    try {
      const snapshot = await api.getSnapshot();
      for (const order of snapshot.orders) if (!orders.has(order.id)) orders.set(order.id, order);
    } catch (error) {
      options.logger.warn('customer screen: the board could not be read', { error: String(error) });
    }
    await pushSafely();
  });
}
