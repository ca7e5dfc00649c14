import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startLocalApi } from '../agent/local-api/local-api-server.js';
import { RENDERER_DIST } from '../cli/build-if-stale.js';
import { REVEAL } from '../renderer/state/reveal.js';
import { Api, Resources, eventually, sampleInput } from '../test/integration/kitchen-harness.js';
import { openBoard, startStack } from './stack.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

const CARDS = '[data-testid^="order-card-"]';

describe('a rail longer than the first batch of cards', () => {
  // The page npm start serves has the first screen drawn by the agent; the page as built (the
  // desktop app's, from a file) renders it itself. Both must show the first batch, then the rest.
  it.each([
    ['the page the agent serves', false],
    ['the page as built', true],
  ])('%s shows its first cards at once, then every card, oldest first; a new order appears at once after that', async (_page, asBuilt) => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const total = REVEAL.firstCards + REVEAL.cardsPerBatch + 5;
    const numbers: string[] = [];
    for (let i = 0; i < total; i++) numbers.push((await api.post<{ number: string }>('/api/orders', kitchen.tokens.pos, sampleInput())).body.number);
    await eventually('all orders in the agent', async () => ((await kitchen.agent!.api.getSnapshot()).orders.length === total ? true : undefined));

    let boardUrl = kitchen.boardUrl as string;
    if (asBuilt) {
      // The same agent's board without its first screen: a second local API without the renderer.
      const plain = await startLocalApi(kitchen.agent!.api, { host: '127.0.0.1', port: 0, rendererDir: RENDERER_DIST });
      resources.add(() => plain.close());
      boardUrl = plain.url;
    }
    const { page } = await openBoard(resources, boardUrl, {
      beforeGoto: async (p) => {
        // The page notes how many cards its first screen has: the served page's, complete once it is
        // parsed (the agent renders it), or else those of the board's first commit with any card.
        await p.addInitScript({
          content: `document.addEventListener('DOMContentLoaded', () => {
            const note = () => {
              const count = document.querySelectorAll('${CARDS}').length;
              if (count > 0) window.__firstScreenCards = count;
              return count > 0;
            };
            if (!note()) new MutationObserver((_, observer) => note() && observer.disconnect()).observe(document, { childList: true, subtree: true });
          });`,
        });
      },
    });
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid^="order-card-"]').length === count, total, { timeout: WAIT_BUDGET_MS });
    expect(await page.evaluate(() => (window as unknown as { __firstScreenCards: number }).__firstScreenCards)).toBe(REVEAL.firstCards);
    const shown = await page.locator(CARDS).evaluateAll((cards) => cards.map((card) => card.getAttribute('data-testid')));
    expect(shown).toEqual(numbers.map((number) => `order-card-${number}`));

    const late = (await api.post<{ number: string }>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    await page.getByTestId(`order-card-${late.number}`).waitFor({ timeout: WAIT_BUDGET_MS });
    expect(await page.locator(CARDS).count()).toBe(total + 1);
  });
});
