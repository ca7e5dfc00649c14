import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { EventsPageSchema } from '../../common/events.js';
import { PaymentSchema } from '../../common/payment.js';
import { RECEIPT_LIMITS } from '../../common/receipt-image.js';
import { ManualClock } from '../../test/integration/manual-clock.js';
import { queryTestDatabase, usingPostgres } from './database.js';
import {
  FOOD_PAYMENT,
  downloadReceipt,
  gifBytes,
  jpegBytes,
  png,
  pngBytes,
  reject,
  requestPayment,
  uploadReceipt,
  verify,
  webpBytes,
} from './front-of-house.js';
import { Resources, TEST_TOKENS, startTestBackend, type TestBackend } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

async function events(test: TestBackend) {
  return EventsPageSchema.parse((await test.api.get('/api/events?limit=1000', TEST_TOKENS.agent)).body).events;
}

describe('payments: requested by staff', () => {
  it('answers 201 with the payment and records payment.requested with its amount', async () => {
    const clock = new ManualClock();
    const test = await startTestBackend(resources, { clock });
    const order = await test.api.createOrder();
    const qrExpiresAt = new Date(clock.now() + 10 * 60_000).toISOString();
    const answer = await test.api.post(`/api/orders/${order.id}/payments`, TEST_TOKENS.pos, { ...FOOD_PAYMENT, qrExpiresAt });
    expect(answer.status).toBe(201);
    const payment = PaymentSchema.parse(answer.body);
    expect(payment).toMatchObject({
      orderId: order.id,
      type: 'food',
      amount: 3200,
      currency: 'EUR',
      status: 'requested',
      qrPayload: FOOD_PAYMENT.qrPayload,
      qrExpiresAt,
      createdAt: new Date(clock.now()).toISOString(),
      version: 1,
    });
    expect(payment.id).toMatch(/^pay_[0-9a-z]{26}$/);
    expect((await events(test)).at(-1)).toMatchObject({
      type: 'payment.requested',
      orderId: order.id,
      paymentId: payment.id,
      paymentType: 'food',
      amount: 3200,
      currency: 'EUR',
      to: 'requested',
      qrExpiresAt,
      version: 1,
      actor: { type: 'pos', id: 'env-pos' },
    });
    // An admin may ask too; a courier fee is a payment of its own.
    expect((await test.api.post(`/api/orders/${order.id}/payments`, TEST_TOKENS.admin, { type: 'courier', amount: 450, currency: 'EUR' })).status).toBe(201);
  });

  it('refuses wrong roles, bad input, unknown and closed orders, writing nothing', async () => {
    const clock = new ManualClock();
    const test = await startTestBackend(resources, { clock });
    const order = await test.api.createOrder();
    const before = (await events(test)).length;
    const path = `/api/orders/${order.id}/payments`;
    const refusals: [string | undefined, unknown, number, string][] = [
      [order.customerToken, FOOD_PAYMENT, 403, ERROR_CODES.FORBIDDEN],
      [undefined, FOOD_PAYMENT, 401, ERROR_CODES.UNAUTHORIZED],
      [TEST_TOKENS.pos, { ...FOOD_PAYMENT, amount: 0 }, 400, ERROR_CODES.VALIDATION_FAILED],
      [TEST_TOKENS.pos, { ...FOOD_PAYMENT, amount: 12.5 }, 400, ERROR_CODES.VALIDATION_FAILED],
      [TEST_TOKENS.pos, { ...FOOD_PAYMENT, currency: 'eur' }, 400, ERROR_CODES.VALIDATION_FAILED],
      [TEST_TOKENS.pos, { ...FOOD_PAYMENT, type: 'tip' }, 400, ERROR_CODES.VALIDATION_FAILED],
      [TEST_TOKENS.pos, { ...FOOD_PAYMENT, qrExpiresAt: 'tomorrow' }, 400, ERROR_CODES.VALIDATION_FAILED],
      [TEST_TOKENS.pos, { ...FOOD_PAYMENT, qrExpiresAt: new Date(clock.now() - 1000).toISOString() }, 400, ERROR_CODES.VALIDATION_FAILED],
      [TEST_TOKENS.pos, { ...FOOD_PAYMENT, extra: 1 }, 400, ERROR_CODES.VALIDATION_FAILED],
    ];
    for (const [token, body, status, code] of refusals) {
      const answer = await test.api.post(path, token, body);
      expect({ body, status: answer.status, code: (answer.body as { code: string }).code }).toEqual({ body, status, code });
    }
    const unknown = await test.api.post('/api/orders/ord_nope/payments', TEST_TOKENS.pos, FOOD_PAYMENT);
    expect(unknown).toMatchObject({ status: 404, body: { code: ERROR_CODES.ORDER_NOT_FOUND } });
    expect(await events(test)).toHaveLength(before);

    await test.api.post(`/api/orders/${order.id}/transitions`, TEST_TOKENS.agent, { to: 'cancelled', reason: 'guest left' });
    const closed = await test.api.post(path, TEST_TOKENS.pos, FOOD_PAYMENT);
    expect(closed).toMatchObject({ status: 409, body: { code: ERROR_CODES.ORDER_CLOSED, details: { orderId: order.id, status: 'cancelled' } } });
  });
});

/**
 * Where a receipt's bytes live. SQLite: under DATA_DIR/receipts and nowhere in the database or its
 * WAL (a database full of photos makes every backup and checkpoint crawl). PostgreSQL: in the
 * database, so any backend process serves them, and not in the data dir.
 */
async function expectReceiptStored(test: TestBackend, paymentId: string, image: Uint8Array, marker: string): Promise<void> {
  const onDisk = join(test.dataDir, 'receipts', paymentId);
  if (usingPostgres()) {
    const rows = await queryTestDatabase<{ type: string; bytes: Buffer }>(test.dataDir, 'SELECT type, bytes FROM receipt_images WHERE payment_id = $1', [paymentId]);
    expect(rows.map((row) => ({ type: row.type, bytes: new Uint8Array(row.bytes) }))).toEqual([{ type: 'image/png', bytes: image }]);
    expect(existsSync(onDisk)).toBe(false);
    return;
  }
  expect(new Uint8Array(readFileSync(onDisk))).toEqual(image);
  for (const file of ['ticketrail.sqlite', 'ticketrail.sqlite-wal']) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(test.dataDir, file));
    } catch {
      continue;
    }
    expect(bytes.includes(Buffer.from(marker))).toBe(false);
  }
}

describe('payments: the receipt', () => {
  it('takes one image from the order\'s customer, keeps it where every backend reads it (SQLite: on disk) and serves it with a token', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const payment = await requestPayment(test, order.id);
    const image = pngBytes('receipt-7f3a-marker');

    const answer = await uploadReceipt(test, payment.id, order.customerToken, png(image));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ id: payment.id, status: 'receipt_uploaded', receiptUploaded: true, version: 2 });
    const event = (await events(test)).at(-1);
    expect(event).toMatchObject({
      type: 'payment.receipt_uploaded',
      paymentId: payment.id,
      orderId: order.id,
      from: 'requested',
      to: 'receipt_uploaded',
      amount: 3200,
      receiptUrl: `/api/payments/${payment.id}/receipt`,
      actor: { type: 'customer', id: order.id },
    });

    await expectReceiptStored(test, payment.id, image, 'receipt-7f3a-marker');

    // The receiptUrl needs a token: the order's customer, an agent or an admin.
    for (const token of [order.customerToken, TEST_TOKENS.agent, TEST_TOKENS.admin]) {
      const download = await downloadReceipt(test, payment.id, token);
      expect(download.status).toBe(200);
      expect(download.type).toBe('image/png');
      expect(download.bytes).toEqual(image);
      expect(download.headers.get('cache-control')).toContain('no-store');
      expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const other = await test.api.createOrder();
    expect((await downloadReceipt(test, payment.id, other.customerToken)).status).toBe(403);
    expect((await downloadReceipt(test, payment.id, TEST_TOKENS.pos)).status).toBe(403);
    expect((await downloadReceipt(test, payment.id, undefined)).status).toBe(401);
    const none = await requestPayment(test, order.id);
    const missing = await test.api.get(`/api/payments/${none.id}/receipt`, TEST_TOKENS.agent);
    expect(missing).toMatchObject({ status: 404, body: { code: ERROR_CODES.RECEIPT_NOT_FOUND } });
  });

  it('refuses another order\'s customer, staff roles other than admin, and no token', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const other = await test.api.createOrder();
    const payment = await requestPayment(test, order.id);
    for (const [token, status, code] of [
      [other.customerToken, 403, ERROR_CODES.FORBIDDEN],
      [TEST_TOKENS.pos, 403, ERROR_CODES.FORBIDDEN],
      [TEST_TOKENS.agent, 403, ERROR_CODES.FORBIDDEN],
      [undefined, 401, ERROR_CODES.UNAUTHORIZED],
      ['ct_forged', 401, ERROR_CODES.UNAUTHORIZED],
    ] as const) {
      const answer = await uploadReceipt(test, payment.id, token, png());
      expect({ token, status: answer.status, code: answer.body.code }).toEqual({ token, status, code });
    }
    const unknown = await uploadReceipt(test, 'pay_nope', order.customerToken, png());
    expect(unknown).toMatchObject({ status: 404, body: { code: ERROR_CODES.PAYMENT_NOT_FOUND } });
    // The admin may upload on a diner's behalf (a receipt handed over at the counter).
    expect((await uploadReceipt(test, payment.id, TEST_TOKENS.admin, png())).status).toBe(200);
  });

  it('recognises the image by its bytes: a PNG named .jpg as text/plain is a PNG; a text file named .png is refused', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();

    const misnamed = await requestPayment(test, order.id);
    const image = pngBytes('misnamed');
    const accepted = await uploadReceipt(test, misnamed.id, order.customerToken, [{ bytes: image, filename: 'photo.jpg', contentType: 'text/plain' }]);
    expect(accepted.status).toBe(200);
    expect((await downloadReceipt(test, misnamed.id, TEST_TOKENS.agent)).type).toBe('image/png');

    for (const [bytes, type] of [
      [jpegBytes(), 'image/jpeg'],
      [webpBytes(), 'image/webp'],
    ] as const) {
      const payment = await requestPayment(test, order.id);
      expect((await uploadReceipt(test, payment.id, order.customerToken, [{ bytes, filename: 'upload.bin', contentType: 'application/octet-stream' }])).status).toBe(200);
      expect((await downloadReceipt(test, payment.id, TEST_TOKENS.agent)).type).toBe(type);
    }

    const payment = await requestPayment(test, order.id);
    const before = (await events(test)).length;
    for (const part of [
      { bytes: new TextEncoder().encode('this is not a picture of a receipt'), filename: 'receipt.png', contentType: 'image/png' },
      { bytes: gifBytes(), filename: 'receipt.gif', contentType: 'image/gif' },
      { bytes: new Uint8Array(0), filename: 'empty.jpg', contentType: 'image/jpeg' },
    ]) {
      const refused = await uploadReceipt(test, payment.id, order.customerToken, [part]);
      expect({ file: part.filename, status: refused.status, code: refused.body.code }).toEqual({ file: part.filename, status: 415, code: ERROR_CODES.RECEIPT_TYPE_UNSUPPORTED });
    }
    expect(await events(test)).toHaveLength(before);
    expect((await test.api.get<{ status: string }>(`/api/payments/${payment.id}`, TEST_TOKENS.agent)).body.status).toBe('requested');
  });

  it('takes 5 MB and refuses one byte more with 413 RECEIPT_TOO_LARGE', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const largest = await requestPayment(test, order.id);
    expect((await uploadReceipt(test, largest.id, order.customerToken, png(pngBytes('largest', RECEIPT_LIMITS.maxBytes)))).status).toBe(200);

    const payment = await requestPayment(test, order.id);
    const before = (await events(test)).length;
    const refused = await uploadReceipt(test, payment.id, order.customerToken, png(pngBytes('too-large', RECEIPT_LIMITS.maxBytes + 1)));
    expect(refused).toMatchObject({ status: 413, body: { code: ERROR_CODES.RECEIPT_TOO_LARGE, details: { maxBytes: RECEIPT_LIMITS.maxBytes } } });
    expect(await events(test)).toHaveLength(before);
  });

  it('wants multipart with exactly one file', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const payment = await requestPayment(test, order.id);
    const json = await test.api.post(`/api/payments/${payment.id}/receipt`, order.customerToken, { image: 'base64…' });
    expect(json).toMatchObject({ status: 415, body: { code: ERROR_CODES.UNSUPPORTED_MEDIA_TYPE } });
    const none = await uploadReceipt(test, payment.id, order.customerToken, []);
    expect(none).toMatchObject({ status: 400, body: { code: ERROR_CODES.RECEIPT_MISSING } });
    const two = await uploadReceipt(test, payment.id, order.customerToken, [...png(), ...png()]);
    expect(two).toMatchObject({ status: 400, body: { code: ERROR_CODES.RECEIPT_MISSING } });
    // Multipart stays limited to this route: elsewhere it is still 415.
    const form = new FormData();
    form.append('type', 'food');
    const elsewhere = await fetch(`${test.api.baseUrl}/api/orders/${order.id}/payments`, { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKENS.pos}` }, body: form });
    expect(elsewhere.status).toBe(415);
  });

  it('refuses a receipt after qrExpiresAt with 409 PAYMENT_EXPIRED (by the backend clock)', async () => {
    const clock = new ManualClock();
    const test = await startTestBackend(resources, { clock });
    const order = await test.api.createOrder();
    const qrExpiresAt = new Date(clock.now() + 5 * 60_000).toISOString();
    const payment = await requestPayment(test, order.id, { qrExpiresAt });
    const onTime = await requestPayment(test, order.id, { qrExpiresAt });

    clock.advance(5 * 60_000);

    await clock.settled();
    // At the very instant of expiry a receipt is still on time.
    expect((await uploadReceipt(test, onTime.id, order.customerToken, png())).status).toBe(200);
    clock.advance(1);
    await clock.settled();
    const before = (await events(test)).length;
    const late = await uploadReceipt(test, payment.id, order.customerToken, png());
    expect(late).toMatchObject({ status: 409, body: { code: ERROR_CODES.PAYMENT_EXPIRED, details: { paymentId: payment.id, qrExpiresAt } } });
    expect(await events(test)).toHaveLength(before);
  });
});

describe('payments: verified or rejected by staff', () => {
  it('verifies once: a second verify is 409 with the allowed moves', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const payment = await requestPayment(test, order.id);
    const early = await verify(test, payment.id);
    expect(early).toMatchObject({ status: 409, body: { code: ERROR_CODES.PAYMENT_TRANSITION_INVALID, details: { from: 'requested', to: 'verified', allowed: ['receipt_uploaded'] } } });

    await uploadReceipt(test, payment.id, order.customerToken, png());
    const verified = await verify(test, payment.id);
    expect(verified).toMatchObject({ status: 200, body: { status: 'verified', version: 3 } });
    expect((await events(test)).at(-1)).toMatchObject({ type: 'payment.verified', paymentId: payment.id, from: 'receipt_uploaded', to: 'verified', actor: { type: 'agent' } });

    const before = (await events(test)).length;
    const twice = await verify(test, payment.id, TEST_TOKENS.admin);
    expect(twice).toMatchObject({ status: 409, body: { code: ERROR_CODES.PAYMENT_TRANSITION_INVALID, details: { from: 'verified', to: 'verified', allowed: [] } } });
    const late = await uploadReceipt(test, payment.id, order.customerToken, png());
    expect(late).toMatchObject({ status: 409, body: { code: ERROR_CODES.PAYMENT_TRANSITION_INVALID, details: { from: 'verified', allowed: [] } } });
    expect(await events(test)).toHaveLength(before);
  });

  it('rejects with a reason the diner sees; the diner may then upload another receipt', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const payment = await requestPayment(test, order.id);
    await uploadReceipt(test, payment.id, order.customerToken, png());
    expect(await reject(test, payment.id, undefined)).toMatchObject({ status: 400, body: { code: ERROR_CODES.VALIDATION_FAILED } });
    expect(await reject(test, payment.id, '  ')).toMatchObject({ status: 400, body: { code: ERROR_CODES.VALIDATION_FAILED } });

    const rejected = await reject(test, payment.id, 'amount does not match');
    expect(rejected).toMatchObject({ status: 200, body: { status: 'rejected', rejectReason: 'amount does not match' } });
    expect((await events(test)).at(-1)).toMatchObject({ type: 'payment.rejected', from: 'receipt_uploaded', to: 'rejected', reason: 'amount does not match' });
    const seen = await test.api.get(`/api/payments/${payment.id}`, order.customerToken);
    expect(seen.body).toMatchObject({ status: 'rejected', rejectReason: 'amount does not match' });

    expect(await reject(test, payment.id, 'again')).toMatchObject({ status: 409, body: { details: { from: 'rejected', allowed: ['receipt_uploaded'] } } });
    const again = await uploadReceipt(test, payment.id, order.customerToken, png(pngBytes('second')));
    expect(again).toMatchObject({ status: 200, body: { status: 'receipt_uploaded' } });
    expect(again.body).not.toHaveProperty('rejectReason');
    expect((await downloadReceipt(test, payment.id, TEST_TOKENS.agent)).bytes).toEqual(pngBytes('second'));
    expect((await verify(test, payment.id)).status).toBe(200);
  });

  it('lets agents and admins verify and reject, nobody else', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const payment = await requestPayment(test, order.id);
    await uploadReceipt(test, payment.id, order.customerToken, png());
    for (const token of [TEST_TOKENS.pos, order.customerToken]) {
      expect((await verify(test, payment.id, token)).status).toBe(403);
      expect((await reject(test, payment.id, 'no', token)).status).toBe(403);
    }
    expect((await test.api.post(`/api/payments/${payment.id}/verify`, undefined, {})).status).toBe(401);
    expect((await verify(test, 'pay_nope')).body).toMatchObject({ code: ERROR_CODES.PAYMENT_NOT_FOUND });
    expect((await reject(test, payment.id, 'blurry photo', TEST_TOKENS.admin)).status).toBe(200);
  });
});
