import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Page, WebSocket } from 'playwright-core';
import type { OrderCreated } from '../common/order.js';
import type { Payment } from '../common/payment.js';
import { encodePng } from '../resources/png.js';
import { Api, Resources, eventually, printedJobIds, sampleInput } from '../test/integration/kitchen-harness.js';
import { screenshot, soundPlays } from '../test/browser.js';
import { openBoard, startStack } from './stack.js';
import { WAIT_BUDGET_MS } from '../test/wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

/** A real receipt-like image: 60×40, a white slip with a dark band. */
function receiptPng(): Buffer {
  const width = 60;
  const height = 40;
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const dark = Math.floor(i / width) % 10 < 3;
    rgba.set(dark ? [30, 30, 30, 255] : [250, 250, 245, 255], i * 4);
  }
  return encodePng(width, height, rgba);
}

function receiptPlays(page: Page) {
  return soundPlays(page, 'receipt.wav');
}

describe('the diner page and the board side by side', () => {
  it('payment requested → QR; receipt → board and its sound; verified → paid; courier on both; completed → the page stops listening', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const { browser, page: board, errors: boardErrors } = await openBoard(resources, kitchen.boardUrl as string);
    await board.getByTestId('connection-banner').and(board.locator('[data-mode="live"]')).waitFor({ timeout: WAIT_BUDGET_MS });

    const order = (await api.post<OrderCreated>('/api/orders', kitchen.tokens.pos, sampleInput({ type: 'delivery', customer: { name: 'Ana', phone: '+351 912 345 678' } }))).body;
    await board.getByTestId(`order-card-${order.number}`).waitFor({ timeout: WAIT_BUDGET_MS });

    // The diner's phone: 360 px wide, its own page of the backend, every socket watched.
    const diner = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const dinerErrors: string[] = [];
    diner.on('pageerror', (error) => dinerErrors.push(error.message));
    diner.on('console', (message) => {
      if (message.type() === 'error') dinerErrors.push(message.text());
    });
    const sockets: WebSocket[] = [];
    diner.on('websocket', (socket) => sockets.push(socket));
    const dinerUrl = `${kitchen.backend.url}/o/${encodeURIComponent(order.customerToken)}`;
    const served = await diner.goto(dinerUrl);
    expect(served?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(served?.headers()['referrer-policy']).toBe('no-referrer');
    await expect(diner.getByTestId('diner-number').textContent()).resolves.toBe(order.number);
    await diner.locator('[data-testid="diner-connection"][data-mode="live"]').waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(diner.getByTestId('diner-items').textContent()).resolves.toMatch(/Cheeseburger[\s\S]*IPA draft/);
    await expect(diner.content()).resolves.not.toContain('912 345 678');

    // Payment requested → the QR and its countdown on the phone, the state on the card.
    const qrExpiresAt = new Date(Date.now() + 10 * 60_000).toISOString();
    const payment = (await api.post<Payment>(`/api/orders/${order.id}/payments`, kitchen.tokens.pos, { type: 'food', amount: 3200, currency: 'EUR', qrPayload: 'upi://pay?pa=bistro@bank&am=32.00', qrExpiresAt })).body;
    await diner.getByTestId('diner-qr').waitFor({ timeout: WAIT_BUDGET_MS });
    expect(await diner.getByTestId('diner-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await expect(diner.getByTestId('diner-qr-countdown').textContent()).resolves.toMatch(/Code valid for (9|10):\d\d/);
    await board.locator(`[data-testid="payment-${payment.id}"][data-status="requested"]`).waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(board.getByTestId(`payment-${payment.id}`).textContent()).resolves.toContain('€32.00');

    // A text file named .png is refused on the phone, clearly, before any upload.
    await diner.getByTestId('receipt-input').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
    await expect(diner.getByTestId('upload-error').textContent()).resolves.toMatch(/not a photo we can read/);
    await screenshot(diner, 'diner-360-pay');

    // Receipt uploaded from the phone → the board shows it and plays the receipt sound, once.
    await diner.getByTestId('receipt-input').setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: receiptPng() });
    await board.locator(`[data-testid="payment-${payment.id}"][data-status="receipt_uploaded"]`).waitFor({ timeout: WAIT_BUDGET_MS });
    await eventually('receipt sound played', async () => ((await receiptPlays(board)).length === 1 ? true : undefined));
    await diner.locator(`[data-testid="payment-${payment.id}"][data-status="receipt_uploaded"]`).waitFor({ timeout: WAIT_BUDGET_MS });

    // Staff look at it from the card (through the agent) and verify → the diner sees "paid".
    await board.getByTestId(`receipt-view-${payment.id}`).click();
    await board.getByTestId('receipt-image').waitFor({ timeout: WAIT_BUDGET_MS });
    expect(await board.getByTestId('receipt-image').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await screenshot(board, 'e2e-board-receipt');
    await board.getByTestId('receipt-verify').click();
    await board.locator(`[data-testid="payment-${payment.id}"][data-status="verified"]`).waitFor({ timeout: WAIT_BUDGET_MS });
    await diner.getByTestId('diner-paid').waitFor({ timeout: WAIT_BUDGET_MS });
    await expect(diner.getByTestId('diner-paid').textContent()).resolves.toMatch(/Paid/);

    // Courier set → the link on both.
    const courier = { vendor: 'Bolt Food', trackingUrl: 'https://track.example.com/d/7781', etaMinutes: 20 };
    expect((await api.request('PUT', `/api/orders/${order.id}/courier`, { token: kitchen.tokens.admin, json: courier })).status).toBe(200);
    await diner.getByTestId('courier-link').waitFor({ timeout: WAIT_BUDGET_MS });
    expect(await diner.getByTestId('courier-link').getAttribute('href')).toBe(courier.trackingUrl);
    await expect(diner.getByTestId('courier-eta').textContent()).resolves.toContain('20 min');
    await board.getByTestId(`courier-link-${order.number}`).waitFor({ timeout: WAIT_BUDGET_MS });
    expect(await board.getByTestId(`courier-link-${order.number}`).getAttribute('href')).toBe(courier.trackingUrl);

    // The phone screen at 360 px: nothing wider than the screen.
    expect(await diner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(diner, 'diner-360');

    // Completed → order.closed: the page says so, unsubscribes and closes its socket.
    const live = sockets.filter((socket) => !socket.isClosed());
    expect(live).toHaveLength(1);
    const closedSocket = new Promise<void>((resolve) => live[0]?.on('close', () => resolve()));
    for (const to of ['accepted', 'ready', 'completed']) {
      expect((await api.post(`/api/orders/${order.id}/transitions`, kitchen.tokens.admin, { to })).status).toBe(200);
    }
    await diner.locator('[data-testid="diner-connection"][data-mode="closed"]').waitFor({ timeout: WAIT_BUDGET_MS });
    await diner.locator('[data-testid="diner-status"][data-status="completed"]').waitFor({ timeout: WAIT_BUDGET_MS });
    await closedSocket;
    expect(sockets.every((socket) => socket.isClosed())).toBe(true);
    await board.getByTestId(`order-card-${order.number}`).waitFor({ state: 'detached', timeout: WAIT_BUDGET_MS });

    // Seconds after the receipt: a duplicate delivery would have played it again by now.
    expect(await receiptPlays(board)).toHaveLength(1);
    expect(boardErrors).toEqual([]);
    expect(dinerErrors).toEqual([]);
  });

  it('the diner cancels before the kitchen starts: confirm step, cancelled page; the card leaves with its own sound and a notice; a printed ticket gets one slip', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const printer = kitchen.virtualPrinter!;
    const { browser, page: board, errors: boardErrors } = await openBoard(resources, kitchen.boardUrl as string);
    await board.getByTestId('connection-banner').and(board.locator('[data-mode="live"]')).waitFor({ timeout: 15_000 });

    const order = (await api.post<OrderCreated>('/api/orders', kitchen.tokens.pos, sampleInput({ type: 'takeaway', customer: { name: 'Ana' } }))).body;
    await board.getByTestId(`order-card-${order.number}`).waitFor({ timeout: 10_000 });
    // Its tickets print on submission: wait until they have, so the cancel needs a slip.
    const ticketsOf = async () => (await api.get<{ jobs: { id: string; orderId?: string; status: string }[] }>('/api/print-jobs?limit=200', kitchen.tokens.admin)).body.jobs.filter((job) => job.orderId === order.id);
    const tickets = await eventually('tickets printed', async () => {
      const jobs = await ticketsOf();
      return jobs.length > 0 && jobs.every((job) => job.status === 'done') ? jobs : undefined;
    });

    const diner = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const dinerErrors: string[] = [];
    diner.on('pageerror', (error) => dinerErrors.push(error.message));
    await diner.goto(`${kitchen.backend.url}/o/${encodeURIComponent(order.customerToken)}`);
    await diner.locator('[data-testid="diner-status"][data-status="submitted"]').waitFor({ timeout: 10_000 });

    // A confirm step: "Keep my order" changes nothing.
    await diner.getByTestId('cancel-order').click();
    await diner.getByTestId('cancel-keep').click();
    await diner.getByTestId('cancel-order').waitFor();
    expect((await api.get<{ status: string }>(`/api/orders/${order.id}`, kitchen.tokens.admin)).body.status).toBe('submitted');

    await diner.getByTestId('cancel-order').click();
    await diner.getByTestId('cancel-confirm').click();
    await diner.locator('[data-testid="diner-status"][data-status="cancelled"]').waitFor({ timeout: 10_000 });
    await expect(diner.getByTestId('diner-status').textContent()).resolves.toBe('You cancelled this order.');
    expect(await diner.getByTestId('cancel-order').count()).toBe(0);
    await screenshot(diner, 'diner-360-cancelled');

    // The board: the card leaves, the customer-cancel sound plays (not the staff cancel's alarm), the notice names the order.
    await board.getByTestId(`order-card-${order.number}`).waitFor({ state: 'detached', timeout: 10_000 });
    await eventually('customer-cancel sound', async () => ((await soundPlays(board, 'customer-cancel.wav')).length === 1 ? true : undefined));
    expect(await soundPlays(board, 'alert.wav')).toHaveLength(0);
    await expect(board.getByTestId('customer-cancel-notice').textContent()).resolves.toContain(`#${order.number} cancelled by the customer`);
    await screenshot(board, 'e2e-board-customer-cancel');
    await board.getByTestId('customer-cancel-dismiss').click();
    expect(await board.getByTestId('customer-cancel-notice').count()).toBe(0);

    // One cancellation slip per printed ticket's station, printed once.
    const slips = await eventually('slips printed', async () => {
      const jobs = (await ticketsOf()).filter((job) => !tickets.some((ticket) => ticket.id === job.id));
      return jobs.length === tickets.length && jobs.every((job) => job.status === 'done') ? jobs : undefined;
    });
    const printed = printedJobIds(printer);
    for (const slip of slips) expect(printed.get(slip.id)).toBe(1);
    expect(boardErrors).toEqual([]);
    expect(dinerErrors).toEqual([]);
  });

  it('once the kitchen has accepted, the diner page offers no cancel', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const order = (await api.post<OrderCreated>('/api/orders', kitchen.tokens.pos, sampleInput())).body;
    const { browser } = await openBoard(resources, kitchen.boardUrl as string);
    const diner = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await diner.goto(`${kitchen.backend.url}/o/${encodeURIComponent(order.customerToken)}`);
    await diner.getByTestId('cancel-order').waitFor({ timeout: 10_000 });
    expect((await api.post(`/api/orders/${order.id}/transitions`, kitchen.tokens.admin, { to: 'accepted' })).status).toBe(200);
    await diner.locator('[data-testid="diner-status"][data-status="accepted"]').waitFor({ timeout: 10_000 });
    expect(await diner.getByTestId('cancel-order').count()).toBe(0);
  });

  it('request payment and courier from the board: the diner page shows the QR and the tracking link, the card the payment state', async () => {
    const kitchen = await startStack(resources);
    const api = new Api(kitchen.backend.url);
    const { browser, page: board, errors: boardErrors } = await openBoard(resources, kitchen.boardUrl as string);
    await board.getByTestId('connection-banner').and(board.locator('[data-mode="live"]')).waitFor({ timeout: 15_000 });
    const order = (await api.post<OrderCreated>('/api/orders', kitchen.tokens.pos, sampleInput({ type: 'delivery', total: { amount: 3250, currency: 'EUR' } }))).body;
    await board.getByTestId(`order-card-${order.number}`).waitFor({ timeout: 10_000 });

    const diner = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await diner.goto(`${kitchen.backend.url}/o/${encodeURIComponent(order.customerToken)}`);
    await diner.locator('[data-testid="diner-connection"][data-mode="live"]').waitFor({ timeout: 15_000 });
    expect(await diner.getByTestId('diner-qr').count()).toBe(0);

    // The amount starts at the order's total; staff change it, and a bad one is refused in the dialog.
    await board.getByTestId(`request-payment-${order.number}`).click();
    await expect(board.getByTestId('request-amount').inputValue()).resolves.toBe('32.50');
    await expect(board.getByTestId('request-currency').inputValue()).resolves.toBe('EUR');
    await board.getByTestId('request-amount').fill('abc');
    await board.getByTestId('request-confirm').click();
    await board.getByTestId('request-error').waitFor();
    await board.getByTestId('request-amount').fill('30,00');
    await board.getByTestId('request-expiry').fill('10');
    await board.getByTestId('request-qr').fill('upi://pay?pa=bistro@bank&am=30.00');
    await board.getByTestId('request-confirm').click();

    await diner.getByTestId('diner-qr').waitFor({ timeout: 10_000 });
    expect(await diner.getByTestId('diner-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await expect(diner.getByTestId('diner-qr-countdown').textContent()).resolves.toMatch(/Code valid for (9|10):\d\d/);
    const card = board.getByTestId(`card-foh-${order.number}`);
    await card.locator('[data-status="requested"]').waitFor({ timeout: 10_000 });
    await expect(card.textContent()).resolves.toContain('€30.00');

    // Courier: an http link is refused in the dialog; an https one reaches the diner.
    await board.getByTestId(`set-courier-${order.number}`).click();
    await board.getByTestId('courier-link-input').fill('http://track.example.com/d/9');
    await board.getByTestId('courier-confirm').click();
    await board.getByTestId('courier-error').waitFor();
    await board.getByTestId('courier-link-input').fill('https://track.example.com/d/9');
    await board.getByTestId('courier-name-input').fill('Marta');
    // Not a phone number: the dialog says so and sends nothing.
    await board.getByTestId('courier-phone-input').fill('call me');
    await board.getByTestId('courier-confirm').click();
    await board.getByTestId('courier-error').waitFor();
    await board.getByTestId('courier-phone-input').fill('+44 20 7946 0958');
    await board.getByTestId('courier-confirm').click();
    await diner.getByTestId('courier-link').waitFor({ timeout: 10_000 });
    expect(await diner.getByTestId('courier-link').getAttribute('href')).toBe('https://track.example.com/d/9');
    // The diner sees the courier's name and can call them.
    await diner.getByTestId('courier-phone').waitFor({ timeout: 10_000 });
    await expect(diner.getByTestId('courier-name').textContent()).resolves.toBe('Marta');
    await expect(diner.getByTestId('courier-phone').textContent()).resolves.toBe('+44 20 7946 0958');
    expect(await diner.getByTestId('courier-phone').getAttribute('href')).toBe('tel:+442079460958');
    await board.getByTestId(`courier-link-${order.number}`).waitFor({ timeout: 10_000 });
    await expect(board.getByTestId(`courier-link-${order.number}`).textContent()).resolves.toContain('Marta');
    await screenshot(board, 'e2e-board-request-payment');
    await screenshot(diner, 'diner-360-board-request');
    expect(boardErrors).toEqual([]);
  });

  it('answers 404 for a link that is not an order\'s', async () => {
    const kitchen = await startStack(resources);
    const response = await fetch(`${kitchen.backend.url}/o/ct_ord_forged.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
