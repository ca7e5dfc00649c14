import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Resources } from './kitchen-harness.js';

export interface HoldingProxy {
  url: string;
  /** Requests that matched and were held so far. */
  readonly held: number;
  /** Requests the backend has answered so far, in order (even those whose client gave up waiting). */
  readonly backendAnswered: readonly { method: string; url: string; idempotencyKey?: string }[];
  /** Resolves once every request received so far has been answered (the answer fully written). */
  idle(): Promise<void>;
}

/**
 * A plain HTTP forwarder in front of the backend that holds matching requests for `holdMs` before
 * passing them on: a slow network, so a test can act while the agent waits for an answer.
 */
export async function startHoldingProxy(resources: Resources, target: string, hold: { match: (req: IncomingMessage) => boolean; holdMs: number }): Promise<HoldingProxy> {
  const { hostname, port } = new URL(target);
  let held = 0;
  const backendAnswered: { method: string; url: string; idempotencyKey?: string }[] = [];
  const answering = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const answered = new Promise<void>((resolve) => res.once('close', resolve));
    answering.add(answered);
    void answered.then(() => answering.delete(answered));
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const matched = hold.match(req);
      if (matched) held += 1;
      setTimeout(
        () => {
          const upstream = request({ host: hostname, port, path: req.url, method: req.method, headers: { ...req.headers, host: `${hostname}:${port}` } }, (answer) => {
            const key = req.headers['idempotency-key'];
            backendAnswered.push({ method: req.method ?? '', url: req.url ?? '', ...(typeof key === 'string' ? { idempotencyKey: key } : {}) });
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          });
          upstream.on('error', () => res.destroy());
          upstream.end(Buffer.concat(chunks));
        },
        matched ? hold.holdMs : 0,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  resources.add(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get held() {
      return held;
    },
    get backendAnswered() {
      return backendAnswered;
    },
    async idle() {
      await Promise.all([...answering]);
    },
  };
}
