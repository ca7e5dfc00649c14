import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CodedError, ERRORS } from '../../common/errors.js';
import type { IdempotencyScope, Replayable } from '../services/idempotent-create.js';
import type { RequestPrincipal } from './auth.js';

const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'Idempotency-Key must be 1-128 printable ASCII characters');

/**
 * The request's `Idempotency-Key`, scoped to the token that sent it (keys of two POS terminals
 * never collide), or undefined without one; a malformed key is 400. One reading for every creating
 * route that takes a key (`POST /api/orders`, `POST /api/gift-cards`; docs/api.md, Idempotency).
 */
export function idempotencyScopeOf(request: FastifyRequest, principal: RequestPrincipal): IdempotencyScope | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = IdempotencyKeySchema.safeParse(header);
  if (!key.success) throw new CodedError(ERRORS.VALIDATION_FAILED, key.error.issues[0]?.message ?? 'bad Idempotency-Key');
  return { principal: principal.kind === 'staff' ? principal.tokenId : 'unknown', key: key.data };
}

/** The answer of a route that takes a key: a repeat says so in `Idempotent-Replayed: true`. */
export function replayableAnswer<T>(reply: FastifyReply, result: Replayable<T>): T {
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  return result.answer;
}
