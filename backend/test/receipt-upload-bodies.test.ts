import { request as httpRequest, type ClientRequest } from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { RECEIPTS_DIR } from '../services/receipt-store.js';
import { png, pngBytes, requestPayment, uploadReceipt } from './front-of-house.js';
import { Resources, TEST_TOKENS, WAIT_MS, eventually, startTestBackend, type TestBackend } from './helpers.js';

/**
 * Issue 17, items 6 and 9: a multipart body without a boundary or cut short is the client's fault
 * (400 with a code, never 500), and uploads racing for one payment are refused before their bodies
 * are read, so forty 5 MB uploads are not forty 5 MB buffers and temp files.
 */
const resources = new Resources();
afterEach(() => resources.closeAll());

interface Answer {
  status: number;
  body: { code?: string; status?: string };
}

function readAnswer(request: ClientRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer')), WAIT_MS);
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as Answer['body']) : {} });
      });
    });
  });
}

/** A raw POST of `body` with this content type (and a content-length that matches it). */
function postRaw(test: TestBackend, path: string, token: string, contentType: string, body: Buffer): Promise<Answer> {
  const request = httpRequest(`${test.api.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'content-length': body.length },
  });
  const answer = readAnswer(request);
  request.end(body);
  return answer;
}

const BOUNDARY = 'receipt-boundary';
const partHead = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="receipt"; filename="r.png"\r\nContent-Type: image/png\r\n\r\n`,
  'latin1',
);
const partEnd = Buffer.from(`\r\n--${BOUNDARY}--\r\n`, 'latin1');

describe('receipt upload: malformed multipart bodies', () => {
  it('answers 400 MULTIPART_MALFORMED, not 500, and records nothing', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const payment = await requestPayment(test, order.id);
    const path = `/api/payments/${payment.id}/receipt`;
    const image = Buffer.from(pngBytes());

    const cases: [string, string, Buffer][] = [
      ['no boundary', 'multipart/form-data', Buffer.concat([partHead, image, partEnd])],
      ['an empty boundary', 'multipart/form-data; boundary=', Buffer.concat([partHead, image, partEnd])],
      ['cut short inside the file', `multipart/form-data; boundary=${BOUNDARY}`, Buffer.concat([partHead, image])],
      ['cut short inside the part headers', `multipart/form-data; boundary=${BOUNDARY}`, partHead.subarray(0, 30)],
      ['no multipart inside', `multipart/form-data; boundary=${BOUNDARY}`, Buffer.from('hello, this is not multipart')],
    ];
    for (const [name, contentType, body] of cases) {
      const answer = await postRaw(test, path, order.customerToken, contentType, body);
      expect({ name, status: answer.status, code: answer.body.code }).toEqual({ name, status: 400, code: ERROR_CODES.MULTIPART_MALFORMED });
    }
    expect((await test.api.get<{ status: string }>(`/api/payments/${payment.id}`, order.customerToken)).body.status).toBe('requested');
    // The complete body still goes through.
    const whole = await postRaw(test, path, order.customerToken, `multipart/form-data; boundary=${BOUNDARY}`, Buffer.concat([partHead, image, partEnd]));
    expect(whole).toMatchObject({ status: 200, body: { status: 'receipt_uploaded' } });
  });
});

describe('receipt upload: one at a time per payment', () => {
  it('refuses uploads racing for one payment before reading their bodies, and takes the first', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const payment = await requestPayment(test, order.id);
    const url = `${test.api.baseUrl}/api/payments/${payment.id}/receipt`;
    const image = Buffer.from(pngBytes('first-receipt', 64 * 1024));
    const body = Buffer.concat([partHead, image, partEnd]);
    const headers = { authorization: `Bearer ${order.customerToken}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': body.length };

    // The first upload sends its headers and part of its body, then waits: it holds the slot.
    const first = httpRequest(url, { method: 'POST', headers });
    const firstAnswer = readAnswer(first);
    first.write(body.subarray(0, partHead.length + 1024));
    // Until the first holds the slot, a complete (broken) probe gets its own 400; then 409.
    await eventually('the first upload to hold the slot', async () => {
      const probe = await postRaw(test, `/api/payments/${payment.id}/receipt`, order.customerToken, headers['content-type'], partHead);
      return probe.status === 409 ? probe : undefined;
    });

    // The others send their headers and a first chunk only: the 409 comes without the rest.
    const racers = Array.from({ length: 5 }, () => {
      const racer = httpRequest(url, { method: 'POST', headers });
      const answer = readAnswer(racer);
      racer.write(body.subarray(0, partHead.length + 1024));
      return { racer, answer };
    });
    const refused = await Promise.all(racers.map(({ answer }) => answer));
    for (const { racer } of racers) racer.destroy();
    expect(refused.map((answer) => answer.status)).toEqual([409, 409, 409, 409, 409]);
    expect(refused.every((answer) => answer.body.code === ERROR_CODES.RECEIPT_UPLOAD_IN_PROGRESS)).toBe(true);
    // Nothing of theirs was stored (on SQLite: not even staged on disk).
    const staged = (): string[] => (existsSync(join(test.dataDir, RECEIPTS_DIR)) ? readdirSync(join(test.dataDir, RECEIPTS_DIR)) : []);
    expect(staged()).toEqual([]);
    expect((await test.api.get(`/api/payments/${payment.id}/receipt`, TEST_TOKENS.agent)).status).toBe(404);

    first.end(body.subarray(partHead.length + 1024));
    expect(await firstAnswer).toMatchObject({ status: 200, body: { status: 'receipt_uploaded' } });
    const stored = await fetch(`${test.api.baseUrl}/api/payments/${payment.id}/receipt`, { headers: { authorization: `Bearer ${TEST_TOKENS.agent}` } });
    expect(Buffer.from(await stored.arrayBuffer()).equals(image)).toBe(true);
  });

  it('frees the slot when an upload fails, so the diner can send again', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const payment = await requestPayment(test, order.id);
    const broken = await postRaw(test, `/api/payments/${payment.id}/receipt`, order.customerToken, `multipart/form-data; boundary=${BOUNDARY}`, partHead);
    expect(broken.status).toBe(400);
    expect((await uploadReceipt(test, payment.id, order.customerToken, png())).status).toBe(200);
  });
});
