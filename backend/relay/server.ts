/** startRelay: the relay on its own http.Server and port. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_HOST } from './limits.js';
import { sendHttpError } from './http/http-io.js';
import { RelayHttpError } from './errors.js';
import { createRelay } from './relay.js';
import type { RelayOptions, RunningRelay } from './types.js';

/** IPv6 literals need brackets inside a URL. */
function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const relay = createRelay(options);
  const host = options.host ?? DEFAULT_HOST;
  const server = createServer((req, res) => {
    if (!relay.handleRequest(req, res)) sendHttpError(res, new RelayHttpError('RELAY_ERR_ROUTE_NOT_FOUND', req.url));
  });
  server.on('upgrade', (req, socket, head: Buffer) => {
    if (!relay.handleUpgrade(req, socket, head)) socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    port,
    host,
    url: `http://${urlHost(host)}:${port}`,
    stats: () => relay.stats(),
    triggerBatch: (appId, batch) => relay.triggerBatch(appId, batch),
    close() {
      closing ??= (async () => {
        await relay.close();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        // Idle keep-alive HTTP connections (e.g. the pusher SDK's) would otherwise hold close() open.
        server.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}
