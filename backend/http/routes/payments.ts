import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { dinerPaymentOf } from '../../../common/diner.js';
import { CodedError, ERRORS } from '../../../common/errors.js';
import { PAYMENT_ROUTES } from '../../../common/api/routes/payments.js';
import { RECEIPT_LIMITS, sniffReceiptImage } from '../../../common/receipt-image.js';
import { idempotencyScopeOf, replayableAnswer } from '../idempotency-key.js';
import type { PaymentService, ReceiptImage } from '../../services/payments.js';
import type { RequestGate } from '../auth.js';
import { assertOwnOrder } from '../customer-access.js';
import { actorOf, addRoute } from '../route.js';

const MAX_MB = RECEIPT_LIMITS.maxBytes / (1024 * 1024);

function tooLarge(): CodedError {
  return new CodedError(ERRORS.RECEIPT_TOO_LARGE, `a receipt image may be at most ${MAX_MB} MB`, { maxBytes: RECEIPT_LIMITS.maxBytes });
}

function oneFile(message: string): CodedError {
  return new CodedError(ERRORS.RECEIPT_MISSING, message);
}

function malformed(): CodedError {
  return new CodedError(ERRORS.MULTIPART_MALFORMED);
}

/** @fastify/multipart's refusals, by code, as the receipt route's own. */
function multipartRefusal(error: unknown): CodedError | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge();
    case 'FST_FILES_LIMIT':
      return oneFile('send exactly one image file');
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return oneFile('send one image file and nothing else');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new CodedError(ERRORS.UNSUPPORTED_MEDIA_TYPE, 'send the receipt as multipart/form-data');
    default:
      return undefined;
  }
}

/**
 * The one image of a multipart body, read into memory (at most 5 MB) and recognised by its first
 * bytes: a PNG named .jpg and sent as text/plain is a PNG; a text file named .png is refused.
 */
async function readReceipt(request: FastifyRequest): Promise<ReceiptImage> {
  if (!request.isMultipart()) throw new CodedError(ERRORS.UNSUPPORTED_MEDIA_TYPE, 'send the receipt as multipart/form-data with one image file');
  let bytes: Buffer | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      if (bytes !== undefined) throw oneFile('send exactly one image file');
      bytes = await part.toBuffer();
    }
  } catch (error) {
    if (error instanceof CodedError) throw error;
    // Whatever else the parser throws (no boundary, a body cut short, broken part headers) is the
    // body's fault, not the server's: busboy's errors carry no code, so they are told apart from
    // the limits above by having none of theirs.
    throw multipartRefusal(error) ?? malformed();
  }
  if (bytes === undefined) throw oneFile('the upload holds no file: send one image file');
  const type = sniffReceiptImage(bytes);
  if (!type) {
    throw new CodedError(ERRORS.RECEIPT_TYPE_UNSUPPORTED, 'a receipt must be a JPEG, PNG or WebP image', { accepted: ['image/jpeg', 'image/png', 'image/webp'] });
  }
  return { type, bytes };
}

export async function registerPaymentRoutes(app: FastifyInstance, gate: RequestGate, payments: PaymentService): Promise<void> {
  addRoute(
    app,
    gate,
    PAYMENT_ROUTES.request,
    async ({ params, body, principal, location, request, reply }) =>
      replayableAnswer(reply, await payments.request(location, params.id, body, actorOf(principal), idempotencyScopeOf(request, principal))),
  );

  addRoute(app, gate, PAYMENT_ROUTES.get, async ({ params, principal, location }) => {
    const { payment } = await payments.get(location, params.id);
    assertOwnOrder(principal, payment.orderId);
    return principal.kind === 'customer' ? dinerPaymentOf(payment) : payment;
  });

  addRoute(app, gate, PAYMENT_ROUTES.receipt, async ({ params, principal, location, reply }) => {
    const stored = await payments.get(location, params.id);
    assertOwnOrder(principal, stored.payment.orderId);
    const receipt = await payments.receipt(stored);
    // A photo of someone's bank transfer: never cached, never run as anything but an image.
    void reply
      .type(receipt.type)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox");
    return receipt.bytes;
  });

  addRoute(app, gate, PAYMENT_ROUTES.verify, ({ params, principal, location }) => payments.verify(location, params.id, actorOf(principal)));

  addRoute(app, gate, PAYMENT_ROUTES.reject, ({ params, body, principal, location }) => payments.reject(location, params.id, body.reason, actorOf(principal)));

  // Multipart is parsed for the upload route alone: every other route takes JSON and answers 415 otherwise.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: RECEIPT_LIMITS.maxBytes, files: 1, fields: 8, parts: 9, fieldSize: 1024, headerPairs: 100 },
    });
    addRoute(scope, gate, PAYMENT_ROUTES.uploadReceipt, async ({ params, principal, location, request }) => {
      const stored = await payments.get(location, params.id);
      assertOwnOrder(principal, stored.payment.orderId);
      // Refused before the upload is read: a diner with an expired QR need not wait for 5 MB, and
      // forty uploads racing for one payment are not forty 5 MB buffers (one is read at a time).
      const release = payments.reserveReceiptUpload(stored);
      try {
        const image = await readReceipt(request);
        const payment = await payments.attachReceipt(location, params.id, image, actorOf(principal));
        return principal.kind === 'customer' ? dinerPaymentOf(payment) : payment;
      } finally {
        release();
      }
    });
  });
}
