import { systemClock, type Clock } from '../../../common/clock.js';
/**
 * The HTTP API under /apps/{appId}/…: route, find the app (404), read the query (400 for a repeated
 * key), read the body (413), verify the signature (401), then run the endpoint with the same query
 * map the signature covered. Errors leave as `{code, message}` with their status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppRuntime } from '../app-runtime.js';
import { RelayHttpError } from '../errors.js';
import { MAX_HTTP_BODY_BYTES } from '../limits.js';
import type { RelayLogger } from '../types.js';
import { readApiQuery } from './api-query.js';
import { parseJsonBody } from './event-validation.js';
import { readBody, sendHttpError, sendJson } from './http-io.js';
import { verifySignedRequest } from './request-signature.js';
import { matchRoutes } from './routes.js';
import { describeError } from '../../../common/describe-error.js';

const API_PREFIX = '/apps/';

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new RelayHttpError('RELAY_ERR_ROUTE_NOT_FOUND', 'malformed percent-encoding');
  }
}

export class HttpApi {
  /** Requests answered under /apps/ (a figure for stats: the embedded backend should send none). */
  requests = 0;

  constructor(
    private readonly appsById: ReadonlyMap<string, AppRuntime>,
    private readonly logger: RelayLogger,
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {}

  handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart < 0 ? url : url.slice(0, queryStart);
    if (!path.startsWith(API_PREFIX)) return false;
    this.requests += 1;
    void this.serve(req, res, path, queryStart < 0 ? '' : url.slice(queryStart + 1));
    return true;
  }

  private async serve(req: IncomingMessage, res: ServerResponse, path: string, search: string): Promise<void> {
    try {
      const [appIdSegment = '', ...rest] = path.slice(API_PREFIX.length).split('/');
      const matches = matchRoutes(rest.map(decodeSegment));
      if (matches.length === 0) throw new RelayHttpError('RELAY_ERR_ROUTE_NOT_FOUND', path);
      const match = matches.find(({ route }) => route.method === req.method);
      if (!match) throw new RelayHttpError('RELAY_ERR_METHOD_NOT_ALLOWED', `${req.method ?? ''} ${path}`);
      const runtime = this.appsById.get(decodeSegment(appIdSegment));
      if (!runtime) throw new RelayHttpError('RELAY_ERR_APP_NOT_FOUND', appIdSegment);

      const query = readApiQuery(search);
      const body = await readBody(req, MAX_HTTP_BODY_BYTES);
      verifySignedRequest(runtime.app, { method: match.route.method, path, query, body }, this.clock.now());
      const result = match.route.handle({
        runtime,
        params: match.params,
        query,
        body: body.length > 0 ? parseJsonBody(body) : undefined,
      });
      sendJson(res, 200, result);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof RelayHttpError) {
        sendHttpError(res, error);
        return;
      }
      this.logger.error('relay HTTP API failed', { path, error: describeError(error) });
      sendHttpError(res, new RelayHttpError('RELAY_ERR_INTERNAL'));
    }
  }
}
