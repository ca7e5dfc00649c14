import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { EventsPageSchema } from '../../common/events.js';
import { GiftCardSchema } from '../../common/gift-card.js';
import type { BoardNotice, BoardUpdate } from '../../common/kitchen-api.js';
import { PrintJobsPageSchema } from '../../common/print-job.js';
import { Resources, TEST_TOKENS, cachePath, eventually, printerSettings, startTestAgent, startTestBackend, startTestPrinter } from './kitchen-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/** Every notice the agent pushes to its boards, in order. */
function noticesOf(agent: { api: { subscribe(listener: (update: BoardUpdate) => void): () => void } }): BoardNotice[] {
  const notices: BoardNotice[] = [];
  const unsubscribe = agent.api.subscribe((update) => {
    if (update.type === 'notice') notices.push(update.notice);
  });
  resources.add(unsubscribe);
  return notices;
}

describe('the counter: gift cards and loyalty reach the agent', () => {
  it('prints a sold gift card\'s voucher once on the counter printer and tells the board, with the agent\'s cursor at the log\'s end', async () => {
    const test = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, { backendUrl: test.backend.url, printers: [printerSettings(printer, ['counter'])] });
    await eventually('agent live', () => (agent.connector.connection.mode === 'live' ? true : undefined));
    const notices = noticesOf(agent);

    const sale = await test.api.post('/api/gift-cards', TEST_TOKENS.pos, { amount: 5000, currency: 'EUR', expiresAt: new Date(Date.now() + 86_400_000 * 30).toISOString() });
    expect(sale.status).toBe(201);
    const card = GiftCardSchema.parse(sale.body);

    const printed = await eventually('the voucher on paper', () => (printer.printed.length > 0 ? printer.printed : undefined));
    expect(printed[0]?.decoded.symbols).toEqual([card.cardNumber]);
    expect(printed[0]?.decoded.lines.map((line) => line.text)).toEqual(expect.arrayContaining([card.cardNumber, 'EUR 50.00']));
    await eventually('the voucher job done at the backend', async () => {
      const jobs = PrintJobsPageSchema.parse((await test.api.get('/api/print-jobs?station=counter', TEST_TOKENS.admin)).body).jobs;
      return jobs[0]?.status === 'done' ? jobs : undefined;
    });

    const notice = await eventually('the sale on the board', () => notices.find((n) => n.kind === 'gift_card.purchased'));
    expect(notice.text).toBe(`Gift card sold: EUR 50.00 (GC-…${card.cardNumber.slice(-4)})`);

    // The gift card event moved the agent's cursor like any other: it is at the end of the log.
    const lastSeq = EventsPageSchema.parse((await test.api.get('/api/events?after=0&limit=1000', TEST_TOKENS.agent)).body).lastSeq;
    await eventually('agent at the end of the log', () => (agent.cache.getLastSeq() === lastSeq ? true : undefined));
    expect(printer.printed).toHaveLength(1);

    // A card number is as good as money: the agent's cache keeps the voucher job, not the event.
    await agent.close();
    const cache = new Database(cachePath(agent.dataDir), { readonly: true });
    try {
      const bodies = cache.prepare<[], { body: string }>('SELECT body FROM order_events').all().map((row) => row.body);
      expect(bodies.some((body) => body.includes(card.cardNumber))).toBe(false);
    } finally {
      cache.close();
    }
  });

  it('shows loyalty changes on the board once the agent catches up, each notice once', async () => {
    const test = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: test.backend.url, printers: [] });
    await eventually('agent live', () => (agent.connector.connection.mode === 'live' ? true : undefined));
    const notices = noticesOf(agent);

    expect((await test.api.post('/api/loyalty/%2B48600123456/add', TEST_TOKENS.pos, { points: 120, reason: 'receipt 1042' })).status).toBe(200);
    expect((await test.api.post('/api/loyalty/%2B48600123456/redeem', TEST_TOKENS.pos, { points: 100, reason: 'free coffee' })).status).toBe(200);
    // The agent does not listen on private-pos: the next kitchen event shows it a gap, and the
    // catch-up brings the loyalty events with it.
    const order = await test.api.createOrder();
    await eventually('the order on the board', async () => ((await agent.api.getSnapshot()).orders.some((o) => o.id === order.id) ? true : undefined));
    await eventually('both loyalty notices', () => (notices.length >= 2 ? true : undefined));
    await agent.connector.idle();

    expect(notices.map((n) => n.text)).toEqual(['Loyalty: +120 points (receipt 1042), balance 120', 'Loyalty: −100 points (free coffee), balance 20']);
    expect(JSON.stringify(notices)).not.toContain('600123456');
  });
});
