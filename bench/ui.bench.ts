import '../cli/react-production.js';
/**
 * Board benchmark (`npm run bench:ui`): with 300 active orders in the agent's cache, the time to the
 * first render of the rail in Chromium (on screen, and every card in the DOM), and the time from `POST /api/orders` returning to the
 * order's card being in the DOM at 10 orders/s; and on the customer screen (/screen), bump → number in
 * Ready (bench/lib/screen-ready-row.ts); and a station bump tapped on one board → the chip on a
 * second board (bench/lib/station-bump-rows.ts, issue 19).
 *
 * BENCH_PARTS=first-render,order-card,screen,stations (the default: all four) runs some parts
 * alone; the 300 active orders are on the rail whichever run.
 *
 * First renders are measured side by side in one run, alternating cold starts: the page with the
 * first screen drawn by the agent (as `npm start` serves it), and the same agent's page as built (a
 * second local API without the renderer: what the desktop app loads from a file starts the same way).
 *
 * Both clocks are the machine's wall clock with sub-millisecond resolution
 * (`performance.timeOrigin + performance.now()` in Node and in the page).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalApi } from '../agent/local-api/local-api-server.js';
import { isLanguage } from '../common/i18n/languages.js';
import { startAllInOne } from '../cli/all-in-one.js';
import { buildBoardIfStale, RENDERER_DIST } from '../cli/build-if-stale.js';
import { sampleOrder, seededRandom } from '../backend/sample-orders.js';
import { launchBrowser } from '../test/browser.js';
import { percentile, reportBench, type BenchRow } from './lib/report.js';
import { screenReadyRows } from './lib/screen-ready-row.js';
import { stationChipRows } from './lib/station-bump-rows.js';

const PARTS = new Set((process.env.BENCH_PARTS ?? 'first-render,order-card,screen,stations').split(',').map((part) => part.trim()));

const ACTIVE_ORDERS = 300;
const RATE_PER_SECOND = 10;
const MEASURED_ORDERS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const wallClock = () => performance.timeOrigin + performance.now();
/** First renders are measured in this many fresh browsers: a counter PC opens the board cold. */
const COLD_STARTS = 5;
const VIEWPORT = { width: 1920, height: 1080 };

interface FirstRender {
  /** The rail's cards reach past the bottom of the window, in a frame (painted next). */
  railOnScreenMs: number;
  /** Every active order has its card in the DOM (the rest come after the first screen, renderer/state/reveal.ts). */
  allCardsMs: number;
  /** Chromium's largest contentful paint: when the cards were really painted. */
  paintedMs: number;
  /** The first card is React's (hydrated, or rendered by the page): its buttons work from here. */
  liveMs: number;
}

/**
 * One cold start in a fresh browser, measured by the page itself from navigation start: a frame
 * loop installed before any of the board's code runs notes both moments. (Polling from here would
 * start only once page.goto() returns, and added up to ~250 ms.)
 */
async function measureColdStart(boardUrl: string): Promise<FirstRender> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.addInitScript({
      // Source text: a function here would be transpiled with helpers the page lacks.
      content: `(() => {
        const marks = (window.__firstRender = {});
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) marks.paintedMs = entry.startTime;
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        // React keeps its fiber on each element it owns (a React internal, read here only).
        const isReacts = (element) => Object.keys(element).some((key) => key.startsWith('__reactFiber$'));
        const frame = () => {
          const cards = document.querySelectorAll('[data-testid^="order-card-"]');
          const last = cards[cards.length - 1];
          if (marks.railOnScreenMs === undefined && last && last.getBoundingClientRect().top >= innerHeight) marks.railOnScreenMs = performance.now();
          if (marks.liveMs === undefined && cards[0] && isReacts(cards[0])) marks.liveMs = performance.now();
          if (cards.length >= ${ACTIVE_ORDERS}) marks.allCardsMs = performance.now();
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      })();`,
    });
    await page.goto(boardUrl);
    const marks = await page.waitForFunction(
      () => {
        const marks = (window as unknown as { __firstRender: Partial<FirstRender> }).__firstRender;
        return marks.allCardsMs !== undefined ? marks : false;
      },
      undefined,
      { timeout: 30_000 },
    );
    return (await marks.jsonValue()) as FirstRender;
  } finally {
    await browser.close();
  }
}

const median = (values: number[]) => percentile(values, 50);

/** One first-render figure for both pages, and how the agent's first screen compares (built / drawn). */
function firstRenderRow(measure: string, drawn: FirstRender[], built: FirstRender[], pick: (start: FirstRender) => number, summary: (...values: number[]) => number = (...values) => median(values)): BenchRow {
  const withFirstScreen = summary(...drawn.map(pick));
  const asBuilt = summary(...built.map(pick));
  return { measure, 'first screen by the agent': withFirstScreen, 'page as built': asBuilt, ratio: asBuilt / withFirstScreen };
}

async function main(): Promise<void> {
  await buildBoardIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'ticketrail-bench-ui-'));
  const kitchen = await startAllInOne({
    dataDir: dir,
    ports: { board: 0, backend: 0, relay: 0, printer: 0 },
    rendererDir: RENDERER_DIST,
    logLevel: 'silent',
    agentLogger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  const browser = await launchBrowser();
  const random = seededRandom(42);
  const post = async () => {
    const response = await fetch(`${kitchen.backend.url}/api/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${kitchen.tokens.pos}`, 'content-type': 'application/json' },
      body: JSON.stringify(sampleOrder(random)),
    });
    const returnedAt = wallClock();
    return { order: (await response.json()) as { id: string; number: string }, returnedAt };
  };
  try {
    for (let i = 0; i < ACTIVE_ORDERS; i++) await post();
    const agent = kitchen.agent!;
    while ((await agent.api.getSnapshot()).orders.length < ACTIVE_ORDERS) await sleep(50);
    // BENCH_UI_LANGUAGE=ar measures a board in another language (its file is a chunk of its own).
    const language = process.env.BENCH_UI_LANGUAGE;
    if (language && isLanguage(language)) await agent.api.saveSettings({ display: { ...(await agent.api.getSettings()).display, language } });

    const starts: FirstRender[] = [];
    const builtStarts: FirstRender[] = [];
    if (PARTS.has('first-render')) {
      const asBuilt = await startLocalApi(agent.api, { host: '127.0.0.1', port: 0, rendererDir: RENDERER_DIST });
      try {
        for (let i = 0; i < COLD_STARTS; i++) {
          starts.push(await measureColdStart(kitchen.boardUrl as string));
          builtStarts.push(await measureColdStart(asBuilt.url));
        }
      } finally {
        await asBuilt.close();
      }
    }
    const latencies = PARTS.has('order-card') ? await orderToCard(browser, kitchen.boardUrl as string, post) : [];
    const screenRows = PARTS.has('screen') ? await screenReadyRows(browser, { backendUrl: kitchen.backend.url, boardUrl: kitchen.boardUrl as string, post, agentToken: kitchen.tokens.agent }) : [];
    const stationRows = PARTS.has('stations') ? await stationChipRows(browser, { backendUrl: kitchen.backend.url, boardUrl: kitchen.boardUrl as string, posToken: kitchen.tokens.pos }) : [];
    reportBench(
      'ui',
      [
        ...(PARTS.has('first-render')
          ? [
              firstRenderRow(`rail on screen, ${ACTIVE_ORDERS} active orders: p50 of ${COLD_STARTS} cold starts (ms from navigation)`, starts, builtStarts, (s) => s.railOnScreenMs),
              { ...firstRenderRow('rail on screen: worst cold start (ms)', starts, builtStarts, (s) => s.railOnScreenMs, Math.max), ratio: '' },
              firstRenderRow('first paint with the cards (largest contentful paint): p50 (ms)', starts, builtStarts, (s) => s.paintedMs),
              firstRenderRow('board live, first card React-owned: p50 (ms)', starts, builtStarts, (s) => s.liveMs),
              firstRenderRow(`all ${ACTIVE_ORDERS} cards in the DOM: p50 (ms from navigation)`, starts, builtStarts, (s) => s.allCardsMs),
            ]
          : []),
        ...(PARTS.has('order-card')
          ? [
              { measure: `order to card p50 ms (${RATE_PER_SECOND}/s, ${MEASURED_ORDERS} orders, ${ACTIVE_ORDERS}+ on the rail)`, value: percentile(latencies, 50) },
              { measure: 'order to card p99 ms', value: percentile(latencies, 99) },
            ]
          : []),
        ...screenRows,
        ...stationRows,
      ],
      {
        targets: { railOnScreenP50Ms: 500, orderToCardP99Ms: 50, screenBumpToReadyP99Ms: 1_000, stationChipP99Ms: 25 },
        parts: [...PARTS],
        method: { firstRender: `${COLD_STARTS} fresh Chromium instances per page, alternating, ${VIEWPORT.width}x${VIEWPORT.height}, measured in the page from navigation start by a frame loop installed before the board's code` },
      },
    );
  } finally {
    await browser.close();
    await kitchen.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Order to card: the time from `POST /api/orders` returning to its card in the DOM, at RATE_PER_SECOND. */
async function orderToCard(browser: Awaited<ReturnType<typeof launchBrowser>>, boardUrl: string, post: () => Promise<{ order: { id: string; number: string }; returnedAt: number }>): Promise<number[]> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(boardUrl);
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid^="order-card-"]').length >= count, ACTIVE_ORDERS, { timeout: 30_000 });

  // Order to card: the page notes the wall-clock time each new card appears.
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { __cardSeen: Record<string, number> }).__cardSeen = seen;
    new MutationObserver(() => {
      for (const card of document.querySelectorAll<HTMLElement>('[data-testid^="order-card-"]')) {
        const id = card.dataset.testid as string;
        if (!(id in seen)) seen[id] = performance.timeOrigin + performance.now();
      }
    }).observe(document.body, { childList: true, subtree: true });
    for (const card of document.querySelectorAll<HTMLElement>('[data-testid^="order-card-"]')) seen[card.dataset.testid as string] = 0;
  });
  const posted: { number: string; returnedAt: number }[] = [];
  const started = performance.now();
  for (let i = 0; i < MEASURED_ORDERS; i++) {
    const wait = started + (i * 1000) / RATE_PER_SECOND - performance.now();
    if (wait > 0) await sleep(wait);
    const { order, returnedAt } = await post();
    posted.push({ number: order.number, returnedAt });
  }
  await page.waitForFunction(
    (ids) => ids.every((id) => id in (window as unknown as { __cardSeen: Record<string, number> }).__cardSeen),
    posted.map((p) => `order-card-${p.number}`),
    { timeout: 30_000 },
  );
  const seen = await page.evaluate(() => (window as unknown as { __cardSeen: Record<string, number> }).__cardSeen);
  const latencies = posted.map((p) => Math.max(0, (seen[`order-card-${p.number}`] as number) - p.returnedAt));
  await page.close();
  return latencies;
}

await main();
