/**
 * The front-of-house row of `npm run bench:backend`: a diner's receipt upload (`POST
 * /api/payments/:id/receipt` answered) → the card on the board showing "receipt uploaded". The
 * backend runs where the bench put it; here, a real agent (its cache, realtime link and local API)
 * and the real board in headless Chromium. The page notes when each payment's row turns
 * `receipt_uploaded` with a MutationObserver installed before the board's code runs, so the
 * bench's own polling adds nothing to the figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgent, createConfSettingsStore, createEscPosDriver } from '../../agent/index.js';
import { buildBoardIfStale, RENDERER_DIST } from '../../cli/build-if-stale.js';
import { sampleOrder, seededRandom } from '../../backend/sample-orders.js';
import { launchBrowser } from '../../test/browser.js';
import { percentile, type BenchRow } from './report.js';

export const RECEIPT_CARD = { orders: 60, intervalMs: 100, warmup: 5, targetP99Ms: 50 } as const;

/** The smallest PNG header the backend recognises as an image (by its bytes). */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array<number>(64).fill(0)]);

interface Tokens {
  pos: string;
  agent: string;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export async function receiptToCardRow(backendUrl: string, tokens: Tokens): Promise<BenchRow> {
  await buildBoardIfStale();
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketrail-bench-agent-'));
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const agent = await createAgent(
    { dataDir, localApi: { host: '127.0.0.1', port: 0 }, rendererDir: RENDERER_DIST },
    {
      settingsStore: createConfSettingsStore(dataDir),
      driver: createEscPosDriver({ connectTimeoutMs: 1_000, answerTimeoutMs: 1_500 }),
      logger: quiet,
      settingsOverrides: { agentId: 'bench-agent', backendUrl, agentToken: tokens.agent, printers: [] },
    },
  );
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.addInitScript({
      content: `(() => {
        const seen = {};
        Object.defineProperty(window, '__receiptCards', { value: seen });
        new MutationObserver(() => {
          for (const row of document.querySelectorAll('[data-status="receipt_uploaded"][data-testid^="payment-"]')) {
            const id = row.getAttribute('data-testid').slice('payment-'.length);
            if (!(id in seen)) seen[id] = Date.now();
          }
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
      })();`,
    });
    await page.goto(agent.localApiUrl);
    await page.locator('[data-testid="connection-banner"][data-mode="live"]').waitFor({ timeout: 30_000 });

    const random = seededRandom(12);
    const pending: { paymentId: string; customerToken: string }[] = [];
    for (let i = 0; i < RECEIPT_CARD.orders + RECEIPT_CARD.warmup; i += 1) {
      const order = await json<{ id: string; number: string; customerToken: string }>(
        await fetch(new URL('/api/orders', backendUrl), { method: 'POST', headers: { authorization: `Bearer ${tokens.pos}`, 'content-type': 'application/json' }, body: JSON.stringify(sampleOrder(random)) }),
      );
      const payment = await json<{ id: string }>(
        await fetch(new URL(`/api/orders/${order.id}/payments`, backendUrl), { method: 'POST', headers: { authorization: `Bearer ${tokens.pos}`, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'food', amount: 1000 + i, currency: 'EUR' }) }),
      );
      pending.push({ paymentId: payment.id, customerToken: order.customerToken });
    }
    // Every card (with its requested payment) on the board before the measured uploads start.
    await page.locator('[data-testid^="payment-"][data-status="requested"]').nth(pending.length - 1).waitFor({ timeout: 60_000 });

    const answered = new Map<string, number>();
    for (const { paymentId, customerToken } of pending) {
      const form = new FormData();
      form.append('receipt', new Blob([PNG], { type: 'image/png' }), 'receipt.png');
      await json(await fetch(new URL(`/api/payments/${paymentId}/receipt`, backendUrl), { method: 'POST', headers: { authorization: `Bearer ${customerToken}` }, body: form }));
      answered.set(paymentId, Date.now());
      await new Promise((resolve) => setTimeout(resolve, RECEIPT_CARD.intervalMs));
    }
    const deadline = Date.now() + 10_000;
    let shown: Record<string, number> = {};
    while (Date.now() < deadline) {
      shown = await page.evaluate(() => ({ ...(window as unknown as { __receiptCards: Record<string, number> }).__receiptCards }));
      if (Object.keys(shown).length >= pending.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const measured = pending.slice(RECEIPT_CARD.warmup);
    const latencies = measured.flatMap(({ paymentId }) => {
      const at = shown[paymentId];
      const sent = answered.get(paymentId);
      // The card may change before the upload's answer reaches the bench: that counts as 0 ms.
      return at !== undefined && sent !== undefined ? [Math.max(0, at - sent)] : [];
    });
    const missing = measured.length - latencies.length;
    const p99 = percentile(latencies, 99);
    return {
      scenario: 'payment.receipt_uploaded → card on the board (agent + Chromium)',
      requests: measured.length,
      seconds: Number(((measured.length * RECEIPT_CARD.intervalMs) / 1000).toFixed(1)),
      p50_ms: percentile(latencies, 50),
      p99_ms: p99,
      errors: missing,
      target: `card p99 < ${RECEIPT_CARD.targetP99Ms} ms`,
      met: p99 < RECEIPT_CARD.targetP99Ms && missing === 0 ? 'yes' : 'NO',
    };
  } finally {
    await browser.close();
    await agent.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
