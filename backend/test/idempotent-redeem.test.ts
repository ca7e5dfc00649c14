import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema, type TicketEvent } from '../../common/events.js';
import { GiftCardSchema, GiftCardWithHistorySchema, type GiftCard } from '../../common/gift-card.js';
import { LoyaltyHistorySchema } from '../../common/loyalty.js';
import { Resources, TEST_TOKENS, startTestBackend, type ApiResponse, type TestBackend } from './helpers.js';

/**
 * Issue 17, item 3: a POS that retries a redeem, a void or a loyalty change after a timeout must
 * not spend the card or the points twice. The same Idempotency-Key with the same request answers
 * the first answer again; with another request it is 409 IDEMPOTENCY_KEY_REUSED.
 */
const resources = new Resources();
afterEach(() => resources.closeAll());

type Answer = ApiResponse<Record<string, unknown>>;

async function buy(test: TestBackend, amount = 1000): Promise<GiftCard> {
  const answer = await test.api.post('/api/gift-cards', TEST_TOKENS.pos, { amount, currency: 'EUR' });
  return GiftCardSchema.parse(answer.body);
}

function post(test: TestBackend, path: string, body: unknown, key?: string, token: string = TEST_TOKENS.pos): Promise<Answer> {
  return test.api.post(path, token, body, key === undefined ? undefined : { 'idempotency-key': key });
}

async function balanceOf(test: TestBackend, cardNumber: string): Promise<number> {
  return GiftCardWithHistorySchema.parse((await test.api.get(`/api/gift-cards/${cardNumber}`, TEST_TOKENS.pos)).body).balance;
}

async function points(test: TestBackend, phone: string): Promise<number> {
  return LoyaltyHistorySchema.parse((await test.api.get(`/api/loyalty/${encodeURIComponent(phone)}`, TEST_TOKENS.pos)).body).balance;
}

async function eventsOfType(test: TestBackend, type: TicketEvent['type']): Promise<TicketEvent[]> {
  const page = EventsPageSchema.parse((await test.api.get('/api/events?after=0&limit=1000', TEST_TOKENS.agent)).body);
  return page.events.filter((event) => event.type === type);
}

describe('Idempotency-Key on gift card redeem and void, loyalty add and redeem', () => {
  it('redeems once for a replayed key: the first answer again, the balance taken once', async () => {
    const test = await startTestBackend(resources);
    const card = await buy(test);
    const path = `/api/gift-cards/${card.cardNumber}/redeem`;

    const first = await post(test, path, { amount: 300 }, 'redeem-1');
    const again = await post(test, path, { amount: 300 }, 'redeem-1');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ cardNumber: card.cardNumber, balance: 700, currency: 'EUR' });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await balanceOf(test, card.cardNumber)).toBe(700);
    expect(await eventsOfType(test, 'gift_card.redeemed')).toHaveLength(1);

    // The card number as typed differently is the same card, so the same request.
    const typed = `${card.cardNumber.slice(3).toLowerCase()}`;
    expect((await post(test, `/api/gift-cards/${typed}/redeem`, { amount: 300 }, 'redeem-1')).body).toEqual(first.body);

    // A new key is a new redemption.
    expect((await post(test, path, { amount: 300 }, 'redeem-2')).body).toMatchObject({ balance: 400 });
  });

  it('refuses the key with another amount or another card: 409 IDEMPOTENCY_KEY_REUSED, nothing taken', async () => {
    const test = await startTestBackend(resources);
    const card = await buy(test);
    const other = await buy(test);
    await post(test, `/api/gift-cards/${card.cardNumber}/redeem`, { amount: 300 }, 'redeem-1');

    const otherAmount = await post(test, `/api/gift-cards/${card.cardNumber}/redeem`, { amount: 400 }, 'redeem-1');
    expect(otherAmount.status).toBe(409);
    expect(otherAmount.body).toMatchObject({ code: ERROR_CODES.IDEMPOTENCY_KEY_REUSED, details: { giftCardId: card.id } });
    const otherCard = await post(test, `/api/gift-cards/${other.cardNumber}/redeem`, { amount: 300 }, 'redeem-1');
    expect(otherCard.status).toBe(409);
    expect(otherCard.body).toMatchObject({ code: ERROR_CODES.IDEMPOTENCY_KEY_REUSED });

    expect(await balanceOf(test, card.cardNumber)).toBe(700);
    expect(await balanceOf(test, other.cardNumber)).toBe(1000);
  });

  it('takes the money once when the same redeem arrives many times at once', async () => {
    const test = await startTestBackend(resources);
    const card = await buy(test);
    const path = `/api/gift-cards/${card.cardNumber}/redeem`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(test, path, { amount: 300 }, 'till-1-redeem-9')));

    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body)))).toEqual(new Set([JSON.stringify({ cardNumber: card.cardNumber, balance: 700, currency: 'EUR' })]));
    expect(answers.filter((answer) => answer.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    expect(await balanceOf(test, card.cardNumber)).toBe(700);
  });

  it('keeps no answer for a refused redeem: the same key is judged afresh', async () => {
    const test = await startTestBackend(resources);
    const card = await buy(test, 100);
    const path = `/api/gift-cards/${card.cardNumber}/redeem`;
    const refused = await post(test, path, { amount: 300 }, 'redeem-big');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: ERROR_CODES.GIFT_CARD_INSUFFICIENT_BALANCE });
    const retried = await post(test, path, { amount: 300 }, 'redeem-big');
    expect(retried.body).toMatchObject({ code: ERROR_CODES.GIFT_CARD_INSUFFICIENT_BALANCE });
    expect(await balanceOf(test, card.cardNumber)).toBe(100);
  });

  it('keys belong to the token that sent them', async () => {
    const test = await startTestBackend(resources);
    const card = await buy(test);
    const path = `/api/gift-cards/${card.cardNumber}/redeem`;
    await post(test, path, { amount: 100 }, 'same-key');
    const admin = await post(test, path, { amount: 100 }, 'same-key', TEST_TOKENS.admin);
    expect(admin.body).toMatchObject({ balance: 800 });
    expect(admin.headers.get('idempotent-replayed')).toBeNull();
  });

  it('voids once for a replayed key: the voided card again instead of GIFT_CARD_VOID', async () => {
    const test = await startTestBackend(resources);
    const card = await buy(test);
    const path = `/api/gift-cards/${card.cardNumber}/void`;
    const first = await post(test, path, { reason: 'lost' }, 'void-1', TEST_TOKENS.admin);
    const again = await post(test, path, { reason: 'lost' }, 'void-1', TEST_TOKENS.admin);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'void', balance: 0 });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await eventsOfType(test, 'gift_card.voided')).toHaveLength(1);

    const otherReason = await post(test, path, { reason: 'stolen' }, 'void-1', TEST_TOKENS.admin);
    expect(otherReason.status).toBe(409);
    expect(otherReason.body).toMatchObject({ code: ERROR_CODES.IDEMPOTENCY_KEY_REUSED });
    // Without a key, a second void is still refused as before.
    expect((await post(test, path, { reason: 'lost' }, undefined, TEST_TOKENS.admin)).body).toMatchObject({ code: ERROR_CODES.GIFT_CARD_VOID });
  });

  it('adds and redeems loyalty points once per key, however the phone number is written', async () => {
    const test = await startTestBackend(resources);
    const add = { points: 120, reason: 'receipt 1042' };
    const first = await post(test, '/api/loyalty/%2B48600123456/add', add, 'loyalty-1');
    const again = await post(test, `/api/loyalty/${encodeURIComponent('0048 600 123 456')}/add`, add, 'loyalty-1');
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await points(test, '+48600123456')).toBe(120);

    const redeem = { points: 100, reason: 'free coffee' };
    const redeems = await Promise.all(Array.from({ length: 5 }, () => post(test, '/api/loyalty/%2B48600123456/redeem', redeem, 'loyalty-2')));
    expect(redeems.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(redeems.every((answer) => answer.body.balance === 20)).toBe(true);
    expect(await points(test, '+48600123456')).toBe(20);

    // The add route's key is the add route's: the same key on redeem is a new key there.
    const reusedOnRedeem = await post(test, '/api/loyalty/%2B48600123456/redeem', { points: 20, reason: 'x' }, 'loyalty-1');
    expect(reusedOnRedeem.body).toMatchObject({ balance: 0 });
    const otherPhone = await post(test, '/api/loyalty/%2B48600999999/add', add, 'loyalty-1');
    expect(otherPhone.status).toBe(409);
    expect(otherPhone.body).toMatchObject({ code: ERROR_CODES.IDEMPOTENCY_KEY_REUSED, details: { customerId: first.body.customerId } });
    expect(await eventsOfType(test, 'loyalty.updated')).toHaveLength(3);
  });
});
