import { expect } from 'vitest';
import type { Payment, PaymentInput } from '../../common/payment.js';
import { TEST_TOKENS, WAIT_MS, type ApiResponse, type TestBackend } from './helpers.js';

/*
 * Receipt images by their first bytes, as a phone would send them, and the payment calls the
 * front-of-house tests make. Each image carries a marker, so a test can look for its bytes on disk
 * and make sure they are not in the database.
 */

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** `size` bytes starting with the PNG signature, then the marker, then filler. */
export function pngBytes(marker = 'receipt-marker', size = 256): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(PNG_SIGNATURE);
  bytes.set(new TextEncoder().encode(marker), PNG_SIGNATURE.length);
  return bytes;
}

export function jpegBytes(marker = 'jpeg-marker'): Uint8Array {
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new TextEncoder().encode(`JFIF\0${marker}`), 0xff, 0xd9]);
}

export function webpBytes(): Uint8Array {
  return new Uint8Array([...new TextEncoder().encode('RIFF'), 0x24, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 '), 0, 0, 0, 0]);
}

export function gifBytes(): Uint8Array {
  return new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
}

export interface UploadPart {
  bytes: Uint8Array;
  filename: string;
  /** What the browser claims; the backend must not believe it. */
  contentType: string;
}

/** POST /api/payments/:id/receipt as multipart/form-data with the given file parts. */
export async function uploadReceipt(test: TestBackend, paymentId: string, token: string | undefined, parts: UploadPart[]): Promise<ApiResponse<Payment & { code?: string; message?: string; details?: unknown }>> {
  const form = new FormData();
  for (const part of parts) form.append('receipt', new Blob([new Uint8Array(part.bytes)], { type: part.contentType }), part.filename);
  const response = await fetch(`${test.api.baseUrl}/api/payments/${paymentId}/receipt`, {
    method: 'POST',
    headers: token !== undefined ? { authorization: `Bearer ${token}` } : {},
    body: form,
    signal: AbortSignal.timeout(WAIT_MS),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Payment & { code?: string }, headers: response.headers };
}

export function png(bytes = pngBytes()): UploadPart[] {
  return [{ bytes, filename: 'receipt.png', contentType: 'image/png' }];
}

/** GET /api/payments/:id/receipt: the bytes and content type, or the error body. */
export async function downloadReceipt(test: TestBackend, paymentId: string, token: string | undefined): Promise<{ status: number; type: string | null; bytes: Uint8Array; headers: Headers }> {
  const response = await fetch(`${test.api.baseUrl}/api/payments/${paymentId}/receipt`, {
    headers: token !== undefined ? { authorization: `Bearer ${token}` } : {},
    signal: AbortSignal.timeout(WAIT_MS),
  });
  return { status: response.status, type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()), headers: response.headers };
}

export const FOOD_PAYMENT: PaymentInput = { type: 'food', amount: 3200, currency: 'EUR', qrPayload: 'upi://pay?pa=bistro@bank&am=32.00' };

/** POST /api/orders/:id/payments as the test POS; fails the test unless it answers 201. */
export async function requestPayment(test: TestBackend, orderId: string, input: Partial<PaymentInput> = {}): Promise<Payment> {
  const answer = await test.api.post<Payment>(`/api/orders/${orderId}/payments`, TEST_TOKENS.pos, { ...FOOD_PAYMENT, ...input });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

export function verify(test: TestBackend, paymentId: string, token: string = TEST_TOKENS.agent) {
  return test.api.post<Payment & { code?: string; details?: unknown }>(`/api/payments/${paymentId}/verify`, token, {});
}

export function reject(test: TestBackend, paymentId: string, reason: string | undefined, token: string = TEST_TOKENS.agent) {
  return test.api.post<Payment & { code?: string; details?: unknown }>(`/api/payments/${paymentId}/reject`, token, reason === undefined ? {} : { reason });
}
