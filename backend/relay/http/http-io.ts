/** Reading request bodies within a size cap and writing JSON answers and errors. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorBody } from '../../../common/errors.js';
import { RelayHttpError } from '../errors.js';

export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(new RelayHttpError('RELAY_ERR_BODY_TOO_LARGE', `limit ${maxBytes} bytes`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        reject(new RelayHttpError('RELAY_ERR_BODY_TOO_LARGE', `limit ${maxBytes} bytes`));
        // Keep draining (discarding) so the 413 can still be written on this connection.
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Error bodies follow the project-wide `{code, message}` shape; the pusher SDK exposes them as `error.body`. */
export function sendHttpError(res: ServerResponse, error: RelayHttpError): void {
  const body: ErrorBody = { code: error.code, message: error.message };
  sendJson(res, error.status, body);
}
