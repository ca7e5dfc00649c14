import { randomInt } from 'node:crypto';
import { CodedError, ERROR_CODES } from '../../common/errors.js';
import { EVENT_TYPES, type Actor } from '../../common/events.js';
import {
  CARD_NUMBER_ALPHABET,
  CARD_NUMBER_LENGTH,
  GIFT_CARD_LIMITS,
  cardNumberFrom,
  parseCardNumber,
  type GiftCard,
  type GiftCardPurchaseInput,
  type GiftCardRedeemInput,
  type GiftCardWithHistory,
} from '../../common/gift-card.js';
import { newId } from '../ids.js';
import type { GiftCardRepository, StoredGiftCard } from '../repositories/gift-cards.js';
import type { IdempotencyRepository } from '../repositories/idempotency.js';
import type { OrderRepository } from '../repositories/orders.js';
import { instantOf, type Clock } from '../time.js';
import type { ChangeRecorder } from './change-recorder.js';
import { applyOnce, type IdempotencyScope, type Replayable } from './idempotent-create.js';
import type { PrintJobService } from './print-jobs.js';
import { orderNotFound } from './open-order.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Tries at a fresh number when a drawn one is taken (1 in 26 trillion per card already sold). */
const CARD_NUMBER_ATTEMPTS = 5;

export interface RedeemedGiftCard {
  cardNumber: string;
  /** Minor units left. */
  balance: number;
  currency: string;
}

/** A card as the API shows it: `expired` is read against the clock, the balance is its ledger's sum. */
function toGiftCard(stored: StoredGiftCard, balance: number, nowMs: number): GiftCard {
  const expired = stored.status === 'active' && stored.expiresMs !== undefined && stored.expiresMs <= nowMs;
  return {
    id: stored.id,
    cardNumber: stored.cardNumber,
    balance,
    currency: stored.currency,
    status: expired ? 'expired' : stored.status,
    initialAmount: stored.initialAmount,
    createdAt: stored.createdAt,
    ...(stored.expiresAt !== undefined ? { expiresAt: stored.expiresAt } : {}),
    ...(stored.purchasedBy !== undefined ? { purchasedBy: stored.purchasedBy } : {}),
    ...(stored.recipientName !== undefined ? { recipientName: stored.recipientName } : {}),
    ...(stored.recipientEmail !== undefined ? { recipientEmail: stored.recipientEmail } : {}),
    ...(stored.voidedAt !== undefined ? { voidedAt: stored.voidedAt } : {}),
  };
}

function drawCardNumber(): string {
  return cardNumberFrom(Array.from({ length: CARD_NUMBER_LENGTH - 1 }, () => randomInt(CARD_NUMBER_ALPHABET.length)));
}

/**
 * Gift cards: sale (with its voucher job on the counter station), look-up, redemption and void.
 * The balance is never stored: it is the sum of the card's ledger, read inside the IMMEDIATE
 * transaction that changes it. better-sqlite3 runs each transaction to its end before the next
 * request is handled, so two redemptions can never both spend the same money.
 */
export class GiftCardService {
  constructor(
    private readonly recorder: ChangeRecorder,
    private readonly cards: GiftCardRepository,
    private readonly orders: OrderRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly printJobs: PrintJobService,
    private readonly clock: Clock,
  ) {}

  purchase(input: GiftCardPurchaseInput, actor: Actor, idempotency?: IdempotencyScope): Replayable<GiftCard> {
    return this.recorder.run((record) =>
      applyOnce(this.idempotency, 'gift-cards', idempotency, input, 'giftCardId', this.clock, () => {
        const time = instantOf(this.clock);
        const expiresMs = input.expiresAt !== undefined ? this.checkedExpiry(input.expiresAt, time.ms) : undefined;
        const id = newId('gc');
        const cardNumber = this.freeCardNumber();
        this.cards.insert({
          id,
          cardNumber,
          currency: input.currency,
          initialAmount: input.amount,
          at: time.iso,
          ...(input.purchasedBy !== undefined ? { purchasedBy: input.purchasedBy } : {}),
          ...(input.recipientName !== undefined ? { recipientName: input.recipientName } : {}),
          ...(input.recipientEmail !== undefined ? { recipientEmail: input.recipientEmail } : {}),
          ...(expiresMs !== undefined ? { expiresAt: new Date(expiresMs).toISOString(), expiresMs } : {}),
        });
        this.cards.addTransaction({ giftCardId: id, kind: 'purchase', amount: input.amount, balanceAfter: input.amount, actor, at: time.iso });
        const stored = this.cards.byNumber(cardNumber) as StoredGiftCard;
        const card = toGiftCard(stored, input.amount, time.ms);
        record({
          type: EVENT_TYPES.giftCardPurchased,
          giftCardId: id,
          cardNumber,
          amount: input.amount,
          balance: input.amount,
          currency: card.currency,
          to: 'active',
          actor,
          at: time.iso,
          version: stored.version,
          ...(card.expiresAt !== undefined ? { expiresAt: card.expiresAt } : {}),
        });
        this.printJobs.createVoucherJob(
          {
            cardNumber,
            balance: input.amount,
            currency: card.currency,
            ...(card.expiresAt !== undefined ? { expiresAt: card.expiresAt } : {}),
            ...(card.recipientName !== undefined ? { recipientName: card.recipientName } : {}),
          },
          actor,
          record,
          time.iso,
        );
        return { answer: card, resourceId: id };
      }),
    );
  }

  get(cardNumberInput: string): GiftCardWithHistory {
    const stored = this.find(cardNumberInput);
    return {
      ...toGiftCard(stored, this.cards.balance(stored.id), this.clock.now()),
      transactions: this.cards.transactions(stored.id, GIFT_CARD_LIMITS.maxTransactionsShown),
    };
  }

  /**
   * Takes `amount` off the card. Checks, in order: the number is a card's (400/404), the card is
   * not void (409), not expired (409), the order exists when one is named (404), the balance
   * covers the amount (409); only then is anything written. With an Idempotency-Key a retry gets
   * the first answer and takes nothing more (idempotent-create.ts).
   */
  redeem(cardNumberInput: string, input: GiftCardRedeemInput, actor: Actor, idempotency?: IdempotencyScope): Replayable<RedeemedGiftCard> {
    const cardNumber = this.parse(cardNumberInput);
    return this.recorder.run((record) =>
      applyOnce(this.idempotency, 'gift-card-redeem', idempotency, { cardNumber, ...input }, 'giftCardId', this.clock, () => {
        const time = instantOf(this.clock);
        const stored = this.cardOrThrow(cardNumber);
        this.checkUsable(stored, time.ms);
        if (input.orderId !== undefined && !this.orders.get(input.orderId)) {
          throw orderNotFound(input.orderId);
        }
        const balance = this.cards.balance(stored.id);
        if (input.amount > balance) {
          throw new CodedError(ERROR_CODES.GIFT_CARD_INSUFFICIENT_BALANCE, `the card holds ${balance}, less than ${input.amount}`, 409, {
            balance,
            requested: input.amount,
            currency: stored.currency,
          });
        }
        const after = balance - input.amount;
        this.cards.addTransaction({
          giftCardId: stored.id,
          kind: 'redeem',
          amount: -input.amount,
          balanceAfter: after,
          actor,
          at: time.iso,
          ...(input.orderId !== undefined ? { orderId: input.orderId } : {}),
        });
        const touched = this.cards.touch(stored.id, time.iso);
        record({
          type: EVENT_TYPES.giftCardRedeemed,
          giftCardId: stored.id,
          cardNumber,
          amount: input.amount,
          balance: after,
          currency: stored.currency,
          to: 'active',
          actor,
          at: time.iso,
          version: touched.version,
          ...(input.orderId !== undefined ? { orderId: input.orderId } : {}),
        });
        return { answer: { cardNumber, balance: after, currency: stored.currency }, resourceId: stored.id };
      }),
    );
  }

  /**
   * Voids the card: what was left leaves the ledger (a `void` line), and nothing can be redeemed any
   * more. With an Idempotency-Key a retry gets the first answer instead of 409 GIFT_CARD_VOID.
   */
  void(cardNumberInput: string, reason: string | undefined, actor: Actor, idempotency?: IdempotencyScope): Replayable<GiftCard> {
    const cardNumber = this.parse(cardNumberInput);
    return this.recorder.run((record) =>
      applyOnce(this.idempotency, 'gift-card-void', idempotency, { cardNumber, reason }, 'giftCardId', this.clock, () => {
        const time = instantOf(this.clock);
        const stored = this.cardOrThrow(cardNumber);
        const voided = this.cards.markVoid(stored.id, time.iso);
        if (!voided) throw this.voidError(stored);
        const balance = this.cards.balance(stored.id);
        if (balance > 0) this.cards.addTransaction({ giftCardId: stored.id, kind: 'void', amount: -balance, balanceAfter: 0, actor, at: time.iso });
        record({
          type: EVENT_TYPES.giftCardVoided,
          giftCardId: stored.id,
          cardNumber,
          amount: balance,
          balance: 0,
          currency: stored.currency,
          from: 'active',
          to: 'void',
          actor,
          at: time.iso,
          version: voided.version,
          ...(reason !== undefined ? { reason } : {}),
        });
        return { answer: toGiftCard(voided, 0, time.ms), resourceId: stored.id };
      }),
    );
  }

  private find(cardNumberInput: string): StoredGiftCard {
    return this.cardOrThrow(this.parse(cardNumberInput));
  }

  /** The number in its written form, or 400: a typo the check character caught is never looked up. */
  private parse(cardNumberInput: string): string {
    const parsed = parseCardNumber(cardNumberInput);
    if (parsed.ok) return parsed.cardNumber;
    const why = parsed.problem === 'check' ? 'its check character does not match (a mistyped character?)' : 'it is not GC- and 10 characters of the card alphabet';
    throw new CodedError(ERROR_CODES.GIFT_CARD_NUMBER_INVALID, `not a gift card number: ${why}`, 400, { problem: parsed.problem });
  }

  private cardOrThrow(cardNumber: string): StoredGiftCard {
    const stored = this.cards.byNumber(cardNumber);
    if (!stored) throw new CodedError(ERROR_CODES.GIFT_CARD_NOT_FOUND, `no gift card ${cardNumber}`, 404, { cardNumber });
    return stored;
  }

  private checkUsable(stored: StoredGiftCard, nowMs: number): void {
    if (stored.status === 'void') throw this.voidError(stored);
    if (stored.expiresMs !== undefined && stored.expiresMs <= nowMs) {
      throw new CodedError(ERROR_CODES.GIFT_CARD_EXPIRED, `gift card ${stored.cardNumber} expired at ${stored.expiresAt ?? '?'}`, 409, {
        expiresAt: stored.expiresAt,
      });
    }
  }

  private voidError(stored: StoredGiftCard): CodedError {
    return new CodedError(ERROR_CODES.GIFT_CARD_VOID, `gift card ${stored.cardNumber} was voided`, 409, { voidedAt: stored.voidedAt });
  }

  /** An expiry must lie ahead, and not beyond GIFT_CARD_LIMITS.maxValidityDays. */
  private checkedExpiry(expiresAt: string, nowMs: number): number {
    const ms = Date.parse(expiresAt);
    if (ms <= nowMs || ms > nowMs + GIFT_CARD_LIMITS.maxValidityDays * DAY_MS) {
      throw new CodedError(
        ERROR_CODES.VALIDATION_FAILED,
        `expiresAt must lie in the future and at most ${GIFT_CARD_LIMITS.maxValidityDays} days ahead`,
        400,
        [{ code: 'custom', path: ['body', 'expiresAt'], message: 'expiresAt is in the past or too far ahead' }],
      );
    }
    return ms;
  }

  private freeCardNumber(): string {
    for (let attempt = 0; attempt < CARD_NUMBER_ATTEMPTS; attempt++) {
      const candidate = drawCardNumber();
      if (!this.cards.byNumber(candidate)) return candidate;
    }
    throw new Error('no free gift card number after several draws');
  }
}
