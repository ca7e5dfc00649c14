import { describe, expect, it } from 'vitest';
import type { FirstScreenData } from '../../common/first-screen.js';
import { AgentSettingsSchema, redactSettings } from '../../common/settings.js';
import { REVEAL } from '../state/reveal.js';
import { railOrder } from '../testing/orders.js';
import { renderBoardPage } from './board-page.js';
import { FIRST_SCREEN_DATA_ID, ROOT_ELEMENT } from './page-data.js';

const TEMPLATE = `<!doctype html><html><head><link rel="stylesheet" href="./assets/index.css"></head><body>${ROOT_ELEMENT}</body></html>`;
const RENDERED_AT = Date.parse('2026-12-01T12:00:00.000Z');
const ORDER_COUNT = REVEAL.firstCards + 10;

/** Orders created a minute apart, the oldest first, listed here newest first: the rail sorts them. */
function firstScreen(fontScale = 1): FirstScreenData {
  const orders = Array.from({ length: ORDER_COUNT }, (_, index) =>
    railOrder({ number: `N-${String(index).padStart(3, '0')}`, createdAt: new Date(RENDERED_AT - (ORDER_COUNT - index) * 60_000 - 5_000).toISOString() }),
  ).reverse();
  return { snapshot: { orders, connection: { mode: 'live', lastSeq: 1 }, stations: ['kitchen'] }, settings: { ...redactSettings(AgentSettingsSchema.parse({})), display: { ...AgentSettingsSchema.parse({}).display, fontScale } }, renderedAt: RENDERED_AT };
}

const cardNumbers = (page: string) => [...page.matchAll(/data-testid="order-card-([^"]+)"/g)].map((match) => match[1]);

describe("the agent's render of the board's first screen", () => {
  it('draws the first batch of cards, oldest first, with timers at the time of the render', () => {
    const page = renderBoardPage(TEMPLATE, firstScreen());
    expect(cardNumbers(page)).toEqual(Array.from({ length: REVEAL.firstCards }, (_, index) => `N-${String(index).padStart(3, '0')}`));
    // The oldest was created 40 minutes and 5 seconds before the render.
    expect(page).toMatch(new RegExp(`data-testid="elapsed-N-000"[^>]*>${ORDER_COUNT}:05<`));
    expect(page).toContain(`<script type="application/json" id="${FIRST_SCREEN_DATA_ID}">`);
  });

  it('carries the font scale as an attribute and has no style attribute, which the CSP would refuse', () => {
    const page = renderBoardPage(TEMPLATE, firstScreen(1.5));
    expect(page).toContain('data-font-scale="1.5"');
    expect(page).not.toMatch(/\sstyle=/);
  });
});
