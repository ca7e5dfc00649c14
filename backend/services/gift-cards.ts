import { randomInt } from 'node:crypto';
import { CodedError, ERRORS } from '../../common/errors.js';
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
import type { GiftCardScope } from '../config.js';
import type { Database, Queryable } from '../db/query.js';
import { newId } from '../ids.js';
import type { CardScope, GiftCardRepository, StoredGiftCard } from '../repositories/gift-cards.js';
import type { IdempotencyRepository } from '../repositories/idempotency.js';
import type { OrderRepository } from '../repositories/orders.js';
import { instantOf, type Clock } from '../time.js';
import type { ChangeRecorder } from './change-recorder.js';
import { applyOnce, earlierAnswer, requestHashOf, type IdempotencyScope, type Replayable } from './idempotent-create.js';
import type { PrintJobService } from './print-jobs.js';
import { orderNotFound } from './open-order.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Tries at a fresh number when a drawn one is taken (1 in 26 trillion per card already sold). */
const CARD_NUMBER_ATTEMPTS = 5;

export interface PurchasedGiftCard {
  card: GiftCard;
  /** true when this answer repeats an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

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
 * The balance is never stored: it is the sum of the card's ledger, read after the card's row is
 * locked in the transaction that changes it, so two redemptions — in one process or in two — can
 * never both spend the same money. A card sold in one location redeems in any other (the default)
 * or only where it was sold (GIFT_CARDS_SCOPE=location); each change is logged where it happens.
 */
export class GiftCardService {
  constructor(
    private readonly db: Database,
    private readonly scope: GiftCardScope,
    private readonly recorder: ChangeRecorder,
    private readonly cards: GiftCardRepository,
    private readonly orders: OrderRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly printJobs: PrintJobService,
    private readonly clock: Clock,
  ) {}

  purchase(location: string, input: GiftCardPurchaseInput, actor: Actor, idempotency?: IdempotencyScope): Promise<PurchasedGiftCard> {
    const requestHash = idempotency ? requestHashOf(input) : '';
    return this.recorder.run(location, async (tx, record) => {
      const earlier = idempotency && (await earlierAnswer<GiftCard>(tx, this.idempotency, location, 'gift-cards', idempotency, requestHash, 'giftCardId'));
      if (earlier) return { card: earlier, replayed: true };
      const time = instantOf(this.clock);
      const expiresMs = input.expiresAt !== undefined ? this.checkedExpiry(input.expiresAt, time.ms) : undefined;
      const id = newId('gc');
      const cardNumber = await this.freeCardNumber(tx);
      await this.cards.insert(tx, {
        id,
        location,
        cardNumber,
        currency: input.currency,
        initialAmount: input.amount,
        at: time.iso,
        ...(input.purchasedBy !== undefined ? { purchasedBy: input.purchasedBy } : {}),
        ...(input.recipientName !== undefined ? { recipientName: input.recipientName } : {}),
        ...(input.recipientEmail !== undefined ? { recipientEmail: input.recipientEmail } : {}),
        ...(expiresMs !== undefined ? { expiresAt: new Date(expiresMs).toISOString(), expiresMs } : {}),
      });
      await this.cards.addTransaction(tx, { giftCardId: id, location, kind: 'purchase', amount: input.amount, balanceAfter: input.amount, actor, at: time.iso });
      const stored = (await this.cards.byNumber(tx, cardNumber, null)) as StoredGiftCard;
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
      await this.printJobs.createVoucherJob(
        tx,
        location,
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
      if (idempotency) {
        await this.idempotency.insert(tx, {
          ...idempotency,
          location,
          scope: 'gift-cards',
          requestHash,
          resourceId: id,
          responseJson: JSON.stringify(card),
          createdMs: time.ms,
        });
      }
      return { card, replayed: false };
    });
  }

  get(location: string, cardNumberInput: string): Promise<GiftCardWithHistory> {
    const cardNumber = this.parse(cardNumberInput);
    return this.db.snapshot(async (tx) => {
      const stored = await this.cardOrThrow(tx, location, cardNumber);
      return {
        ...toGiftCard(stored, await this.cards.balance(tx, stored.id), this.clock.now()),
        transactions: await this.cards.transactions(tx, stored.id, GIFT_CARD_LIMITS.maxTransactionsShown),
      };
    });
  }

  /**
   * Takes `amount` off the card. Checks, in order: the number is a card's (400/404), the card is
   * not void (409), not expired (409), the order exists when one is named (404), the balance
   * covers the amount (409); only then is anything written. With an Idempotency-Key a retry gets
   * the first answer and takes nothing more.
   */
  redeem(location: string, cardNumberInput: string, input: GiftCardRedeemInput, actor: Actor, idempotency?: IdempotencyScope): Promise<Replayable<RedeemedGiftCard>> {
    const cardNumber = this.parse(cardNumberInput);
    return this.recorder.run(location, (tx, record) =>
      applyOnce(tx, this.idempotency, location, 'gift-card-redeem', idempotency, { cardNumber, ...input }, 'giftCardId', this.clock, async () => {
      const time = instantOf(this.clock);
      const stored = await this.lockedCard(tx, location, cardNumber);
      this.checkUsable(stored, time.ms);
      // The order is the redeeming location's: a card pays for orders where it is used.
      if (input.orderId !== undefined && !(await this.orders.get(tx, location, input.orderId))) {
        throw orderNotFound(input.orderId);
      }
      const balance = await this.cards.balance(tx, stored.id);
      if (input.amount > balance) {
        throw new CodedError(ERRORS.GIFT_CARD_INSUFFICIENT_BALANCE, `the card holds ${balance}, less than ${input.amount}`, {
          balance,
          requested: input.amount,
          currency: stored.currency,
        });
      }
      const after = balance - input.amount;
      await this.cards.addTransaction(tx, {
        giftCardId: stored.id,
        location,
        kind: 'redeem',
        amount: -input.amount,
        balanceAfter: after,
        actor,
        at: time.iso,
        ...(input.orderId !== undefined ? { orderId: input.orderId } : {}),
      });
      const touched = await this.cards.touch(tx, stored.id, time.iso);
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
   * more. With an Idempotency-Key a retry gets the first answer rather than 409 GIFT_CARD_VOID.
   */
  void(location: string, cardNumberInput: string, reason: string | undefined, actor: Actor, idempotency?: IdempotencyScope): Promise<Replayable<GiftCard>> {
    const cardNumber = this.parse(cardNumberInput);
    return this.recorder.run(location, (tx, record) =>
      applyOnce(tx, this.idempotency, location, 'gift-card-void', idempotency, { cardNumber, reason }, 'giftCardId', this.clock, async () => {
      const time = instantOf(this.clock);
      const stored = await this.lockedCard(tx, location, cardNumber);
      const voided = await this.cards.markVoid(tx, stored.id, time.iso);
      if (!voided) throw this.voidError(stored);
      const balance = await this.cards.balance(tx, stored.id);
      if (balance > 0) {
        await this.cards.addTransaction(tx, { giftCardId: stored.id, location, kind: 'void', amount: -balance, balanceAfter: 0, actor, at: time.iso });
      }
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

  /** Where a card is looked for from `location`: everywhere, or there only (GIFT_CARDS_SCOPE=location). */
  private scopeOf(location: string): CardScope {
    return this.scope === 'chain' ? null : location;
  }

  /** The card, its row locked until the change commits (the balance read next cannot be spent twice). */
  private async lockedCard(tx: Queryable, location: string, cardNumber: string): Promise<StoredGiftCard> {
    const found = await this.cardOrThrow(tx, location, cardNumber);
    await this.cards.lock(tx, found.id);
    // Read again under the lock: a void that committed meanwhile is seen.
    return this.cardOrThrow(tx, location, cardNumber);
  }

  /** The number in its written form, or 400: a typo the check character caught is never looked up. */
  private parse(cardNumberInput: string): string {
    const parsed = parseCardNumber(cardNumberInput);
    if (parsed.ok) return parsed.cardNumber;
    const why = parsed.problem === 'check' ? 'its check character does not match (a mistyped character?)' : 'it is not GC- and 10 characters of the card alphabet';
    throw new CodedError(ERRORS.GIFT_CARD_NUMBER_INVALID, `not a gift card number: ${why}`, { problem: parsed.problem });
  }

  private async cardOrThrow(q: Queryable, location: string, cardNumber: string): Promise<StoredGiftCard> {
    const stored = await this.cards.byNumber(q, cardNumber, this.scopeOf(location));
    if (!stored) throw new CodedError(ERRORS.GIFT_CARD_NOT_FOUND, `no gift card ${cardNumber}`, { cardNumber });
    return stored;
  }

  private checkUsable(stored: StoredGiftCard, nowMs: number): void {
    if (stored.status === 'void') throw this.voidError(stored);
    if (stored.expiresMs !== undefined && stored.expiresMs <= nowMs) {
      throw new CodedError(ERRORS.GIFT_CARD_EXPIRED, `gift card ${stored.cardNumber} expired at ${stored.expiresAt ?? '?'}`, {
        expiresAt: stored.expiresAt,
      });
    }
  }

  private voidError(stored: StoredGiftCard): CodedError {
    return new CodedError(ERRORS.GIFT_CARD_VOID, `gift card ${stored.cardNumber} was voided`, { voidedAt: stored.voidedAt });
  }

  /** An expiry must lie ahead, and not beyond GIFT_CARD_LIMITS.maxValidityDays. */
  private checkedExpiry(expiresAt: string, nowMs: number): number {
    const ms = Date.parse(expiresAt);
    if (ms <= nowMs || ms > nowMs + GIFT_CARD_LIMITS.maxValidityDays * DAY_MS) {
      throw new CodedError(ERRORS.VALIDATION_FAILED, `expiresAt must lie in the future and at most ${GIFT_CARD_LIMITS.maxValidityDays} days ahead`, [{ code: 'custom', path: ['body', 'expiresAt'], message: 'expiresAt is in the past or too far ahead' }]);
    }
    return ms;
  }

  private async freeCardNumber(q: Queryable): Promise<string> {
    for (let attempt = 0; attempt < CARD_NUMBER_ATTEMPTS; attempt++) {
      const candidate = drawCardNumber();
      // Numbers are unique in the whole chain, whatever the scope of look-ups.
      if (!(await this.cards.byNumber(q, candidate, null))) return candidate;
    }
    throw new Error('no free gift card number after several draws');
  }
}
