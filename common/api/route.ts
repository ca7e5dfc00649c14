import type { z } from 'zod';

/*
 * One declaration per backend route (method, path, who may call it, the schemas of what it takes
 * and what it answers), in the contract: the backend registers every route from it
 * (backend/http/route.ts), and its clients — the agent's BackendClient, the diner's page — build
 * their calls from the same entry and check the answer against it. A route is therefore written
 * once; a client cannot call a path or send a body the backend does not declare.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Staff roles a route may name; admin may call every route and is never listed. */
export type ApiStaffRole = 'agent' | 'pos';

/** Who may call a route: no token at all, or these staff roles (and, with `customer`, an order's customer token). */
export type ApiAccess = 'public' | { readonly staff: readonly ApiStaffRole[]; readonly customer?: boolean };

/**
 * What a route answers: a JSON value checked by a zod schema, or something that is not JSON
 * (a receipt image, a CSV file, the diner's HTML page, static files) that clients take as it is.
 */
export type ApiAnswer = z.ZodType | 'bytes' | 'text' | 'html' | 'static';

/** How the body arrives, when it is not JSON: a multipart upload, or Pusher's form-encoded auth request. */
export type ApiBodyEncoding = 'json' | 'multipart' | 'form-or-json';

export interface ApiRoute<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  A extends ApiAnswer = ApiAnswer,
  C extends ApiAnswer | undefined = ApiAnswer | undefined,
> {
  readonly method: HttpMethod;
  /** Fastify's form: `/api/orders/:id`; a trailing `*` is a static file tree. */
  readonly path: string;
  readonly access: ApiAccess;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly bodyEncoding?: ApiBodyEncoding;
  /** The answer to a staff token (or to anyone, for a public route). */
  readonly answer: A;
  /** The answer to an order's customer token, when it differs (the diner's view of an order). */
  readonly customerAnswer?: C;
  /** Answers 201 instead of 200. */
  readonly created?: boolean;
}

/** Declares a route, keeping its exact schema types for the server's handler and the clients. */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  A extends ApiAnswer = ApiAnswer,
  C extends ApiAnswer | undefined = undefined,
>(route: ApiRoute<P, Q, B, A, C>): ApiRoute<P, Q, B, A, C> {
  return route;
}

/** What a schema slot holds once parsed (undefined when the route declares none). */
export type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The schema types a route was declared with (an optional property's type would add `undefined`). */
export type RouteParams<R> = R extends ApiRoute<infer P, z.ZodType | undefined, z.ZodType | undefined, ApiAnswer, ApiAnswer | undefined> ? P : never;
export type RouteQuery<R> = R extends ApiRoute<z.ZodType | undefined, infer Q, z.ZodType | undefined, ApiAnswer, ApiAnswer | undefined> ? Q : never;
export type RouteBody<R> = R extends ApiRoute<z.ZodType | undefined, z.ZodType | undefined, infer B, ApiAnswer, ApiAnswer | undefined> ? B : never;
export type RouteCustomerAnswer<R> = R extends ApiRoute<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, ApiAnswer, infer C> ? C : never;
/** What a client sends for a schema slot (undefined when the route declares none). */
export type Sent<S> = S extends z.ZodType ? z.input<S> : undefined;
/** A JSON answer's type; bytes and text as the client reads them. */
export type AnswerOf<A> = A extends z.ZodType ? z.output<A> : A extends 'bytes' ? Uint8Array : string;

/**
 * The path of a call: each `:name` replaced by its parameter, URL-encoded, and the query (values
 * left out when undefined) appended. A parameter the path names and the call lacks is a bug.
 */
export function pathOf(route: Pick<ApiRoute, 'path'>, params?: Readonly<Record<string, string | number>>, query?: Readonly<Record<string, unknown>>): string {
  const path = route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${route.path}: parameter ${name} missing`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** At most this many of zod's issues are named when an answer fails its schema (paths and words, never data). */
const MAX_ISSUES_NAMED = 5;

/** The problems of a value that failed its schema, for an error message. */
function answerProblems(error: z.ZodError): string[] {
  return error.issues.slice(0, MAX_ISSUES_NAMED).map((issue) => `${issue.path.map(String).join('.') || '(answer)'}: ${issue.message}`);
}

/** What an order's customer token is answered: the customer answer where the route declares one, else its answer. */
export type CustomerAnswerOf<R extends ApiRoute> = RouteCustomerAnswer<R> extends ApiAnswer ? AnswerOf<RouteCustomerAnswer<R>> : AnswerOf<R['answer']>;

/** The schema of what a customer token is answered (see CustomerAnswerOf). */
export function customerAnswerSchema(route: ApiRoute): ApiAnswer {
  return route.customerAnswer ?? route.answer;
}

/** What a client sends to call a route: its params, query and body as the route declares them. */
export interface CallInput<R> {
  params?: Sent<RouteParams<R>>;
  query?: Sent<RouteQuery<R>>;
  body?: Sent<RouteBody<R>>;
  /** Sent as `Idempotency-Key` on the routes that take one (docs/api.md, Idempotency): a retry is answered, not applied again. */
  idempotencyKey?: string;
}

/** An answer checked against a schema: the value, or what is wrong with it (paths and zod's words, never the data). */
export function checkAnswer<S extends z.ZodType>(schema: S, answer: unknown): { ok: true; value: z.output<S> } | { ok: false; problems: string[] } {
  const result = schema.safeParse(answer);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: answerProblems(result.error) };
}
