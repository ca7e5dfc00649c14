import { z } from 'zod';

/** Loyalty points per customer, kept under the customer's E.164 phone number (common/phone.ts). */
export const LOYALTY_LIMITS = {
  /** Most points one add or redeem may move. */
  maxPoints: 1_000_000,
  maxReasonLength: 200,
  defaultHistory: 50,
  maxHistory: 500,
  /** Longest phone number as typed, separators included. */
  maxPhoneInputLength: 32,
} as const;

export const LOYALTY_TRANSACTION_TYPES = ['add', 'redeem'] as const;
export type LoyaltyTransactionType = (typeof LOYALTY_TRANSACTION_TYPES)[number];

export const LoyaltyChangeInputSchema = z.strictObject({
  points: z.number().int().min(1).max(LOYALTY_LIMITS.maxPoints),
  /** Why (a receipt number, "birthday bonus"): kept in the history and sent with the event. */
  reason: z.string().trim().min(1).max(LOYALTY_LIMITS.maxReasonLength),
});
export type LoyaltyChangeInput = z.infer<typeof LoyaltyChangeInputSchema>;

/** The answer of add and redeem. */
export const LoyaltyAccountSchema = z.object({
  customerId: z.string(),
  /** E.164. */
  phone: z.string(),
  balance: z.number().int(),
});
export type LoyaltyAccount = z.infer<typeof LoyaltyAccountSchema>;

export const LoyaltyTransactionSchema = z.object({
  transactionType: z.enum(LOYALTY_TRANSACTION_TYPES),
  /** Signed: + for add, − for redeem. */
  pointsChange: z.number().int(),
  balanceAfter: z.number().int(),
  reason: z.string(),
  at: z.string(),
});
export type LoyaltyTransaction = z.infer<typeof LoyaltyTransactionSchema>;

/** `GET /api/loyalty/:phone`: the account and its newest transactions first. */
export const LoyaltyHistorySchema = LoyaltyAccountSchema.extend({ history: z.array(LoyaltyTransactionSchema) });
export type LoyaltyHistory = z.infer<typeof LoyaltyHistorySchema>;
