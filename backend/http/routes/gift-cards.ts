import type { FastifyInstance } from 'fastify';
import { GIFT_CARD_ROUTES } from '../../../common/api/routes/gift-cards.js';
import type { GiftCard, GiftCardWithHistory } from '../../../common/gift-card.js';
import type { GiftCardService, RedeemedGiftCard } from '../../services/gift-cards.js';
import type { RequestGate } from '../auth.js';
import { idempotencyScopeOf, replayableAnswer } from '../idempotency-key.js';
import { actorOf, addRoute } from '../route.js';

/** Gift cards: sold and redeemed by POS terminals (and admins), voided by admins only. */
export function registerGiftCardRoutes(app: FastifyInstance, gate: RequestGate, giftCards: GiftCardService): void {
  addRoute(app, gate, GIFT_CARD_ROUTES.purchase, async ({ body, principal, location, request, reply }): Promise<GiftCard> => {
    const purchased = await giftCards.purchase(location, body, actorOf(principal), idempotencyScopeOf(request, principal));
    return replayableAnswer(reply, { answer: purchased.card, replayed: purchased.replayed });
  });

  addRoute(app, gate, GIFT_CARD_ROUTES.get, ({ params, location }): Promise<GiftCardWithHistory> => giftCards.get(location, params.cardNumber));

  addRoute(
    app,
    gate,
    GIFT_CARD_ROUTES.redeem,
    async ({ params, body, principal, location, request, reply }): Promise<RedeemedGiftCard> =>
      replayableAnswer(reply, await giftCards.redeem(location, params.cardNumber, body, actorOf(principal), idempotencyScopeOf(request, principal))),
  );

  // Admins only: a void forfeits what is left on the card.
  addRoute(
    app,
    gate,
    GIFT_CARD_ROUTES.void,
    async ({ params, body, principal, location, request, reply }): Promise<GiftCard> =>
      replayableAnswer(reply, await giftCards.void(location, params.cardNumber, body?.reason, actorOf(principal), idempotencyScopeOf(request, principal))),
  );
}
