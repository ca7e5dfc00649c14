import { createServer, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { startLocalApi } from '../../agent/local-api/local-api-server.js';
import { RENDERER_DIST } from '../../cli/build-if-stale.js';
import { ERROR_CODES } from '../../common/errors.js';
import { LOCAL_API, type BoardUpdate } from '../../common/kitchen-api.js';
import { launchBrowser } from '../browser.js';
import { Resources, startTestAgent, startTestBackend } from './kitchen-harness.js';
import { WAIT_BUDGET_MS } from '../wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());


interface Answer {
  status: number;
  body: string;
}

/** A raw HTTP request, so the test sets Host and Origin exactly as a browser under attack would. */
function send(url: string, path: string, headers: OutgoingHttpHeaders, body?: string): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const post = (url: string, method: string, headers: OutgoingHttpHeaders, body = '{}') =>
  send(url, `${LOCAL_API.prefix}/${method}`, { 'content-type': 'application/json', ...headers }, body);

/** Opens the updates socket; answers the first message's type, or the HTTP status it was refused with. */
function openUpdates(url: string, options: { origin?: string; headers?: Record<string, string>; token?: string } = {}): Promise<string | number> {
  return new Promise((resolvePromise, reject) => {
    const ws = new WebSocket(url.replace('http', 'ws') + LOCAL_API.updatesPath + (options.token ? `?token=${options.token}` : ''), {
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    });
    ws.once('message', (data) => {
      resolvePromise((JSON.parse(String(data)) as BoardUpdate).type);
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => {
      resolvePromise(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

async function startAgent() {
  const { backend } = await startTestBackend(resources);
  const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [], realtime: false });
  const port = new URL(agent.localApiUrl).port;
  return { agent, backend, port };
}

describe('local API on loopback: Host and Origin', () => {
  it('refuses a DNS-rebinding Host over HTTP and WebSocket, and saves nothing', async () => {
    const { agent, backend, port } = await startAgent();
    const rebound = { host: `attacker.example:${port}` };

    const save = await post(agent.localApiUrl, 'saveSettings', rebound, JSON.stringify({ backendUrl: 'http://attacker.example' }));
    expect(save.status).toBe(403);
    expect(JSON.parse(save.body)).toMatchObject({ ok: false, error: { code: ERROR_CODES.ORIGIN_FORBIDDEN } });
    expect(agent.settings.get().backendUrl).toBe(backend.url);

    expect((await post(agent.localApiUrl, 'getSnapshot', rebound)).status).toBe(403);
    expect((await send(agent.localApiUrl, '/', rebound)).status).toBe(403);
    // Same name, another port: still not this API.
    expect((await post(agent.localApiUrl, 'getSnapshot', { host: '127.0.0.1:1' })).status).toBe(403);
    await expect(openUpdates(agent.localApiUrl, { headers: rebound })).resolves.toBe(403);
  });

  it("refuses another site's page (and the opaque null origin) but not the API's own origins", async () => {
    const { agent, port } = await startAgent();
    for (const origin of ['http://evil.example', 'null', `https://127.0.0.1:${port}`, `http://127.0.0.1:${Number(port) + 1}`]) {
      const answer = await post(agent.localApiUrl, 'getSnapshot', { origin });
      expect(answer.status, origin).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: ERROR_CODES.ORIGIN_FORBIDDEN } });
      await expect(openUpdates(agent.localApiUrl, { origin }), origin).resolves.toBe(403);
    }

    // No Origin at all: Node, curl, the CLI.
    expect((await post(agent.localApiUrl, 'getSnapshot', {})).status).toBe(200);
    await expect(openUpdates(agent.localApiUrl)).resolves.toBe('snapshot');
    // The board served here, under any loopback name the API answers to.
    expect((await post(agent.localApiUrl, 'getSnapshot', { origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await post(agent.localApiUrl, 'getSnapshot', { host: `localhost:${port}`, origin: `http://LOCALHOST:${port}` })).status).toBe(200);
    await expect(openUpdates(agent.localApiUrl, { origin: `http://127.0.0.1:${port}` })).resolves.toBe('snapshot');
  });

  it('off loopback keeps the token and accepts any LAN name, but only same-origin pages', async () => {
    const { agent } = await startAgent();
    const lan = await startLocalApi(agent.api, { host: '0.0.0.0', port: 0, token: 'board-token-123' });
    resources.add(() => lan.close());
    const url = `http://127.0.0.1:${lan.port}`;
    const host = `kitchen-pc.local:${lan.port}`;
    const auth = { authorization: 'Bearer board-token-123' };

    expect((await post(url, 'getSnapshot', { host })).status).toBe(401);
    expect((await post(url, 'getSnapshot', { host, ...auth })).status).toBe(200);
    expect((await post(url, 'getSnapshot', { host, origin: `http://${host}`, ...auth })).status).toBe(200);
    expect((await post(url, 'getSnapshot', { host, origin: 'http://evil.example', ...auth })).status).toBe(403);
    await expect(openUpdates(url, { token: 'board-token-123', headers: { host } })).resolves.toBe('snapshot');
    await expect(openUpdates(url, { token: 'board-token-123', origin: 'http://evil.example', headers: { host } })).resolves.toBe(403);
  });
});

describe('local API from Chromium', () => {
  it('serves its own page, while a page of another origin on the same PC cannot read the order feed', async () => {
    const { agent } = await startAgent();
    const local = await startLocalApi(agent.api, { host: '127.0.0.1', port: 0, rendererDir: RENDERER_DIST });
    resources.add(() => local.close());

    // Another site the kitchen PC happens to have open, on another local port.
    const other = createServer((_req, res) => res.end('<!doctype html><title>other</title>'));
    // It accepts WebSockets: were the board's policy to let one through, it would open.
    const otherSockets = new WebSocketServer({ server: other });
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
    resources.add(() => new Promise((done) => other.close(done)));
    resources.add(() => new Promise((done) => otherSockets.close(done)));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;

    const browser = await launchBrowser();
    resources.add(() => browser.close());
    const page = await browser.newPage();
    // What the board does (renderer/api/http-kitchen-api.ts): POST JSON, then the updates socket.
    const probe = (base: string) =>
      page.evaluate(async (apiBase: string) => {
        const call = await fetch(`${apiBase}/api/kitchen/getSnapshot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(
          (response) => response.status,
          () => 'blocked',
        );
        const feed = await new Promise<string>((done) => {
          // window.WebSocket: the bare name is this module's `ws` import once vitest transforms it.
          const socket = new window.WebSocket(`${apiBase.replace('http', 'ws')}/api/kitchen/updates`);
          socket.onmessage = (event: MessageEvent) => {
            done(String(JSON.parse(String(event.data)).type));
            socket.close();
          };
          socket.onerror = () => done('refused');
        });
        return { call, feed };
      }, base);

    await page.goto(`${local.url}/api/kitchen/`);
    await expect(probe(local.url)).resolves.toEqual({ call: 200, feed: 'snapshot' });

    await page.goto(otherUrl);
    // The POST is a CORS request that the browser blocks from reading; the socket is refused outright.
    await expect(probe(local.url)).resolves.toEqual({ call: 'blocked', feed: 'refused' });

    // The real board (built by test/global-setup.ts), served by the API, still gets its snapshot and keeps its feed open.
    await page.goto(local.url);
    await page.locator('[data-testid="connection-banner"][data-stale="false"]').waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(page.getByTestId('connection-banner').getAttribute('data-mode')).resolves.toBe(agent.sync.connection.mode);
    // Its CSP lets the page talk to this origin only: a socket to any other port is refused.
    const violation = await page.evaluate(
      (target: string) =>
        new Promise<string>((done) => {
          // Only the violation for this socket counts: the page may report others of its own.
          document.addEventListener('securitypolicyviolation', (event) => {
            if (event.blockedURI.startsWith(target.replace(/\/$/, ''))) done(event.effectiveDirective);
          });
          try {
            // An open socket is the sign the policy let it through: no wall-clock guess that nothing came.
            new window.WebSocket(target).onopen = () => done('allowed');
          } catch (error) {
            done(`threw ${(error as Error).name}`);
          }
        }),
      otherUrl.replace('http', 'ws'),
    );
    expect(violation).toBe('connect-src');
  });
});
