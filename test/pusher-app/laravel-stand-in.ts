/**
 * A small Laravel-style app for pusher-app connector tests: what a Laravel app with broadcasting
 * gives a client. `POST /broadcasting/auth` (form-encoded `socket_id`, `channel_name`, as pusher-js
 * sends them) checks `Authorization: Bearer <token>` as Sanctum would and signs the subscription
 * with the app's Pusher secret (the `pusher` SDK's authorizeChannel, as Laravel's
 * PusherBroadcaster does); an unknown token is 403, as Laravel answers an unauthorized channel.
 * `broadcast()` triggers an event on the relay with the `pusher` SDK, as `broadcast(new
 * OrderReceived($order))` does.
 */
import PusherServer from 'pusher';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { RunningRelay } from '../../backend/relay/index.js';
import type { Resources } from '../integration/kitchen-harness.js';

export const LARAVEL_APP = { id: 'laravel-app', key: 'laravel-key', secret: 'laravel-secret-0123456789' };
export const SANCTUM_TOKEN = '7|sanctum-token-for-the-kitchen-pc';

export interface AuthRequest {
  authorization: string | undefined;
  socketId: string;
  channel: string;
}

export interface LaravelStandIn {
  url: string;
  authEndpoint: string;
  /** Every auth request, in order. */
  authRequests: AuthRequest[];
  /** Triggers an event on a channel through the relay, as the app's broadcaster does. */
  broadcast(channel: string, event: string, data: unknown): Promise<void>;
  /** Whether a client is subscribed to the channel (the Pusher HTTP API's `occupied`). */
  occupied(channel: string): Promise<boolean>;
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if ((request.headers['content-type'] ?? '').includes('application/json')) {
    const json = JSON.parse(text) as Record<string, string>;
    return new URLSearchParams(json);
  }
  return new URLSearchParams(text);
}

export async function startLaravelStandIn(resources: Resources, relay: RunningRelay, options: { vendorId?: number } = {}): Promise<LaravelStandIn> {
  const pusher = new PusherServer({ appId: LARAVEL_APP.id, key: LARAVEL_APP.key, secret: LARAVEL_APP.secret, host: relay.host, port: String(relay.port), useTLS: false });
  const authRequests: AuthRequest[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'POST' || request.url !== '/broadcasting/auth') {
        response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found' }));
        return;
      }
      const body = await bodyOf(request);
      const socketId = body.get('socket_id') ?? '';
      const channel = body.get('channel_name') ?? '';
      authRequests.push({ authorization: request.headers.authorization, socketId, channel });
      // routes/channels.php: Broadcast::channel('vendor-orders.{vendorId}', fn ($user, $vendorId) => $user->vendor_id == $vendorId)
      const allowed = request.headers.authorization === `Bearer ${SANCTUM_TOKEN}` && channel === `private-vendor-orders.${options.vendorId ?? 5}`;
      if (!allowed) {
        response.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'This action is unauthorized.' }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(pusher.authorizeChannel(socketId, channel)));
    })().catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const standIn: LaravelStandIn = {
    url,
    authEndpoint: `${url}/broadcasting/auth`,
    authRequests,
    async broadcast(channel, event, data) {
      await pusher.trigger(channel, event, data);
    },
    async occupied(channel) {
      const response = await pusher.get({ path: `/channels/${channel}` });
      return ((await response.json()) as { occupied?: boolean }).occupied === true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // pusher-js keeps its auth connection alive: close() would wait for it.
        server.closeAllConnections();
      }),
  };
  resources.add(() => standIn.close());
  return standIn;
}
