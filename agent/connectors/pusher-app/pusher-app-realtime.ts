import type { Options } from 'pusher-js';
import { pusherEndpointOptions } from '../../util/pusher-channels.js';
import type { PusherAppSettings } from './pusher-app-settings.js';

/** pusher-js wants a cluster even when a host is given (the host wins): this placeholder then. */
const PLACEHOLDER_CLUSTER = 'mt1';

/**
 * pusher-js options for the app's Pusher: its cluster (TLS, as hosted Pusher wants) or its own
 * host and port (TLS unless `useTLS: false`), and — for private and presence channels — the auth
 * endpoint with the configured headers (a Laravel Sanctum bearer token, say), sent there only.
 */
export function pusherAppOptions(settings: PusherAppSettings): Options {
  const endpoint = pusherEndpointOptions({
    cluster: settings.cluster ?? PLACEHOLDER_CLUSTER,
    ...(settings.host ? { host: settings.host } : {}),
    ...(settings.port ? { port: settings.port } : {}),
    useTLS: settings.useTLS ?? true,
  });
  if (!settings.authEndpoint) return endpoint;
  return {
    ...endpoint,
    channelAuthorization: { endpoint: settings.authEndpoint, transport: 'ajax', headers: { ...settings.authHeaders } },
  };
}

/** The header a refusal of the auth endpoint is shown on: the first configured, else Authorization. */
export function authHeaderField(settings: PusherAppSettings): string {
  return Object.keys(settings.authHeaders ?? {})[0] ?? 'Authorization';
}
