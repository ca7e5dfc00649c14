import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadBackendConfig, startBackend } from '../backend/index.js';
import type { Page } from 'playwright-core';
import type { Order } from '../common/order.js';
import { Api, Resources, allJobs, eventually, printedJobIds, sampleInput } from '../test/integration/kitchen-harness.js';
import { screenshot, soundPlays } from '../test/browser.js';
import { openBoard, startStack } from './stack.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

type SoundLog = { sound: string; orderId?: string }[];

/** play() calls on the audio element of the new-order sound (recorded by openBoard). */
function newOrderPlays(page: Page) {
  return soundPlays(page, 'new-order.wav');
}

describe('the board in Chromium against the all-in-one stack', () => {
  it('shows a posted order with its items, sounds the alert once, prints it, and bumps it at the backend', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const { page, errors } = await openBoard(resources, kitchen.boardUrl as string);
    await page.getByTestId('connection-banner').and(page.locator('[data-mode="live"]')).waitFor({ timeout: WAIT_BUDGET_MS });

    const order = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput({ items: [{ name: 'Margherita', qty: 2, station: 'kitchen', modifiers: ['no basil'], notes: 'nut allergy' }, { name: 'Lemonade', qty: 1, station: 'bar' }] }))).body;
    const card = page.getByTestId(`order-card-${order.number}`);
    await card.waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(card.textContent()).resolves.toMatch(/Margherita[\s\S]*no basil[\s\S]*nut allergy[\s\S]*Lemonade/);

    const sounds = await eventually('alert sound', async () => {
      const log = await page.evaluate(() => (window as unknown as { __ticketrailSoundLog?: SoundLog }).__ticketrailSoundLog ?? []);
      return log.some((entry) => entry.orderId === order.id) ? log : undefined;
    });
    expect(sounds.filter((entry) => entry.orderId === order.id)).toHaveLength(1);
    // The sound log is only the board's intention; the audio element's play() must really be called.
    await eventually('new-order sound played', async () => ((await newOrderPlays(page)).length > 0 ? true : undefined));

    await eventually('both tickets at the virtual printer', () => (kitchen.virtualPrinter?.printed.length === 2 ? true : undefined));
    expect(kitchen.virtualPrinter?.printed.some((job) => job.decoded.lines.some((line) => line.text.includes('Margherita')))).toBe(true);

    await page.getByTestId(`action-accept-${order.number}`).click();
    await page.getByTestId(`action-ready-${order.number}`).click();
    await eventually('backend ready', async () => ((await api.get<Order>(`/api/orders/${order.id}`, kitchen.tokens.admin)).body.status === 'ready' ? true : undefined));
    // The page may not have handled the agent's answer yet when the backend already has it.
    await page.locator(`[data-testid="order-card-${order.number}"][data-status="ready"]`).waitFor({ timeout: WAIT_BUDGET_MS });
    await screenshot(page, 'e2e-rail');
    // Checked last, seconds after the alert: a duplicate delivery (realtime and a poll) would have
    // played it a second time by now.
    expect(await newOrderPlays(page)).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('asks for a click to enable sound when the browser blocks autoplay, and one click lifts it', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const { page, errors } = await openBoard(resources, kitchen.boardUrl as string, { autoplay: 'gesture-required' });
    await page.getByTestId('connection-banner').and(page.locator('[data-mode="live"]')).waitFor({ timeout: WAIT_BUDGET_MS });
    const prompt = page.getByTestId('sound-unlock');
    await expect(prompt.isVisible()).resolves.toBe(false);

    const first = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    await page.getByTestId(`order-card-${first.number}`).waitFor({ timeout: WAIT_BUDGET_MS });
    // The board tried to play, the policy refused, and the board asks for the click it needs.
    await prompt.waitFor({ timeout: WAIT_BUDGET_MS });
    expect(await newOrderPlays(page)).toHaveLength(1);
    await screenshot(page, 'e2e-sound-blocked');

    await prompt.click();
    await prompt.waitFor({ state: 'hidden', timeout: WAIT_BUDGET_MS });

    // Sound is allowed now: the next order plays without bringing the prompt back.
    const second = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    await page.getByTestId(`order-card-${second.number}`).waitFor({ timeout: WAIT_BUDGET_MS });
    // Two alert plays (one refused, one allowed) plus the silent play() of the unlock click itself.
    await eventually('second order played', async () => ((await newOrderPlays(page)).length === 3 ? true : undefined));
    await expect(prompt.isVisible()).resolves.toBe(false);
    expect(errors).toEqual([]);
  });

  it('cancels with a required reason', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const { page } = await openBoard(resources, kitchen.boardUrl as string);
    const order = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    await page.getByTestId(`order-card-${order.number}`).waitFor({ timeout: WAIT_BUDGET_MS });
    await page.getByTestId(`action-cancel-${order.number}`).click();
    await page.getByTestId('cancel-confirm').click();
    await page.getByTestId('cancel-reason-error').waitFor();
    await page.getByTestId('cancel-reason').fill('customer left');
    await page.getByTestId('cancel-confirm').click();
    await eventually('backend cancelled', async () => {
      const body = (await api.get<Order>(`/api/orders/${order.id}`, kitchen.tokens.admin)).body;
      return body.status === 'cancelled' ? body : undefined;
    }).then((body) => expect(body.cancelReason).toBe('customer left'));
    await page.getByTestId(`order-card-${order.number}`).waitFor({ state: 'detached', timeout: WAIT_BUDGET_MS });
  });

  it('says offline and keeps its cards while the backend is down; live again with nothing lost or doubled', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const { page } = await openBoard(resources, kitchen.boardUrl as string);
    const orders = [(await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body, (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body];
    for (const order of orders) await page.getByTestId(`order-card-${order.number}`).waitFor({ timeout: WAIT_BUDGET_MS });

    const config = kitchen.backend.config;
    await kitchen.backend.close();
    await page.locator('[data-testid="connection-banner"][data-mode="offline"]').waitFor({ timeout: WAIT_BUDGET_MS });
    for (const order of orders) await page.getByTestId(`order-card-${order.number}`).waitFor();
    await screenshot(page, 'e2e-offline');

    const again = await startBackend(loadBackendConfig({ PORT: String(config.port), RELAY_PORT: String((config.realtime as { relayPort: number }).relayPort), DATA_DIR: config.dataDir, LOG_LEVEL: 'silent', ADMIN_TOKEN: kitchen.tokens.admin, AGENT_TOKEN: kitchen.tokens.agent, POS_TOKEN: kitchen.tokens.pos }));
    resources.add(() => again.close());
    const third = (await api.post<Order>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    await page.getByTestId(`order-card-${third.number}`).waitFor({ timeout: WAIT_BUDGET_MS });
    await page.locator('[data-testid="connection-banner"][data-mode="live"]').waitFor({ timeout: 2 * WAIT_BUDGET_MS });
    const cards = await page.locator('[data-testid^="order-card-"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')));
    expect(cards.sort()).toEqual([...orders, third].map((order) => `order-card-${order.number}`).sort());
    const jobs = await eventually('six tickets done', async () => {
      const done = await allJobs(api, 'done', kitchen.tokens.admin);
      return done.length === 6 ? done : undefined;
    }, 20_000);
    const printed = printedJobIds(kitchen.virtualPrinter!);
    expect(jobs.map((job) => printed.get(job.id))).toEqual(Array(6).fill(1));
  });
});
