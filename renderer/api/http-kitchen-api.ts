import { LOCAL_API, type KitchenApiMethod } from '../../common/kitchen-api-methods.js';
import type { KitchenApiOutput } from '../../common/kitchen-contract.js';
import type { BoardClient } from './board-client.js';
import { CLIENT_ERROR_CODES, isApiResult, KitchenApiError, unwrapResult } from './kitchen-api-error.js';
import { kitchenCalls } from './kitchen-calls.js';
import { createUpdateStream, type SocketLike } from './update-stream.js';
import { describeError } from '../../common/describe-error.js';

export interface HttpKitchenApiOptions {
  fetch?: typeof fetch;
  createSocket?: (url: string) => SocketLike;
}

/** `ws://host/…` for an `http://host` base, `wss://` for `https://`, with `?token=` when one is set. */
export function updatesUrl(baseUrl: string, token?: string): string {
  const url = new URL(LOCAL_API.updatesPath, baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

/**
 * The KitchenApi over the agent's local API: `POST {prefix}/{method}` with the input as JSON,
 * answered by an ApiResult; live updates over a reconnecting WebSocket.
 */
export function createHttpKitchenApi(baseUrl: string = location.origin, token?: string, options: HttpKitchenApiOptions = {}): BoardClient {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const stream = createUpdateStream({ url: updatesUrl(baseUrl, token), createSocket: options.createSocket });

  async function call<M extends KitchenApiMethod>(method: M, input: unknown): Promise<KitchenApiOutput<M>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(new URL(`${LOCAL_API.prefix}/${method}`, baseUrl), {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
      });
    } catch (error) {
      const reason = describeError(error);
      throw new KitchenApiError(CLIENT_ERROR_CODES.AGENT_UNREACHABLE, `Cannot reach the kitchen agent (${reason})`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (!isApiResult(body)) {
      throw new KitchenApiError(CLIENT_ERROR_CODES.AGENT_BAD_RESPONSE, `The kitchen agent answered HTTP ${response.status} without a result`);
    }
    return unwrapResult(body) as KitchenApiOutput<M>;
  }

  return {
    transport: 'http',
    ...kitchenCalls(call),
    subscribe: (listener) => stream.subscribe(listener),
    subscribeLink: (listener) => stream.subscribeLink(listener),
  };
}
