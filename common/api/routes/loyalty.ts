import { z } from 'zod';
import { LOYALTY_LIMITS, LoyaltyAccountSchema, LoyaltyChangeInputSchema, LoyaltyHistorySchema } from '../../loyalty.js';
import { queryInt } from '../params.js';
import { defineRoute } from '../route.js';

/** As typed (`+48 600 123 456`, URL-encoded); the service normalises it to E.164 or answers 400. */
const PhoneParamsSchema = z.object({ phone: z.string().min(1).max(LOYALTY_LIMITS.maxPhoneInputLength) });
const HistoryQuerySchema = z.object({ limit: queryInt(1, LOYALTY_LIMITS.maxHistory).default(LOYALTY_LIMITS.defaultHistory) });

/** Loyalty points per phone number, for POS terminals and admins. */
export const LOYALTY_ROUTES = {
  add: defineRoute({ method: 'POST', path: '/api/loyalty/:phone/add', access: { staff: ['pos'] }, params: PhoneParamsSchema, body: LoyaltyChangeInputSchema, answer: LoyaltyAccountSchema }),
  redeem: defineRoute({ method: 'POST', path: '/api/loyalty/:phone/redeem', access: { staff: ['pos'] }, params: PhoneParamsSchema, body: LoyaltyChangeInputSchema, answer: LoyaltyAccountSchema }),
  history: defineRoute({ method: 'GET', path: '/api/loyalty/:phone', access: { staff: ['pos'] }, params: PhoneParamsSchema, query: HistoryQuerySchema, answer: LoyaltyHistorySchema }),
} as const;
