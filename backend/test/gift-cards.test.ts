import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema, type TicketEvent } from '../../common/events.js';
import { CARD_NUMBER_ALPHABET, GIFT_CARD_LIMITS, cardNumberFrom, GiftCardSchema, GiftCardWithHistorySchema, type GiftCard } from '../../common/gift-card.js';
import { PrintJobsPageSchema } from '../../common/print-job.js';
import { ManualClock } from '../../test/integration/manual-clock.js';
import { Resources, TEST_TOKENS, startTestBackend, type ApiResponse, type TestBackend } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const DAY_MS = 24 * 60 * 60 * 1000;

async function buy(test: TestBackend, body: Record<string, unknown> = { amount: 5000, currency: 'EUR' }, headers?: Record<string, string>): Promise<GiftCard> {
  const answer = await test.api.post('/api/gift-cards', TEST_TOKENS.pos, body, headers);
  if (answer.status !== 201) throw new Error(`POST /api/gift-cards answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return GiftCardSchema.parse(answer.body);
}

function redeem(test: TestBackend, cardNumber: string, body: Record<string, unknown>, token: string = TEST_TOKENS.pos): Promise<ApiResponse<{ balance: number; code?: string; details?: Record<string, unknown> }>> {
  return test.api.post(`/api/gift-cards/${encodeURIComponent(cardNumber)}/redeem`, token, body);
}

async function events(test: TestBackend): Promise<TicketEvent[]> {
  return EventsPageSchema.parse((await test.api.get('/api/events?after=0&limit=1000', TEST_TOKENS.agent)).body).events;
}

/** The same number with its last character changed: the check character catches it. */
function mistyped(cardNumber: string): string {
  const last = cardNumber.at(-1) as string;
  const other = CARD_NUMBER_ALPHABET[(CARD_NUMBER_ALPHABET.indexOf(last) + 1) % CARD_NUMBER_ALPHABET.length] as string;
  return `${cardNumber.slice(0, -1)}${other}`;
}

describe('gift cards', () => {
  it('sells a card: 201 with its number, its event and a voucher job on the counter station in one transaction', async () => {
    const test = await startTestBackend(resources);
    const expiresAt = new Date(Date.now() + 365 * DAY_MS).toISOString();
    const card = await buy(test, { amount: 5000, currency: 'EUR', purchasedBy: 'Anna', recipientName: 'Ben', recipientEmail: 'ben@example.com', expiresAt });

    expect(card).toMatchObject({ balance: 5000, currency: 'EUR', status: 'active', initialAmount: 5000, expiresAt, recipientName: 'Ben' });
    expect(card.id).toMatch(/^gc_/);
    expect(card.cardNumber).toMatch(/^GC-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);

    const log = await events(test);
    expect(log.map((event) => event.type)).toEqual(['gift_card.purchased', 'print-job.created']);
    expect(log[0]).toMatchObject({ giftCardId: card.id, cardNumber: card.cardNumber, amount: 5000, balance: 5000, currency: 'EUR', expiresAt, to: 'active', version: 1, actor: { type: 'pos' } });
    // Who bought it and for whom are never broadcast.
    expect(JSON.stringify(log[0])).not.toMatch(/Anna|Ben|example\.com/);

    const jobs = PrintJobsPageSchema.parse((await test.api.get('/api/print-jobs?station=counter', TEST_TOKENS.agent)).body).jobs;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'voucher', station: 'counter', status: 'pending', voucher: { cardNumber: card.cardNumber, balance: 5000, currency: 'EUR', expiresAt, recipientName: 'Ben' } });
    expect(jobs[0]?.payload).toBeUndefined();
    expect(log[1]).toMatchObject({ jobId: jobs[0]?.id, station: 'counter' });

    const read = GiftCardWithHistorySchema.parse((await test.api.get(`/api/gift-cards/${card.cardNumber}`, TEST_TOKENS.pos)).body);
    expect(read).toMatchObject({ ...card, transactions: [{ kind: 'purchase', amount: 5000, balanceAfter: 5000 }] });
  });

  it('redeems against the ledger, with the order it paid, and reads the card back in any case and spacing', async () => {
    const test = await startTestBackend(resources);
    const card = await buy(test);
    const order = await test.api.createOrder();

    const first = await redeem(test, card.cardNumber, { amount: 1250, orderId: order.id });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ cardNumber: card.cardNumber, balance: 3750, currency: 'EUR' });
    const typed = `${card.cardNumber.slice(3, 7).toLowerCase()} ${card.cardNumber.slice(7)}`;
    expect((await redeem(test, typed, { amount: 3750 })).body).toMatchObject({ balance: 0 });

    const read = GiftCardWithHistorySchema.parse((await test.api.get(`/api/gift-cards/${encodeURIComponent(typed)}`, TEST_TOKENS.pos)).body);
    expect(read.balance).toBe(0);
    expect(read.transactions).toEqual([
      { kind: 'redeem', amount: -3750, balanceAfter: 0, at: expect.any(String) },
      { kind: 'redeem', amount: -1250, balanceAfter: 3750, orderId: order.id, at: expect.any(String) },
      { kind: 'purchase', amount: 5000, balanceAfter: 5000, at: expect.any(String) },
    ]);
    const redeemed = (await events(test)).filter((event) => event.type === 'gift_card.redeemed');
    expect(redeemed).toMatchObject([
      { cardNumber: card.cardNumber, amount: 1250, balance: 3750, orderId: order.id, version: 2 },
      { cardNumber: card.cardNumber, amount: 3750, balance: 0, version: 3 },
    ]);
  });

  it('refuses a redemption larger than the balance and takes nothing', async () => {
    const test = await startTestBackend(resources);
    const card = await buy(test, { amount: 1000, currency: 'JPY' });
    const refused = await redeem(test, card.cardNumber, { amount: 1001 });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: ERROR_CODES.GIFT_CARD_INSUFFICIENT_BALANCE, details: { balance: 1000, requested: 1001, currency: 'JPY' } });
    expect((await test.api.get<GiftCard>(`/api/gift-cards/${card.cardNumber}`, TEST_TOKENS.pos)).body.balance).toBe(1000);
    expect((await events(test)).filter((event) => event.type === 'gift_card.redeemed')).toEqual([]);
  });

  it('never overdraws under many concurrent redemptions: exactly the affordable ones succeed', async () => {
    const test = await startTestBackend(resources);
    const card = await buy(test, { amount: 1000, currency: 'EUR' });
    // 25 redemptions of 70 race for 1000: 14 fit (980), 11 must be refused.
    const answers = await Promise.all(Array.from({ length: 25 }, () => redeem(test, card.cardNumber, { amount: 70 })));

    const accepted = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(accepted).toHaveLength(14);
    expect(refused).toHaveLength(11);
    expect(refused.every((answer) => answer.body.code === ERROR_CODES.GIFT_CARD_INSUFFICIENT_BALANCE)).toBe(true);
    // Each success saw the balance the one before it left: 930, 860, … 20, each exactly once.
    expect(accepted.map((answer) => answer.body.balance).sort((a, b) => b - a)).toEqual(Array.from({ length: 14 }, (_, i) => 1000 - 70 * (i + 1)));

    const read = GiftCardWithHistorySchema.parse((await test.api.get(`/api/gift-cards/${card.cardNumber}`, TEST_TOKENS.pos)).body);
    expect(read.balance).toBe(20);
    expect(read.transactions.every((line) => line.balanceAfter >= 0)).toBe(true);
    expect(read.transactions.reduce((sum, line) => sum + line.amount, 0)).toBe(20);
    expect((await events(test)).filter((event) => event.type === 'gift_card.redeemed')).toHaveLength(14);
  });

  it('refuses an expired card with GIFT_CARD_EXPIRED and shows it as expired', async () => {
    const clock = new ManualClock();
    const test = await startTestBackend(resources, { clock });
    const card = await buy(test, { amount: 2000, currency: 'EUR', expiresAt: new Date(clock.now() + DAY_MS).toISOString() });
    expect((await redeem(test, card.cardNumber, { amount: 100 })).status).toBe(200);

    clock.advance(DAY_MS);

    await clock.settled();
    const refused = await redeem(test, card.cardNumber, { amount: 100 });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: ERROR_CODES.GIFT_CARD_EXPIRED });
    expect((await test.api.get<GiftCard>(`/api/gift-cards/${card.cardNumber}`, TEST_TOKENS.pos)).body).toMatchObject({ status: 'expired', balance: 1900 });
  });

  it('voids a card (admin only): what was left leaves the ledger and nothing more can be redeemed', async () => {
    const test = await startTestBackend(resources);
    const card = await buy(test, { amount: 3000, currency: 'EUR' });
    await redeem(test, card.cardNumber, { amount: 500 });

    const byPos = await test.api.post(`/api/gift-cards/${card.cardNumber}/void`, TEST_TOKENS.pos, {});
    expect(byPos.status).toBe(403);
    expect(byPos.body).toMatchObject({ code: ERROR_CODES.FORBIDDEN });

    const voided = await test.api.post<GiftCard>(`/api/gift-cards/${card.cardNumber}/void`, TEST_TOKENS.admin, { reason: 'reported stolen' });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: 'void', balance: 0, voidedAt: expect.any(String) });
    const voidEvent = (await events(test)).find((event) => event.type === 'gift_card.voided');
    expect(voidEvent).toMatchObject({ cardNumber: card.cardNumber, amount: 2500, balance: 0, from: 'active', to: 'void', reason: 'reported stolen', actor: { type: 'admin' } });

    const afterVoid = await redeem(test, card.cardNumber, { amount: 1 });
    expect(afterVoid.status).toBe(409);
    expect(afterVoid.body).toMatchObject({ code: ERROR_CODES.GIFT_CARD_VOID });
    const twice = await test.api.post(`/api/gift-cards/${card.cardNumber}/void`, TEST_TOKENS.admin);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: ERROR_CODES.GIFT_CARD_VOID });
    // Voiding needs no body at all.
    const other = await buy(test);
    expect((await test.api.post(`/api/gift-cards/${other.cardNumber}/void`, TEST_TOKENS.admin)).status).toBe(200);
  });

  it('tells a mistyped number (400) from an unknown one (404)', async () => {
    const test = await startTestBackend(resources);
    const card = await buy(test);
    const typo = await test.api.get(`/api/gift-cards/${mistyped(card.cardNumber)}`, TEST_TOKENS.pos);
    expect(typo.status).toBe(400);
    expect(typo.body).toMatchObject({ code: ERROR_CODES.GIFT_CARD_NUMBER_INVALID, details: { problem: 'check' } });
    const garbage = await redeem(test, 'GC-0000000000', { amount: 1 });
    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatchObject({ code: ERROR_CODES.GIFT_CARD_NUMBER_INVALID, details: { problem: 'format' } });

    // A well-formed number with a right check character that no card has.
    const candidates = [cardNumberFrom([0, 0, 0, 0, 0, 0, 0, 0, 0]), cardNumberFrom([1, 1, 1, 1, 1, 1, 1, 1, 1])];
    const unknown = candidates.find((number) => number !== card.cardNumber) as string;
    expect((await test.api.get(`/api/gift-cards/${unknown}`, TEST_TOKENS.pos)).body).toMatchObject({ code: ERROR_CODES.GIFT_CARD_NOT_FOUND });
    expect((await redeem(test, unknown, { amount: 1 })).status).toBe(404);
    expect((await test.api.post(`/api/gift-cards/${unknown}/void`, TEST_TOKENS.admin)).status).toBe(404);
    expect((await redeem(test, card.cardNumber, { amount: 1, orderId: 'ord_nope' })).body).toMatchObject({ code: ERROR_CODES.ORDER_NOT_FOUND });
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const clock = new ManualClock();
    const test = await startTestBackend(resources, { clock });
    const bad: Record<string, unknown>[] = [
      { amount: 50.5, currency: 'EUR' },
      { amount: 0, currency: 'EUR' },
      { amount: -100, currency: 'EUR' },
      { amount: GIFT_CARD_LIMITS.maxAmount + 1, currency: 'EUR' },
      { amount: '5000', currency: 'EUR' },
      { amount: 5000, currency: 'eur' },
      { amount: 5000, currency: 'XXX' },
      { amount: 5000 },
      { amount: 5000, currency: 'EUR', recipientEmail: 'not-an-address' },
      { amount: 5000, currency: 'EUR', expiresAt: 'tomorrow' },
      { amount: 5000, currency: 'EUR', expiresAt: new Date(clock.now() - 1000).toISOString() },
      { amount: 5000, currency: 'EUR', expiresAt: new Date(clock.now() + (GIFT_CARD_LIMITS.maxValidityDays + 1) * DAY_MS).toISOString() },
      { amount: 5000, currency: 'EUR', balance: 9999 },
    ];
    for (const body of bad) {
      const answer = await test.api.post('/api/gift-cards', TEST_TOKENS.pos, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body, JSON.stringify(body)).toMatchObject({ code: ERROR_CODES.VALIDATION_FAILED });
    }
    const card = await buy(test);
    for (const body of [{ amount: 0 }, { amount: 1.5 }, {}, { amount: 10, extra: true }, { amount: GIFT_CARD_LIMITS.maxAmount + 1 }]) {
      expect((await redeem(test, card.cardNumber, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await events(test)).map((event) => event.type)).toEqual(['gift_card.purchased', 'print-job.created']);
  });

  it('lets pos and admin tokens sell, read and redeem, and nobody else', async () => {
    const test = await startTestBackend(resources);
    const card = await buy(test);
    expect((await test.api.post('/api/gift-cards', TEST_TOKENS.admin, { amount: 100, currency: 'EUR' })).status).toBe(201);
    expect((await test.api.post('/api/gift-cards', TEST_TOKENS.agent, { amount: 100, currency: 'EUR' })).status).toBe(403);
    expect((await test.api.post('/api/gift-cards', undefined, { amount: 100, currency: 'EUR' })).status).toBe(401);
    expect((await test.api.get(`/api/gift-cards/${card.cardNumber}`, TEST_TOKENS.agent)).status).toBe(403);
    expect((await test.api.get(`/api/gift-cards/${card.cardNumber}`, TEST_TOKENS.admin)).status).toBe(200);
    expect((await redeem(test, card.cardNumber, { amount: 1 }, TEST_TOKENS.agent)).status).toBe(403);
    expect((await redeem(test, card.cardNumber, { amount: 1 }, TEST_TOKENS.admin)).status).toBe(200);
    expect((await test.api.post(`/api/gift-cards/${card.cardNumber}/void`, TEST_TOKENS.agent)).status).toBe(403);
    const order = await test.api.createOrder();
    expect((await test.api.post(`/api/gift-cards/${card.cardNumber}/redeem`, order.customerToken, { amount: 1 })).status).toBe(403);
  });

  it('answers a repeated Idempotency-Key with the first card and sells nothing twice', async () => {
    const test = await startTestBackend(resources);
    const body = { amount: 2500, currency: 'EUR', recipientName: 'Ben' };
    const first = await test.api.post<GiftCard>('/api/gift-cards', TEST_TOKENS.pos, body, { 'idempotency-key': 'till-2-sale-77' });
    const again = await test.api.post<GiftCard>('/api/gift-cards', TEST_TOKENS.pos, { recipientName: 'Ben', currency: 'EUR', amount: 2500 }, { 'idempotency-key': 'till-2-sale-77' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);

    const reused = await test.api.post('/api/gift-cards', TEST_TOKENS.pos, { ...body, amount: 9999 }, { 'idempotency-key': 'till-2-sale-77' });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: ERROR_CODES.IDEMPOTENCY_KEY_REUSED, details: { giftCardId: first.body.id } });
    // The key is the gift card route's: an order may use the same key.
    expect((await test.api.createOrder(undefined, { 'idempotency-key': 'till-2-sale-77' })).id).toMatch(/^ord_/);
    const bad = await test.api.post('/api/gift-cards', TEST_TOKENS.pos, body, { 'idempotency-key': 'has spaces' });
    expect(bad.status).toBe(400);

    expect((await events(test)).filter((event) => event.type === 'gift_card.purchased' || (event.type === 'print-job.created' && event.station === 'counter'))).toHaveLength(2);
  });
});
