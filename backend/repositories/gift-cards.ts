import type { Actor } from '../../common/events.js';
import type { GiftCardTransaction } from '../../common/gift-card.js';
import type { Db } from '../db/database.js';

/** A card as stored: its status is `active` or `void` (expiry is read against the clock). */
export interface StoredGiftCard {
  id: string;
  cardNumber: string;
  currency: string;
  initialAmount: number;
  status: 'active' | 'void';
  purchasedBy?: string;
  recipientName?: string;
  recipientEmail?: string;
  expiresAt?: string;
  expiresMs?: number;
  voidedAt?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

interface GiftCardRow {
  id: string;
  card_number: string;
  currency: string;
  initial_amount: number;
  status: 'active' | 'void';
  purchased_by: string | null;
  recipient_name: string | null;
  recipient_email: string | null;
  expires_at: string | null;
  expires_ms: number | null;
  voided_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

interface TransactionRow {
  kind: GiftCardTransaction['kind'];
  amount: number;
  balance_after: number;
  order_id: string | null;
  at: string;
}

function toCard(row: GiftCardRow): StoredGiftCard {
  return {
    id: row.id,
    cardNumber: row.card_number,
    currency: row.currency,
    initialAmount: row.initial_amount,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    ...(row.purchased_by !== null ? { purchasedBy: row.purchased_by } : {}),
    ...(row.recipient_name !== null ? { recipientName: row.recipient_name } : {}),
    ...(row.recipient_email !== null ? { recipientEmail: row.recipient_email } : {}),
    ...(row.expires_at !== null ? { expiresAt: row.expires_at } : {}),
    ...(row.expires_ms !== null ? { expiresMs: row.expires_ms } : {}),
    ...(row.voided_at !== null ? { voidedAt: row.voided_at } : {}),
  };
}

export interface NewGiftCardTransaction {
  giftCardId: string;
  kind: GiftCardTransaction['kind'];
  /** Signed minor units: + purchase, − redeem and void. */
  amount: number;
  balanceAfter: number;
  orderId?: string;
  actor: Actor;
  at: string;
}

/** Gift cards and their ledger. Every write runs inside the caller's transaction (ChangeRecorder). */
export class GiftCardRepository {
  private readonly insertCard;
  private readonly selectByNumber;
  private readonly selectBalance;
  private readonly insertTransaction;
  private readonly selectTransactions;
  private readonly touchCard;
  private readonly voidCard;

  constructor(db: Db) {
    this.insertCard = db.prepare(`INSERT INTO gift_cards
      (id, card_number, currency, initial_amount, status, purchased_by, recipient_name, recipient_email, expires_at, expires_ms, created_at, updated_at, version)
      VALUES (@id, @cardNumber, @currency, @initialAmount, 'active', @purchasedBy, @recipientName, @recipientEmail, @expiresAt, @expiresMs, @at, @at, 1)`);
    this.selectByNumber = db.prepare<[string], GiftCardRow>('SELECT * FROM gift_cards WHERE card_number = ?');
    this.selectBalance = db.prepare<[string], { balance: number }>(
      'SELECT COALESCE(SUM(amount), 0) AS balance FROM gift_card_transactions WHERE gift_card_id = ?',
    );
    this.insertTransaction = db.prepare(`INSERT INTO gift_card_transactions
      (gift_card_id, kind, amount, balance_after, order_id, actor_type, actor_id, at)
      VALUES (@giftCardId, @kind, @amount, @balanceAfter, @orderId, @actorType, @actorId, @at)`);
    this.selectTransactions = db.prepare<[string, number], TransactionRow>(
      'SELECT kind, amount, balance_after, order_id, at FROM gift_card_transactions WHERE gift_card_id = ? ORDER BY id DESC LIMIT ?',
    );
    this.touchCard = db.prepare<[string, string], GiftCardRow>(
      'UPDATE gift_cards SET updated_at = ?, version = version + 1 WHERE id = ? RETURNING *',
    );
    this.voidCard = db.prepare<{ id: string; at: string }, GiftCardRow>(
      `UPDATE gift_cards SET status = 'void', voided_at = @at, updated_at = @at, version = version + 1 WHERE id = @id AND status = 'active' RETURNING *`,
    );
  }

  insert(card: {
    id: string;
    cardNumber: string;
    currency: string;
    initialAmount: number;
    purchasedBy?: string;
    recipientName?: string;
    recipientEmail?: string;
    expiresAt?: string;
    expiresMs?: number;
    at: string;
  }): void {
    this.insertCard.run({
      id: card.id,
      cardNumber: card.cardNumber,
      currency: card.currency,
      initialAmount: card.initialAmount,
      purchasedBy: card.purchasedBy ?? null,
      recipientName: card.recipientName ?? null,
      recipientEmail: card.recipientEmail ?? null,
      expiresAt: card.expiresAt ?? null,
      expiresMs: card.expiresMs ?? null,
      at: card.at,
    });
  }

  byNumber(cardNumber: string): StoredGiftCard | undefined {
    const row = this.selectByNumber.get(cardNumber);
    return row ? toCard(row) : undefined;
  }

  /** The sum of the card's ledger: call it inside the transaction that is about to change it. */
  balance(giftCardId: string): number {
    return (this.selectBalance.get(giftCardId) as { balance: number }).balance;
  }

  addTransaction(transaction: NewGiftCardTransaction): void {
    this.insertTransaction.run({
      giftCardId: transaction.giftCardId,
      kind: transaction.kind,
      amount: transaction.amount,
      balanceAfter: transaction.balanceAfter,
      orderId: transaction.orderId ?? null,
      actorType: transaction.actor.type,
      actorId: transaction.actor.id,
      at: transaction.at,
    });
  }

  /** Newest first. */
  transactions(giftCardId: string, limit: number): GiftCardTransaction[] {
    return this.selectTransactions.all(giftCardId, limit).map((row) => ({
      kind: row.kind,
      amount: row.amount,
      balanceAfter: row.balance_after,
      at: row.at,
      ...(row.order_id !== null ? { orderId: row.order_id } : {}),
    }));
  }

  /** A redemption changed the card: its version rises with every ledger line. */
  touch(giftCardId: string, at: string): StoredGiftCard {
    return toCard(this.touchCard.get(at, giftCardId) as GiftCardRow);
  }

  /** Undefined when the card was not active (already void). */
  markVoid(giftCardId: string, at: string): StoredGiftCard | undefined {
    const row = this.voidCard.get({ id: giftCardId, at });
    return row ? toCard(row) : undefined;
  }
}
