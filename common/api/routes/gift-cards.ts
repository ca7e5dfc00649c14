import { z } from 'zod';
import { GiftCardPurchaseInputSchema, GiftCardRedeemInputSchema, GiftCardSchema, GiftCardVoidInputSchema, GiftCardWithHistorySchema } from '../../gift-card.js';
import { defineRoute } from '../route.js';

/** As typed at a till: the service reads it (case, spaces and dashes do not matter) and checks it. */
const CardNumberParamsSchema = z.object({ cardNumber: z.string().min(1).max(40) });

/** What a redemption leaves on the card. */
export const RedeemedGiftCardSchema = z.object({ cardNumber: z.string(), balance: z.number().int(), currency: z.string() });

/** Gift cards: sold and redeemed by POS terminals (and admins), voided by admins only. */
export const GIFT_CARD_ROUTES = {
  purchase: defineRoute({ method: 'POST', path: '/api/gift-cards', access: { staff: ['pos'] }, body: GiftCardPurchaseInputSchema, answer: GiftCardSchema, created: true }),
  get: defineRoute({ method: 'GET', path: '/api/gift-cards/:cardNumber', access: { staff: ['pos'] }, params: CardNumberParamsSchema, answer: GiftCardWithHistorySchema }),
  redeem: defineRoute({
    method: 'POST',
    path: '/api/gift-cards/:cardNumber/redeem',
    access: { staff: ['pos'] },
    params: CardNumberParamsSchema,
    body: GiftCardRedeemInputSchema,
    answer: RedeemedGiftCardSchema,
  }),
  // Admins only: a void forfeits what is left on the card.
  void: defineRoute({ method: 'POST', path: '/api/gift-cards/:cardNumber/void', access: { staff: [] }, params: CardNumberParamsSchema, body: GiftCardVoidInputSchema.optional(), answer: GiftCardSchema }),
} as const;
