import type { FastifyRequest } from 'fastify';
import type { ApiAccess } from '../../common/api/route.js';
import { CodedError, ERRORS } from '../../common/errors.js';
import type { StaffRole } from '../config.js';
import type { Principal } from '../services/tokens.js';

/** Who may call a route (declared with the route in common/api/routes/). Admin may call every route and is never listed. */
export type Access = ApiAccess;

// The contract names the backend's roles but admin: a role added to one and not the other does not compile.
type SameRoles<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _rolesMatch: SameRoles<Exclude<StaffRole, 'admin'>, Extract<ApiAccess, object>['staff'][number]> = true;
void _rolesMatch;

/** What every route asks before its handler runs: who the token is, and whether a named location exists. */
export interface RequestGate {
  authenticate(token: string): Promise<Principal | undefined>;
  locationExists(location: string): Promise<boolean>;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export const PUBLIC_PRINCIPAL = { kind: 'public' } as const;
export type RequestPrincipal = Principal | typeof PUBLIC_PRINCIPAL;

function unauthorized(message: string): CodedError {
  return new CodedError(ERRORS.UNAUTHORIZED, message);
}

/** 401 without a valid bearer token, 403 when the token's role may not call this route. */
export async function authorize(request: FastifyRequest, access: Access, gate: RequestGate): Promise<RequestPrincipal> {
  if (access === 'public') return PUBLIC_PRINCIPAL;
  const header = request.headers.authorization;
  if (header === undefined) throw unauthorized('send Authorization: Bearer <token>');
  const match = BEARER.exec(header);
  if (!match) throw unauthorized('the Authorization header must be "Bearer <token>"');
  const principal = await gate.authenticate(match[1] as string);
  if (!principal) throw unauthorized('unknown or revoked token');
  const allowed =
    principal.kind === 'customer'
      ? access.customer === true
      : principal.role === 'admin' || (access.staff as readonly StaffRole[]).includes(principal.role);
  if (!allowed) {
    const who = principal.kind === 'customer' ? 'a customer token' : `the ${principal.role} role`;
    throw new CodedError(ERRORS.FORBIDDEN, `${who} may not call ${request.method} ${request.routeOptions.url ?? ''}`);
  }
  return principal;
}
