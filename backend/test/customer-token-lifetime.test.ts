import { afterEach, describe, expect, it } from 'vitest';
import { orderChannel } from '../../common/channels.js';
import { ERROR_CODES } from '../../common/errors.js';
import { ManualClock } from '../../test/integration/manual-clock.js';
import { loadBackendConfig } from '../config.js';
import { Resources, TEST_TOKENS, startTestBackend, type TestBackend } from './helpers.js';

/**
 * Issue 17, item 10: a customer token stops working a set time after its order closes (24 h by
 * default, CUSTOMER_TOKEN_TTL_HOURS) and can be revoked by an admin. Time is the backend's clock,
 * moved by hand.
 */
const resources = new Resources();
afterEach(() => resources.closeAll());

const HOUR_MS = 60 * 60 * 1000;

function close(test: TestBackend, orderId: string): Promise<unknown> {
  return test.api.post(`/api/orders/${orderId}/transitions`, TEST_TOKENS.agent, { to: 'cancelled', reason: 'guest left' });
}

/** Every door a customer token opens: the order, the session, the channel, the page. */
interface DoorAnswer {
  status: number;
  code?: string;
}

async function doors(test: TestBackend, orderId: string, token: string): Promise<Record<'order' | 'session' | 'channel' | 'page', DoorAnswer>> {
  const order = await test.api.get<{ code?: string }>(`/api/orders/${orderId}`, token);
  const session = await test.api.get<{ code?: string }>('/api/diner/session', token);
  const channel = await test.api.post<{ code?: string }>('/api/pusher/auth', token, { socket_id: '1234.5678', channel_name: orderChannel(orderId) });
  const page = await fetch(`${test.backend.url}/o/${encodeURIComponent(token)}`);
  const pageBody = (await page.json().catch(() => ({}))) as { code?: string };
  const entry = (answer: { status: number; body: { code?: string } }) => ({ status: answer.status, ...(answer.body.code ? { code: answer.body.code } : {}) });
  return {
    order: entry(order),
    session: entry(session),
    channel: entry(channel),
    // Not built in this test run: 404 with its own code means "the token passed", never NOT_FOUND for the token.
    page: { status: page.status, ...(pageBody.code ? { code: pageBody.code } : {}) },
  };
}

function refusedEverywhere(code: string) {
  const refusal = { status: 401, code };
  return { order: refusal, session: refusal, channel: refusal, page: refusal };
}

describe('customer tokens: lifetime', () => {
  it('work while the order is open however long it takes, and for 24 h after it closes', async () => {
    const clock = new ManualClock();
    const test = await startTestBackend(resources, { clock });
    const order = await test.api.createOrder();

    clock.advance(72 * HOUR_MS);
    expect((await test.api.get(`/api/orders/${order.id}`, order.customerToken)).status).toBe(200);

    await close(test, order.id);
    clock.advance(24 * HOUR_MS - 1);
    const lastMoment = await doors(test, order.id, order.customerToken);
    expect(lastMoment.order.status).toBe(200);
    expect(lastMoment.session.status).toBe(200);
    expect(lastMoment.channel.status).toBe(200);

    clock.advance(1);
    expect(await doors(test, order.id, order.customerToken)).toEqual(refusedEverywhere(ERROR_CODES.CUSTOMER_TOKEN_EXPIRED));
    const expired = await test.api.get<{ message: string; details: { expiredAt: string } }>(`/api/orders/${order.id}`, order.customerToken);
    expect(expired.body.details.expiredAt).toBe(new Date(clock.now()).toISOString());
    // Staff still read the order.
    expect((await test.api.get(`/api/orders/${order.id}`, TEST_TOKENS.agent)).status).toBe(200);
  });

  it('take CUSTOMER_TOKEN_TTL_HOURS, and refuse a value that is not whole hours from 1 to a year', async () => {
    const clock = new ManualClock();
    const test = await startTestBackend(resources, { clock, env: { CUSTOMER_TOKEN_TTL_HOURS: '2' } });
    const order = await test.api.createOrder();
    await close(test, order.id);
    clock.advance(2 * HOUR_MS - 1);
    expect((await test.api.get(`/api/orders/${order.id}`, order.customerToken)).status).toBe(200);
    clock.advance(1);
    expect((await test.api.get(`/api/orders/${order.id}`, order.customerToken)).body).toMatchObject({ code: ERROR_CODES.CUSTOMER_TOKEN_EXPIRED });

    for (const value of ['0', '-1', '1.5', 'day', String(24 * 367)]) {
      expect(() => loadBackendConfig({ CUSTOMER_TOKEN_TTL_HOURS: value }), value).toThrow(/CUSTOMER_TOKEN_TTL_HOURS/);
    }
    expect(loadBackendConfig({}).customerTokenTtlMs).toBe(24 * HOUR_MS);
  });
});

describe('customer tokens: revocation', () => {
  it('an admin revokes one order link at once and for good; other links keep working', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const other = await test.api.createOrder();
    const path = `/api/orders/${order.id}/customer-token/revoke`;

    expect((await test.api.post(path, TEST_TOKENS.pos)).status).toBe(403);
    expect((await test.api.post(path, TEST_TOKENS.agent)).status).toBe(403);
    expect((await test.api.post(path, order.customerToken)).status).toBe(403);
    expect((await test.api.get(`/api/orders/${order.id}`, order.customerToken)).status).toBe(200);

    const revoked = await test.api.post<{ orderId: string; revokedAt: string }>(path, TEST_TOKENS.admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ orderId: order.id, revokedAt: expect.any(String) });
    expect(await doors(test, order.id, order.customerToken)).toEqual(refusedEverywhere(ERROR_CODES.CUSTOMER_TOKEN_REVOKED));

    // Revoking again answers the first revocation; an unknown order is 404.
    expect((await test.api.post(path, TEST_TOKENS.admin)).body).toEqual(revoked.body);
    expect((await test.api.post('/api/orders/ord_nope/customer-token/revoke', TEST_TOKENS.admin)).body).toMatchObject({ code: ERROR_CODES.ORDER_NOT_FOUND });
    expect((await test.api.get(`/api/orders/${other.id}`, other.customerToken)).status).toBe(200);

  });

  it('a forged or altered token is still just unknown (401 UNAUTHORIZED; the page answers 404)', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const altered = `${order.customerToken.slice(0, -1)}${order.customerToken.endsWith('A') ? 'B' : 'A'}`;
    expect((await test.api.get(`/api/orders/${order.id}`, altered)).body).toMatchObject({ code: ERROR_CODES.UNAUTHORIZED });
    expect((await fetch(`${test.backend.url}/o/${encodeURIComponent(altered)}`)).status).toBe(404);
  });
});
