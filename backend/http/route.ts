import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ApiAnswer, ApiRoute, Parsed, RouteBody, RouteCustomerAnswer, RouteParams, RouteQuery } from '../../common/api/route.js';
import type { Actor } from '../../common/events.js';
import { authorize, type RequestGate, type RequestPrincipal } from './auth.js';
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

/** What a handler may return for an answer: the JSON value its schema reads, or bytes and text as they are. */
type HandlerAnswerOf<A> = A extends z.ZodType ? z.input<A> : A extends 'bytes' ? Buffer : A extends 'text' | 'html' ? string : unknown;

/** A handler's answer: the staff answer, or the customer answer when the route declares one. */
export type HandlerAnswer<R extends ApiRoute> = HandlerAnswerOf<R['answer']> | (RouteCustomerAnswer<R> extends ApiAnswer ? HandlerAnswerOf<RouteCustomerAnswer<R>> : never);

export type RouteHandler<R extends ApiRoute> = (
  context: RouteContext<Parsed<RouteParams<R>>, Parsed<RouteQuery<R>>, Parsed<RouteBody<R>>>,
) => HandlerAnswer<R> | Promise<HandlerAnswer<R>>;

function parse<S extends z.ZodType | undefined>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): Parsed<S> {
  if (!schema) return undefined as Parsed<S>;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data as Parsed<S>;
}

/**
 * Registers a route declared in the contract (common/api/routes/, one entry per route) with its
 * handler: the single place where a request is authorized and validated. The token first
 * (401/403, the route's `access`), then the location it acts in (`?location=` or a body's
 * `location`, 403/404), then params, query and body against the route's zod schemas (400
 * VALIDATION_FAILED with the issues). A handler only ever sees typed, valid input and the
 * location it may touch, and returns the route's answer (201 when the route says `created`).
 */
export function addRoute<R extends ApiRoute>(app: FastifyInstance, gate: RequestGate, route: R, handler: RouteHandler<R>): void {
  app.route({
    method: route.method,
    url: route.path,
    handler: async (request, reply) => {
      const principal = await authorize(request, route.access, gate);
      const named = takeLocation(request);
      const location = await locationOf(principal, named.asked, gate);
      const params = parse(route.params, request.params, 'params');
      const query = parse(route.query, named.query, 'query');
      const body = parse(route.body, named.body, 'body');
      const result = await handler({ params, query, body, principal, location, request, reply } as Parameters<RouteHandler<R>>[0]);
      if (route.created && reply.statusCode === 200) void reply.code(201);
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
