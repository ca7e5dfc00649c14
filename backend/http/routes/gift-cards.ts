import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  GiftCardPurchaseInputSchema,
  GiftCardRedeemInputSchema,
  GiftCardVoidInputSchema,
  type GiftCard,
  type GiftCardWithHistory,
} from '../../../common/gift-card.js';
import type { GiftCardService, RedeemedGiftCard } from '../../services/gift-cards.js';
import type { RequestGate } from '../auth.js';
import { idempotencyScopeOf, replayableAnswer } from '../idempotency-key.js';
import { actorOf, addRoute } from '../route.js';

/** As typed at a till: the service reads it (case, spaces and dashes do not matter) and checks it. */
const CardNumberParamsSchema = z.object({ cardNumber: z.string().min(1).max(40) });

/** Gift cards: sold and redeemed by POS terminals (and admins), voided by admins only. */
export function registerGiftCardRoutes(app: FastifyInstance, gate: RequestGate, giftCards: GiftCardService): void {
  addRoute(app, gate, {
    method: 'POST',
    url: '/api/gift-cards',
    access: { staff: ['pos'] },
    body: GiftCardPurchaseInputSchema,
    created: true,
    handler: async ({ body, principal, location, request, reply }): Promise<GiftCard> => {
      const purchased = await giftCards.purchase(location, body, actorOf(principal), idempotencyScopeOf(request, principal));
      return replayableAnswer(reply, { answer: purchased.card, replayed: purchased.replayed });
    },
  });

  addRoute(app, gate, {
    method: 'GET',
    url: '/api/gift-cards/:cardNumber',
    access: { staff: ['pos'] },
    params: CardNumberParamsSchema,
    handler: ({ params, location }): Promise<GiftCardWithHistory> => giftCards.get(location, params.cardNumber),
  });

  addRoute(app, gate, {
    method: 'POST',
    url: '/api/gift-cards/:cardNumber/redeem',
    access: { staff: ['pos'] },
    params: CardNumberParamsSchema,
    body: GiftCardRedeemInputSchema,
    handler: async ({ params, body, principal, location, request, reply }): Promise<RedeemedGiftCard> =>
      replayableAnswer(reply, await giftCards.redeem(location, params.cardNumber, body, actorOf(principal), idempotencyScopeOf(request, principal))),
  });

  addRoute(app, gate, {
    method: 'POST',
    url: '/api/gift-cards/:cardNumber/void',
    // Admins only: a void forfeits what is left on the card.
    access: { staff: [] },
    params: CardNumberParamsSchema,
    body: GiftCardVoidInputSchema.optional(),
    handler: async ({ params, body, principal, location, request, reply }): Promise<GiftCard> =>
      replayableAnswer(reply, await giftCards.void(location, params.cardNumber, body?.reason, actorOf(principal), idempotencyScopeOf(request, principal))),
  });
}
