import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_API } from '../../common/kitchen-api.js';
import { Resources, TEST_TOKENS, eventually, startTestAgent, startTestBackend } from './kitchen-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

interface Seen {
  path: string;
  authorization: string | undefined;
}

/** A stranger's HTTP server on another port of this PC: records what reaches it, answers 401. */
async function startListener(): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: (req.headers as IncomingHttpHeaders).authorization });
    req.resume();
    res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'UNAUTHORIZED', message: 'who are you' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  resources.add(() => new Promise<void>((resolve) => server.close(() => resolve())));
  server.unref();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** A call to the agent's loopback API as any local process makes it: plain HTTP, no Origin. */
function callLocalApi(apiUrl: string, method: string, input: unknown): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(apiUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path: `${LOCAL_API.prefix}/${method}`, method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(input));
  });
}

describe('the agent token stays with its backend', () => {
  it('a local saveSettings that changes only backendUrl never gets the token sent to the new URL', async () => {
    const { backend } = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [], realtime: false, pollIntervalMs: 1000 });
    const stranger = await startListener();
    // The token works against its own backend before the move.
    expect(await callLocalApi(agent.localApiUrl, 'testConnection', {})).toMatchObject({ status: 200, body: expect.stringContaining('"ok":true') });

    const save = await callLocalApi(agent.localApiUrl, 'saveSettings', { backendUrl: stranger.url });
    expect(save.status).toBe(200);
    expect(JSON.parse(save.body)).toMatchObject({ ok: true, value: { backendUrl: stranger.url, agentTokenSet: false } });

    // Test connection goes out with the saved URL and token: the stranger is asked, and answers.
    const tested = await callLocalApi(agent.localApiUrl, 'testConnection', {});
    expect(JSON.parse(tested.body)).toMatchObject({ ok: true, value: { ok: false } });
    expect(stranger.seen.map((request) => request.path)).toContain('/api/agent/config');
    // And the sync engine, restarted for the new URL, polls it too.
    await eventually('the restarted sync engine polls the new URL', () => (stranger.seen.some((request) => request.path.startsWith('/api/events')) ? true : undefined));

    for (const request of stranger.seen) expect(request.authorization ?? '').not.toContain(TEST_TOKENS.agent);
    expect(JSON.stringify(await agent.api.getSettings())).not.toContain(TEST_TOKENS.agent);
  });
});
