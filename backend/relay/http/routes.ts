/**
 * The HTTP API's endpoints, relative to /apps/{appId}. Segments starting with ':' are
 * parameters; each handler gets the app, its parameters, the query and the parsed JSON body.
 */
import type { AppRuntime } from '../app-runtime.js';
import type { ApiQuery } from './api-query.js';
import { channelInfo, channelUsers, listChannels } from './channels-api.js';
import { triggerBatch, triggerEvent } from './events-api.js';
import { terminateUserConnections } from './users-api.js';

export interface RouteContext {
  runtime: AppRuntime;
  params: ReadonlyMap<string, string>;
  query: ApiQuery;
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST';
  segments: readonly string[];
  handle(context: RouteContext): object;
}

const param = (context: RouteContext, name: string): string => context.params.get(name) ?? '';

export const ROUTES: readonly Route[] = [
  { method: 'POST', segments: ['events'], handle: (c) => triggerEvent(c.runtime, c.body) },
  { method: 'POST', segments: ['batch_events'], handle: (c) => triggerBatch(c.runtime, c.body) },
  { method: 'GET', segments: ['channels'], handle: (c) => listChannels(c.runtime, c.query) },
  { method: 'GET', segments: ['channels', ':channel'], handle: (c) => channelInfo(c.runtime, param(c, 'channel'), c.query) },
  { method: 'GET', segments: ['channels', ':channel', 'users'], handle: (c) => channelUsers(c.runtime, param(c, 'channel')) },
  {
    method: 'POST',
    segments: ['users', ':userId', 'terminate_connections'],
    handle: (c) => terminateUserConnections(c.runtime, param(c, 'userId')),
  },
];

export interface RouteMatch {
  route: Route;
  params: Map<string, string>;
}

/** Finds the routes whose shape fits; the caller picks by method (so it can answer 405). */
export function matchRoutes(segments: readonly string[]): RouteMatch[] {
  const matches: RouteMatch[] = [];
  for (const route of ROUTES) {
    if (route.segments.length !== segments.length) continue;
    const params = new Map<string, string>();
    const fits = route.segments.every((expected, index) => {
      const actual = segments[index] ?? '';
      if (expected.startsWith(':')) {
        params.set(expected.slice(1), actual);
        return actual !== '';
      }
      return expected === actual;
    });
    if (fits) matches.push({ route, params });
  }
  return matches;
}
