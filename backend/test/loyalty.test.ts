import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema, type TicketEvent } from '../../common/events.js';
import { LOYALTY_LIMITS, LoyaltyAccountSchema, LoyaltyHistorySchema } from '../../common/loyalty.js';
import { loadBackendConfig } from '../config.js';
import { Resources, TEST_TOKENS, startTestBackend, type TestBackend } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

function change(test: TestBackend, phone: string, type: 'add' | 'redeem', body: unknown, token: string = TEST_TOKENS.pos) {
  return test.api.post<Record<string, unknown>>(`/api/loyalty/${encodeURIComponent(phone)}/${type}`, token, body);
}

async function loyaltyEvents(test: TestBackend): Promise<TicketEvent[]> {
  const page = EventsPageSchema.parse((await test.api.get('/api/events?after=0&limit=1000', TEST_TOKENS.agent)).body);
  return page.events.filter((event) => event.type === 'loyalty.updated');
}

describe('loyalty points', () => {
  it('adds and redeems points for one customer however the number is written, with one event per change', async () => {
    const test = await startTestBackend(resources);
    const added = await change(test, '+48 600 123 456', 'add', { points: 120, reason: 'receipt 1042' });
    expect(added.status).toBe(200);
    const account = LoyaltyAccountSchema.parse(added.body);
    expect(account).toMatchObject({ phone: '+48600123456', balance: 120 });
    expect(account.customerId).toMatch(/^cus_/);

    const redeemed = await change(test, '0048-600-123-456', 'redeem', { points: 100, reason: 'free coffee' });
    expect(redeemed.body).toEqual({ customerId: account.customerId, phone: '+48600123456', balance: 20 });

    const events = await loyaltyEvents(test);
    expect(events).toMatchObject([
      { customerId: account.customerId, pointsChange: 120, newBalance: 120, transactionType: 'add', reason: 'receipt 1042', version: 1, actor: { type: 'pos' } },
      { customerId: account.customerId, pointsChange: -100, newBalance: 20, transactionType: 'redeem', reason: 'free coffee', version: 2 },
    ]);
    // The phone number stays out of every event.
    expect(JSON.stringify(events)).not.toMatch(/600\s?123\s?456|\+48/);

    const history = LoyaltyHistorySchema.parse((await test.api.get('/api/loyalty/%2B48600123456', TEST_TOKENS.pos)).body);
    expect(history).toEqual({
      customerId: account.customerId,
      phone: '+48600123456',
      balance: 20,
      history: [
        { transactionType: 'redeem', pointsChange: -100, balanceAfter: 20, reason: 'free coffee', at: expect.any(String) },
        { transactionType: 'add', pointsChange: 120, balanceAfter: 120, reason: 'receipt 1042', at: expect.any(String) },
      ],
    });
    const newest = LoyaltyHistorySchema.parse((await test.api.get('/api/loyalty/%2B48600123456?limit=1', TEST_TOKENS.pos)).body);
    expect(newest.history.map((line) => line.transactionType)).toEqual(['redeem']);
  });

  it('refuses redeeming more than the balance with LOYALTY_INSUFFICIENT_POINTS and changes nothing', async () => {
    const test = await startTestBackend(resources);
    await change(test, '+4915112345678', 'add', { points: 50, reason: 'visit' });
    const refused = await change(test, '+4915112345678', 'redeem', { points: 51, reason: 'dessert' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: ERROR_CODES.LOYALTY_INSUFFICIENT_POINTS, details: { balance: 50, requested: 51 } });

    // A number with no account has no points: refused too, and no account is made for it.
    const stranger = await change(test, '+4915199999999', 'redeem', { points: 1, reason: 'dessert' });
    expect(stranger.body).toMatchObject({ code: ERROR_CODES.LOYALTY_INSUFFICIENT_POINTS, details: { balance: 0 } });
    const unknown = await test.api.get('/api/loyalty/%2B4915199999999', TEST_TOKENS.pos);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: ERROR_CODES.LOYALTY_CUSTOMER_NOT_FOUND });

    expect((await loyaltyEvents(test)).map((event) => event.type === 'loyalty.updated' && event.transactionType)).toEqual(['add']);
  });

  it('never redeems the same points twice under concurrent requests', async () => {
    const test = await startTestBackend(resources);
    await change(test, '+14155550100', 'add', { points: 100, reason: 'welcome' });
    const answers = await Promise.all(Array.from({ length: 12 }, () => change(test, '+14155550100', 'redeem', { points: 30, reason: 'race' })));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(3);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(9);
    expect(LoyaltyHistorySchema.parse((await test.api.get('/api/loyalty/%2B14155550100', TEST_TOKENS.pos)).body).balance).toBe(10);
  });

  it('places national numbers in DEFAULT_PHONE_COUNTRY_CODE, and refuses them without it', async () => {
    const without = await startTestBackend(resources);
    const refused = await change(without, '600 123 456', 'add', { points: 1, reason: 'visit' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: ERROR_CODES.PHONE_INVALID, details: { problem: 'no-country' } });

    const polish = await startTestBackend(resources, { env: { DEFAULT_PHONE_COUNTRY_CODE: '+48' } });
    expect((await change(polish, '600 123 456', 'add', { points: 1, reason: 'visit' })).body).toMatchObject({ phone: '+48600123456' });
    expect(() => loadBackendConfig({ DEFAULT_PHONE_COUNTRY_CODE: 'PL' })).toThrow(/DEFAULT_PHONE_COUNTRY_CODE/);
    expect(() => loadBackendConfig({ DEFAULT_PHONE_COUNTRY_CODE: '0048' })).toThrow(/DEFAULT_PHONE_COUNTRY_CODE/);
  });

  it('refuses bad input with 400: phone numbers, points and reasons', async () => {
    const test = await startTestBackend(resources);
    for (const phone of ['call-me', '+12', '+1234567890123456', 'x'.repeat(LOYALTY_LIMITS.maxPhoneInputLength + 1)]) {
      const answer = await change(test, phone, 'add', { points: 1, reason: 'visit' });
      expect(answer.status, phone).toBe(400);
    }
    expect((await change(test, 'call-me', 'add', { points: 1, reason: 'visit' })).body).toMatchObject({ code: ERROR_CODES.PHONE_INVALID });
    const bodies = [
      { points: 0, reason: 'x' },
      { points: -5, reason: 'x' },
      { points: 1.5, reason: 'x' },
      { points: LOYALTY_LIMITS.maxPoints + 1, reason: 'x' },
      { points: 5 },
      { points: 5, reason: '   ' },
      { points: 5, reason: 'x'.repeat(LOYALTY_LIMITS.maxReasonLength + 1) },
      { points: 5, reason: 'x', phone: '+48600123456' },
    ];
    for (const body of bodies) {
      const answer = await change(test, '+48600123456', 'add', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body, JSON.stringify(body)).toMatchObject({ code: ERROR_CODES.VALIDATION_FAILED });
    }
    expect((await test.api.get('/api/loyalty/%2B48600123456?limit=0', TEST_TOKENS.pos)).status).toBe(400);
    expect(await loyaltyEvents(test)).toEqual([]);
  });

  it('is for pos and admin tokens only', async () => {
    const test = await startTestBackend(resources);
    expect((await change(test, '+48600123456', 'add', { points: 1, reason: 'x' }, TEST_TOKENS.admin)).status).toBe(200);
    expect((await change(test, '+48600123456', 'add', { points: 1, reason: 'x' }, TEST_TOKENS.agent)).status).toBe(403);
    expect((await change(test, '+48600123456', 'redeem', { points: 1, reason: 'x' }, TEST_TOKENS.agent)).status).toBe(403);
    expect((await test.api.get('/api/loyalty/%2B48600123456', TEST_TOKENS.agent)).status).toBe(403);
    expect((await test.api.get('/api/loyalty/%2B48600123456', TEST_TOKENS.admin)).status).toBe(200);
    expect((await test.api.get('/api/loyalty/%2B48600123456')).status).toBe(401);
    const order = await test.api.createOrder();
    expect((await change(test, '+48600123456', 'add', { points: 1, reason: 'x' }, order.customerToken)).status).toBe(403);
  });
});
