import { describe, expect, it } from 'vitest';
import { createHttpKitchenApi, updatesUrl } from './http-kitchen-api.js';
import { KitchenApiError } from './kitchen-api-error.js';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(status: number, body: unknown, calls: Call[] = []): typeof fetch {
  return (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

const noSocket = () => {
  throw new Error('no socket in this test');
};

describe('createHttpKitchenApi', () => {
  it('POSTs the input as JSON to {prefix}/{method} with the bearer token and unwraps the value', async () => {
    const calls: Call[] = [];
    const api = createHttpKitchenApi('http://127.0.0.1:4801', 'tok', { fetch: fakeFetch(200, { ok: true, value: [] }, calls), createSocket: noSocket });
    await expect(api.printLog({ limit: 5 })).resolves.toEqual([]);
    expect(calls[0]?.url).toBe('http://127.0.0.1:4801/api/kitchen/printLog');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.body).toBe('{"limit":5}');
    expect((calls[0]?.init?.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it('sends {} for methods without input', async () => {
    const calls: Call[] = [];
    const api = createHttpKitchenApi('http://h', undefined, { fetch: fakeFetch(200, { ok: true, value: {} }, calls), createSocket: noSocket });
    await api.getSettings();
    expect(calls[0]?.init?.body).toBe('{}');
    expect((calls[0]?.init?.headers as Record<string, string>).authorization).toBeUndefined();
  });

  it('turns an error result into a KitchenApiError with code, message and details', async () => {
    const error = { code: 'VALIDATION_FAILED', message: 'bad settings', details: [{ path: ['realtime', 'port'], message: 'too big' }] };
    const api = createHttpKitchenApi('http://h', undefined, { fetch: fakeFetch(400, { ok: false, error }), createSocket: noSocket });
    const thrown = await api.saveSettings({}).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(KitchenApiError);
    expect(thrown).toMatchObject(error);
  });

  it('reports an unreachable agent and a non-result body as their own codes', async () => {
    const down = createHttpKitchenApi('http://h', undefined, {
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
      createSocket: noSocket,
    });
    await expect(down.getSnapshot()).rejects.toMatchObject({ code: 'AGENT_UNREACHABLE' });
    const proxy = createHttpKitchenApi('http://h', undefined, { fetch: fakeFetch(502, '<html>bad gateway</html>'), createSocket: noSocket });
    await expect(proxy.getSnapshot()).rejects.toMatchObject({ code: 'AGENT_BAD_RESPONSE' });
  });
});

describe('updatesUrl', () => {
  it('is ws:// (or wss://) on the same host, with the token as a query parameter', () => {
    expect(updatesUrl('http://127.0.0.1:4801')).toBe('ws://127.0.0.1:4801/api/kitchen/updates');
    expect(updatesUrl('https://kds.local', 'a b')).toBe('wss://kds.local/api/kitchen/updates?token=a+b');
  });
});
