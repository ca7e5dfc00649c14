import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../../common/events.js';
import { authorize, type Access, type RequestGate, type RequestPrincipal } from './auth.js';
import { validationError } from './errors.js';
import { locationOf, takeLocation } from './request-location.js';

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: RequestPrincipal;
  /** The location the request acts in (request-location.ts): every lookup and change is scoped to it. */
  location: string;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<P, Q, B> {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  access: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Answer with 201 instead of 200. */
  created?: boolean;
  handler: (context: RouteContext<P, Q, B>) => unknown;
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'body' | 'query' | 'params'): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data;
}

/**
 * The single place where a request is authorized and validated: the token first (401/403), then
 * the location it acts in (`?location=` or a body's `location`, 403/404), then params, query and
 * body against their zod schemas (400 VALIDATION_FAILED with the issues). A handler only ever sees
 * typed, valid input and the location it may touch.
 */
export function addRoute<P = undefined, Q = undefined, B = undefined>(app: FastifyInstance, gate: RequestGate, spec: RouteSpec<P, Q, B>): void {
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (request, reply) => {
      const principal = await authorize(request, spec.access, gate);
      const named = takeLocation(request);
      const location = await locationOf(principal, named.asked, gate);
      const params = parse(spec.params, request.params, 'params');
      const query = parse(spec.query, named.query, 'query');
      const body = parse(spec.body, named.body, 'body');
      const result = await spec.handler({ params, query, body, principal, location, request, reply });
      if (spec.created && reply.statusCode === 200) void reply.code(201);
      return result;
    },
  });
}

/** The actor recorded in events for a staff caller. */
export function actorOf(principal: RequestPrincipal): Actor {
  if (principal.kind === 'staff') return { type: principal.role, id: principal.tokenId };
  if (principal.kind === 'customer') return { type: 'customer', id: principal.orderId };
  return { type: 'system', id: 'public' };
}
