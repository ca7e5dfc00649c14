import type { FastifyInstance } from 'fastify';
import { LOYALTY_ROUTES } from '../../../common/api/routes/loyalty.js';
import type { LoyaltyAccount, LoyaltyHistory } from '../../../common/loyalty.js';
import type { LoyaltyService } from '../../services/loyalty.js';
import type { RequestGate } from '../auth.js';
import { idempotencyScopeOf, replayableAnswer } from '../idempotency-key.js';
import { actorOf, addRoute } from '../route.js';

/** Loyalty points per phone number, for POS terminals and admins. */
export function registerLoyaltyRoutes(app: FastifyInstance, gate: RequestGate, loyalty: LoyaltyService): void {
  for (const transactionType of ['add', 'redeem'] as const) {
    addRoute(
      app,
      gate,
      LOYALTY_ROUTES[transactionType],
      async ({ params, body, principal, location, request, reply }): Promise<LoyaltyAccount> =>
        replayableAnswer(reply, await loyalty.change(location, params.phone, transactionType, body, actorOf(principal), idempotencyScopeOf(request, principal))),
    );
  }

  addRoute(app, gate, LOYALTY_ROUTES.history, ({ params, query, location }): Promise<LoyaltyHistory> => loyalty.history(location, params.phone, query.limit));
}
