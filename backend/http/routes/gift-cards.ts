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
import type { Authenticate } from '../auth.js';
import { idempotencyScopeOf, replayableAnswer } from '../idempotency-key.js';
import { actorOf, addRoute } from '../route.js';

/** As typed at a till: the service reads it (case, spaces and dashes do not matter) and checks it. */
const CardNumberParamsSchema = z.object({ cardNumber: z.string().min(1).max(40) });

/** Gift cards: sold and redeemed by POS terminals (and admins), voided by admins only. */
export function registerGiftCardRoutes(app: FastifyInstance, authenticate: Authenticate, giftCards: GiftCardService): void {
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/gift-cards',
    access: { staff: ['pos'] },
    body: GiftCardPurchaseInputSchema,
    created: true,
    handler: ({ body, principal, request, reply }): GiftCard =>
      replayableAnswer(reply, giftCards.purchase(body, actorOf(principal), idempotencyScopeOf(request, principal))),
  });

  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/gift-cards/:cardNumber',
    access: { staff: ['pos'] },
    params: CardNumberParamsSchema,
    handler: ({ params }): GiftCardWithHistory => giftCards.get(params.cardNumber),
  });

  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/gift-cards/:cardNumber/redeem',
    access: { staff: ['pos'] },
    params: CardNumberParamsSchema,
    body: GiftCardRedeemInputSchema,
    handler: ({ params, body, principal, request, reply }): RedeemedGiftCard =>
      replayableAnswer(reply, giftCards.redeem(params.cardNumber, body, actorOf(principal), idempotencyScopeOf(request, principal))),
  });

  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/gift-cards/:cardNumber/void',
    // Admins only: a void forfeits what is left on the card.
    access: { staff: [] },
    params: CardNumberParamsSchema,
    body: GiftCardVoidInputSchema.optional(),
    handler: ({ params, body, principal, request, reply }): GiftCard =>
      replayableAnswer(reply, giftCards.void(params.cardNumber, body?.reason, actorOf(principal), idempotencyScopeOf(request, principal))),
  });
}
