import { sql } from 'kysely';
import type { Actor } from '../../common/events.js';
import type { GiftCardTransaction } from '../../common/gift-card.js';
import { query, type Queryable } from '../db/query.js';
import type { GiftCardsTable } from '../db/schema.js';

/** A card as stored: its status is `active` or `void` (expiry is read against the clock). */
export interface StoredGiftCard {
  id: string;
  /** Where it was sold. */
  location: string;
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

function toCard(row: GiftCardsTable): StoredGiftCard {
  return {
    id: row.id,
    location: row.location_id,
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
  /** Where the line is written. */
  location: string;
  kind: GiftCardTransaction['kind'];
  /** Signed minor units: + purchase, − redeem and void. */
  amount: number;
  balanceAfter: number;
  orderId?: string;
  actor: Actor;
  at: string;
}

/**
 * Where a card is looked for: `null` every location (gift cards of the chain, the default), or one
 * location (GIFT_CARDS_SCOPE=location: a card sold elsewhere is not found here).
 */
export type CardScope = string | null;

const insertCard = query<{
  id: string;
  location: string;
  cardNumber: string;
  currency: string;
  initialAmount: number;
  purchasedBy: string | null;
  recipientName: string | null;
  recipientEmail: string | null;
  expiresAt: string | null;
  expiresMs: number | null;
  at: string;
}>()((db, args) =>
  db.insertInto('gift_cards').values({
    id: args.id,
    location_id: args.location,
    card_number: args.cardNumber,
    currency: args.currency,
    initial_amount: args.initialAmount,
    status: 'active',
    purchased_by: args.purchasedBy,
    recipient_name: args.recipientName,
    recipient_email: args.recipientEmail,
    expires_at: args.expiresAt,
    expires_ms: args.expiresMs,
    created_at: args.at,
    updated_at: args.at,
    version: 1,
  }),
);
const byNumberInChain = query<{ cardNumber: string }>()((db, args) => db.selectFrom('gift_cards').selectAll().where('card_number', '=', args.cardNumber));
const byNumberInLocation = query<{ cardNumber: string; location: string }>()((db, args) =>
  db.selectFrom('gift_cards').selectAll().where('card_number', '=', args.cardNumber).where('location_id', '=', args.location),
);
// The card's row stays locked until the change commits, so the balance read next cannot be spent
// twice by a redemption in another process (PostgreSQL; SQLite has one writer).
const lockCard = query<{ id: string }>()((db, args, dialect) =>
  db
    .selectFrom('gift_cards')
    .select('id')
    .where('id', '=', args.id)
    .$if(dialect === 'postgres', (select) => select.forUpdate()),
);
const balanceOf = query<{ id: string }>()((db, args) =>
  db
    .selectFrom('gift_card_transactions')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), sql<number>`0`).as('balance'))
    .where('gift_card_id', '=', args.id),
);
const insertLine = query<{
  giftCardId: string;
  location: string;
  kind: GiftCardTransaction['kind'];
  amount: number;
  balanceAfter: number;
  orderId: string | null;
  actorType: string;
  actorId: string;
  at: string;
}>()((db, args) =>
  db.insertInto('gift_card_transactions').values({
    gift_card_id: args.giftCardId,
    location_id: args.location,
    kind: args.kind,
    amount: args.amount,
    balance_after: args.balanceAfter,
    order_id: args.orderId,
    actor_type: args.actorType,
    actor_id: args.actorId,
    at: args.at,
  }),
);
const linesOf = query<{ id: string; limit: number }>()((db, args) =>
  db
    .selectFrom('gift_card_transactions')
    .select(['kind', 'amount', 'balance_after', 'order_id', 'at'])
    .where('gift_card_id', '=', args.id)
    .orderBy('id', 'desc')
    .limit(args.limit),
);
const touchCard = query<{ id: string; at: string }>()((db, args) =>
  db
    .updateTable('gift_cards')
    .set((eb) => ({ updated_at: args.at, version: eb('version', '+', 1) }))
    .where('id', '=', args.id)
    .returningAll(),
);
const voidCard = query<{ id: string; at: string }>()((db, args) =>
  db
    .updateTable('gift_cards')
    .set((eb) => ({ status: 'void', voided_at: args.at, updated_at: args.at, version: eb('version', '+', 1) }))
    .where('id', '=', args.id)
    .where('status', '=', 'active')
    .returningAll(),
);

/** Gift cards and their ledger. Every write runs inside the caller's transaction (ChangeRecorder). */
export class GiftCardRepository {
  async insert(
    q: Queryable,
    card: {
      id: string;
      location: string;
      cardNumber: string;
      currency: string;
      initialAmount: number;
      purchasedBy?: string;
      recipientName?: string;
      recipientEmail?: string;
      expiresAt?: string;
      expiresMs?: number;
      at: string;
    },
  ): Promise<void> {
    await q.run(insertCard, {
      id: card.id,
      location: card.location,
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

  async byNumber(q: Queryable, cardNumber: string, scope: CardScope): Promise<StoredGiftCard | undefined> {
    const row = scope === null ? await q.first(byNumberInChain, { cardNumber }) : await q.first(byNumberInLocation, { cardNumber, location: scope });
    return row ? toCard(row) : undefined;
  }

  /** Locks the card's row until the transaction ends: call before reading the balance a change depends on. */
  async lock(q: Queryable, giftCardId: string): Promise<void> {
    await q.first(lockCard, { id: giftCardId });
  }

  /** The sum of the card's ledger: call it inside the transaction that is about to change it, after lock(). */
  async balance(q: Queryable, giftCardId: string): Promise<number> {
    return Number((await q.first(balanceOf, { id: giftCardId }))?.balance ?? 0);
  }

  async addTransaction(q: Queryable, line: NewGiftCardTransaction): Promise<void> {
    await q.run(insertLine, {
      giftCardId: line.giftCardId,
      location: line.location,
      kind: line.kind,
      amount: line.amount,
      balanceAfter: line.balanceAfter,
      orderId: line.orderId ?? null,
      actorType: line.actor.type,
      actorId: line.actor.id,
      at: line.at,
    });
  }

  /** Newest first. */
  async transactions(q: Queryable, giftCardId: string, limit: number): Promise<GiftCardTransaction[]> {
    return (await q.all(linesOf, { id: giftCardId, limit })).map((row) => ({
      kind: row.kind,
      amount: row.amount,
      balanceAfter: row.balance_after,
      at: row.at,
      ...(row.order_id !== null ? { orderId: row.order_id } : {}),
    }));
  }

  /** A redemption changed the card: its version rises with every ledger line. */
  async touch(q: Queryable, giftCardId: string, at: string): Promise<StoredGiftCard> {
    return toCard((await q.first(touchCard, { id: giftCardId, at })) as GiftCardsTable);
  }

  /** Undefined when the card was not active (already void). */
  async markVoid(q: Queryable, giftCardId: string, at: string): Promise<StoredGiftCard | undefined> {
    const row = await q.first(voidCard, { id: giftCardId, at });
    return row ? toCard(row) : undefined;
  }
}
