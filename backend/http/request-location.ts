import type { FastifyRequest } from 'fastify';
import { CodedError, ERRORS } from '../../common/errors.js';
import { DEFAULT_LOCATION, LocationIdSchema } from '../../common/location.js';
import type { RequestGate, RequestPrincipal } from './auth.js';

/** A request's query and body without the `location` they may carry, and that location. */
export interface LocationOfRequest {
  query: unknown;
  body: unknown;
  asked?: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function invalidLocation(where: 'query' | 'body', message: string): CodedError {
  return new CodedError(ERRORS.LOCATION_ID_INVALID, message, [{ code: 'custom', path: [where, 'location'], message }]);
}

/**
 * Takes `?location=ID` or a JSON body's `location` off the request (the routes' own schemas never
 * see it). Both given must agree.
 */
export function takeLocation(request: FastifyRequest): LocationOfRequest {
  let query: unknown = request.query;
  let body: unknown = request.body;
  const named: string[] = [];
  for (const [where, value] of [['query', query], ['body', body]] as const) {
    if (!isPlainObject(value) || !('location' in value)) continue;
    const { location, ...rest } = value;
    const parsed = LocationIdSchema.safeParse(location);
    if (!parsed.success) throw invalidLocation(where, `location: ${parsed.error.issues[0]?.message ?? 'not a location id'}`);
    named.push(parsed.data);
    if (where === 'query') query = rest;
    else body = rest;
  }
  if (named.length === 2 && named[0] !== named[1]) throw invalidLocation('body', 'the query and the body name different locations');
  return { query, body, ...(named[0] !== undefined ? { asked: named[0] } : {}) };
}

/**
 * The location a request acts in. A token of a location acts there only (naming another one is
 * 403 LOCATION_FORBIDDEN); a customer token acts in its order's; a chain-wide admin acts where it
 * says, `default` when it says nothing (so a one-restaurant install works as it always did), and
 * 404 LOCATION_NOT_FOUND for a location the chain does not have.
 */
export async function locationOf(principal: RequestPrincipal, asked: string | undefined, gate: RequestGate): Promise<string> {
  if (principal.kind === 'public') return asked ?? DEFAULT_LOCATION;
  if (principal.location !== null) {
    if (asked !== undefined && asked !== principal.location) {
      throw new CodedError(ERRORS.LOCATION_FORBIDDEN, `this token acts in location ${principal.location}, not ${asked}`, { location: asked });
    }
    return principal.location;
  }
  const location = asked ?? DEFAULT_LOCATION;
  if (!(await gate.locationExists(location))) throw new CodedError(ERRORS.LOCATION_NOT_FOUND, `no location ${location}`, { location });
  return location;
}
