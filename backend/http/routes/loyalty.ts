import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LOYALTY_LIMITS, LoyaltyChangeInputSchema, type LoyaltyAccount, type LoyaltyHistory } from '../../../common/loyalty.js';
import type { LoyaltyService } from '../../services/loyalty.js';
import type { RequestGate } from '../auth.js';
import { idempotencyScopeOf, replayableAnswer } from '../idempotency-key.js';
import { actorOf, addRoute } from '../route.js';
import { queryInt } from '../schemas.js';

/** As typed (`+48 600 123 456`, URL-encoded); the service normalises it to E.164 or answers 400. */
const PhoneParamsSchema = z.object({ phone: z.string().min(1).max(LOYALTY_LIMITS.maxPhoneInputLength) });
const HistoryQuerySchema = z.object({ limit: queryInt(1, LOYALTY_LIMITS.maxHistory).default(LOYALTY_LIMITS.defaultHistory) });

/** Loyalty points per phone number, for POS terminals and admins. */
export function registerLoyaltyRoutes(app: FastifyInstance, gate: RequestGate, loyalty: LoyaltyService): void {
  for (const transactionType of ['add', 'redeem'] as const) {
    addRoute(app, gate, {
      method: 'POST',
      url: `/api/loyalty/:phone/${transactionType}`,
      access: { staff: ['pos'] },
      params: PhoneParamsSchema,
      body: LoyaltyChangeInputSchema,
      handler: async ({ params, body, principal, location, request, reply }): Promise<LoyaltyAccount> =>
        replayableAnswer(reply, await loyalty.change(location, params.phone, transactionType, body, actorOf(principal), idempotencyScopeOf(request, principal))),
    });
  }

  addRoute(app, gate, {
    method: 'GET',
    url: '/api/loyalty/:phone',
    access: { staff: ['pos'] },
    params: PhoneParamsSchema,
    query: HistoryQuerySchema,
    handler: ({ params, query, location }): Promise<LoyaltyHistory> => loyalty.history(location, params.phone, query.limit),
  });
}
