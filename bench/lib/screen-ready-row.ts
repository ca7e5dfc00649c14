/**
 * `bench:ui`, customer screen (issue 22): bump → number in Ready on `/screen`, in Chromium. Each
 * order is accepted then marked ready at the backend (as a bump does); the page notes, on the wall
 * clock, when the number appears in the Ready column; the latency is from the backend's answer to
 * the ready move. Target p99 < 1 s.
 */
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { percentile, type BenchRow } from './report.js';

const SCREEN = { orders: 30, gapMs: 300, targetMs: 1_000 } as const;
const wallClock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ScreenBenchKitchen {
  backendUrl: string;
  boardUrl: string;
  /** Creates one order and answers its id and number. */
  post(): Promise<{ order: { id: string; number: string } }>;
  agentToken: string;
}

async function move(kitchen: ScreenBenchKitchen, orderId: string, to: string): Promise<void> {
  const response = await fetch(`${kitchen.backendUrl}/api/orders/${encodeURIComponent(orderId)}/transitions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${kitchen.agentToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ to }),
  });
  if (response.status !== 200) throw new Error(`moving ${orderId} to ${to} answered ${response.status}`);
}

export async function screenReadyRows(browser: Browser, kitchen: ScreenBenchKitchen): Promise<BenchRow[]> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  try {
    await page.goto(new URL('/screen', kitchen.boardUrl).toString());
    await page.locator('main[data-live="true"]').waitFor({ timeout: 30_000 });
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __readySeen: Record<string, number> }).__readySeen = seen;
      const list = document.querySelector('[data-testid="screen-ready"]') as HTMLElement;
      new MutationObserver(() => {
        for (const item of list.querySelectorAll<HTMLElement>('[data-number]')) {
          const number = item.dataset.number as string;
          if (!(number in seen)) seen[number] = performance.timeOrigin + performance.now();
        }
      }).observe(list, { childList: true, subtree: true });
    });
    const bumped: { number: string; at: number }[] = [];
    for (let i = 0; i < SCREEN.orders; i += 1) {
      const { order } = await kitchen.post();
      await move(kitchen, order.id, 'accepted');
      await move(kitchen, order.id, 'ready');
      bumped.push({ number: order.number, at: wallClock() });
      await sleep(SCREEN.gapMs);
    }
    await page.waitForFunction((numbers) => numbers.every((n) => n in (window as unknown as { __readySeen: Record<string, number> }).__readySeen), bumped.map((b) => b.number), { timeout: 30_000 });
    const seen = await page.evaluate(() => (window as unknown as { __readySeen: Record<string, number> }).__readySeen);
    const latencies = bumped.map((b) => Math.max(0, (seen[b.number] as number) - b.at));
    const p99 = percentile(latencies, 99);
    return [
      { measure: `customer screen bump → Ready p50 ms (${SCREEN.orders} bumps)`, value: percentile(latencies, 50) },
      { measure: 'customer screen bump → Ready p99 ms', value: p99, target: `< ${SCREEN.targetMs}`, met: p99 < SCREEN.targetMs ? 'yes' : 'NO' },
    ];
  } finally {
    await page.close();
  }
}
