import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApiOptions } from '../../agent/local-api/local-api-server.js';
import { RENDERER_DIST } from '../../cli/build-if-stale.js';
import { renderBoardPage } from '../../renderer/first-screen/board-page.js';
import { FIRST_SCREEN_DATA_ID } from '../../renderer/first-screen/page-data.js';
import { ERROR_CODES } from '../../common/errors.js';
import { Api, eventually, Resources, sampleInput, startTestAgent, startTestBackend, tempDir, TEST_TOKENS } from './kitchen-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const BOARD_TOKEN = 'board-token-first-screen';
const builtPage = () => readFileSync(join(RENDERER_DIST, 'index.html'), 'utf8');

/** A real agent with one order on its rail, and its local API served with the options given. */
async function serveBoard(options: Partial<LocalApiOptions>) {
  const { backend } = await startTestBackend(resources);
  const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [], realtime: false });
  const order = (await new Api(backend.url).post<{ number: string }>('/api/orders', TEST_TOKENS.pos, sampleInput())).body;
  await eventually('the order in the agent', async () => ((await agent.api.getSnapshot()).orders.length === 1 ? true : undefined));
  const local = await startLocalApi(agent.api, { host: '127.0.0.1', port: 0, rendererDir: RENDERER_DIST, ...options });
  resources.add(() => local.close());
  return { url: local.url, number: order.number };
}

const page = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, body: await response.text() };
};

describe('the board page the agent serves', () => {
  it('holds the first screen, at / and /index.html, never cached, under the strict CSP', async () => {
    const { url, number } = await serveBoard({ boardPage: renderBoardPage });
    for (const path of ['/', '/index.html']) {
      const answer = await page(url + path);
      expect(answer.status, path).toBe(200);
      expect(answer.body, path).toContain(`data-testid="order-card-${number}"`);
      expect(answer.body, path).toContain(`id="${FIRST_SCREEN_DATA_ID}"`);
      expect(answer.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(answer.headers.get('cache-control'), path).toBe('no-store');
      expect(answer.headers.get('content-security-policy'), path).toContain("script-src 'self'");
    }
  });

  it('holds no orders for a request without the board token, when the agent has one', async () => {
    const { url, number } = await serveBoard({ boardPage: renderBoardPage, token: BOARD_TOKEN });
    for (const query of ['', '?token=wrong', `?token=${BOARD_TOKEN}x`]) {
      const answer = await page(`${url}/${query}`);
      expect(answer.status, query).toBe(200);
      expect(answer.body, query).toBe(builtPage());
    }
    expect((await page(`${url}/?token=${BOARD_TOKEN}`)).body).toContain(`data-testid="order-card-${number}"`);
  });

  it('is served as built, and the failure told, when the first screen cannot be rendered', async () => {
    const failures: unknown[] = [];
    const { url } = await serveBoard({
      boardPage: () => {
        throw new Error('render failed');
      },
      onBoardPageError: (error) => failures.push(error),
    });
    const answer = await page(`${url}/`);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(builtPage());
    expect(failures).toEqual([new Error('render failed')]);
  });

  it('is refused with a code, not an internal error, while the built board is missing', async () => {
    const { url } = await serveBoard({ boardPage: renderBoardPage, rendererDir: tempDir(resources) });
    const answer = await page(`${url}/`);
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: ERROR_CODES.NOT_FOUND, message: expect.stringContaining('npm run build:renderer') } });
  });

  it('is served as built without a renderer (the desktop app loads it from a file)', async () => {
    const { url } = await serveBoard({});
    expect((await page(`${url}/`)).body).toBe(builtPage());
  });
});
