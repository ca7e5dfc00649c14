import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ERROR_CODES } from '../../common/errors.js';
import { LOCAL_API, type BoardUpdate, type RailOrder } from '../../common/kitchen-api.js';
import { Resources, TEST_TOKENS, cachePath, eventually, freePort, printerSettings, sampleInput, startTestAgent, startTestBackend, tempDir } from './kitchen-harness.js';
import { ingestCard, posTicket } from './ingest-harness.js';
import { TABLETRACK_ID_PREFIX } from '../../agent/connectors/tabletrack/tabletrack-card.js';
import { startTableTrackAgent, startTableTrackKit } from '../tabletrack/tabletrack-harness.js';
import { CACHE_MIGRATIONS } from '../../agent/cache/schema.js';

/** escpos-php's kitchen ticket as TableTrack stores it: a heading, the order number, one item line. */
const TABLETRACK_TICKET = '\u001b@\u001bt\u0013\u001ba\u0001\u001bE\u0001Kitchen Order Ticket\n\u001bE\u0000Order #12\n2 x Cr\u0082pe M\u0081sli \u00d5\n\n';

/*
 * Issue 19: a cook strikes item lines through with a tap. The agent keeps them in its SQLite cache
 * (a restart keeps them), every board sees them live, no source hears of them, and they go when
 * the card leaves the rail — for TicketRail's orders and for source cards (ingest) alike.
 */

const resources = new Resources();
afterEach(() => resources.closeAll());

/** A second board: the agent's local WebSocket, as a browser on another screen opens it. */
async function secondBoard(localApiUrl: string): Promise<BoardUpdate[]> {
  const updates: BoardUpdate[] = [];
  const ws = new WebSocket(localApiUrl.replace('http', 'ws') + LOCAL_API.updatesPath);
  resources.add(() => ws.close());
  ws.on('message', (data) => updates.push(JSON.parse(String(data)) as BoardUpdate));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  // Its first message is the snapshot: from then on it hears every change.
  await eventually('snapshot on the second board', () => (updates.some((update) => update.type === 'snapshot') ? true : undefined));
  return updates;
}

const struckOn = (updates: readonly BoardUpdate[], orderId: string): number[] | undefined => {
  const last = updates.filter((update): update is Extract<BoardUpdate, { type: 'order' }> => update.type === 'order' && update.order.id === orderId).at(-1);
  return last ? (last.order.struckItems ?? []) : undefined;
};

async function call<T>(localApiUrl: string, method: string, input: unknown): Promise<{ status: number; body: { ok: boolean; value?: T; error?: { code: string } } }> {
  const response = await fetch(`${localApiUrl}${LOCAL_API.prefix}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  return { status: response.status, body: (await response.json()) as { ok: boolean; value?: T; error?: { code: string } } };
}

describe('struck item lines (issue 19)', () => {
  it('strikes a line of an order and of an ingest card, shows it on a second board live, and keeps it over a restart of the agent', async () => {
    const test = await startTestBackend(resources);
    const dataDir = tempDir(resources);
    const ingestPort = await freePort();
    const start = () =>
      startTestAgent(resources, {
        backendUrl: test.backend.url,
        printers: [],
        dataDir,
        ingest: [{ name: 'pos-kitchen', listen: `tcp://127.0.0.1:${ingestPort}`, station: 'kitchen' }],
      });
    const agent = await start();
    const order = await test.api.createOrder(sampleInput());
    await eventually('card on the board', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === order.id));
    await posTicket(ingestPort, '1042').execute();
    const ticket = await ingestCard(agent.localApiUrl, '1042');
    const other = await secondBoard(agent.localApiUrl);

    // Over the local HTTP API, as the board in a browser calls it.
    const struck = await call<RailOrder>(agent.localApiUrl, 'toggleItemDone', { orderId: order.id, itemIndex: 1 });
    expect(struck.status).toBe(200);
    expect(struck.body.value?.struckItems).toEqual([1]);
    await eventually('the second board sees the line struck', () => (struckOn(other, order.id)?.join() === '1' ? true : undefined));
    expect((await agent.api.toggleItemDone({ orderId: order.id, itemIndex: 0 })).struckItems).toEqual([0, 1]);
    // A second tap takes the tick back.
    expect((await agent.api.toggleItemDone({ orderId: order.id, itemIndex: 0 })).struckItems).toEqual([1]);
    await eventually('the second board sees it taken back', () => (struckOn(other, order.id)?.join() === '1' ? true : undefined));

    // An ingest card's lines are the ticket's printed lines: "2 x Crème brûlée" is its third.
    const itemLine = ticket.source!.blocks.findIndex((block) => block.kind === 'item');
    expect((await agent.api.toggleItemDone({ orderId: ticket.id, itemIndex: itemLine })).struckItems).toEqual([itemLine]);

    // Nothing of it reached the backend: the order is as it was made.
    expect((await test.api.get<{ version: number }>(`/api/orders/${order.id}`, TEST_TOKENS.admin)).body.version).toBe(order.version);
    expect((await agent.api.getSnapshot()).orders.find((o) => o.id === order.id)?.version).toBe(order.version);

    await agent.close();
    const again = await start();
    const snapshot = await again.api.getSnapshot();
    expect(snapshot.orders.find((o) => o.id === order.id)?.struckItems).toEqual([1]);
    expect(snapshot.orders.find((o) => o.id === ticket.id)?.struckItems).toEqual([itemLine]);
    // In the cache file itself, under its own schema version.
    const file = new Database(cachePath(dataDir), { readonly: true });
    resources.add(() => file.close());
    expect(file.prepare('SELECT order_id, line_index FROM struck_lines ORDER BY order_id').all()).toEqual(
      [
        { order_id: order.id, line_index: 1 },
        { order_id: ticket.id, line_index: itemLine },
      ].sort((a, b) => a.order_id.localeCompare(b.order_id)),
    );
    // Migration 3 made struck_lines; the file is at the cache's newest version (later ones add more).
    expect(file.prepare('SELECT version FROM schema_migrations WHERE version = 3').get()).toEqual({ version: 3 });
    expect(file.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: CACHE_MIGRATIONS.length });
  });

  it('prunes a card\'s struck lines when it leaves the rail, and refuses a line the card lacks and a card off the rail with coded errors', async () => {
    const test = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: test.backend.url, printers: [] });
    const order = await test.api.createOrder(sampleInput());
    await eventually('card on the board', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === order.id));

    await expect(agent.api.toggleItemDone({ orderId: order.id, itemIndex: 2 })).rejects.toMatchObject({ code: ERROR_CODES.ORDER_ITEM_NOT_FOUND, details: { lines: 2 } });
    await expect(agent.api.toggleItemDone({ orderId: 'ord_nope', itemIndex: 0 })).rejects.toMatchObject({ code: ERROR_CODES.ORDER_NOT_FOUND });
    // Shapes are refused where they enter: the local HTTP route answers 400 with the code.
    for (const input of [{ orderId: order.id, itemIndex: -1 }, { orderId: order.id, itemIndex: 1.5 }, { orderId: order.id }, { cardId: order.id, itemIndex: 0 }]) {
      const refused = await call(agent.localApiUrl, 'toggleItemDone', input);
      expect(refused.status, JSON.stringify(input)).toBe(400);
      expect(refused.body.error?.code).toBe(ERROR_CODES.VALIDATION_FAILED);
    }

    await agent.api.toggleItemDone({ orderId: order.id, itemIndex: 0 });
    expect(agent.cache.struckLines(order.id)).toEqual([0]);
    await agent.api.orderAction({ orderId: order.id, to: 'accepted' });
    await agent.api.orderAction({ orderId: order.id, to: 'ready' });
    expect(agent.cache.struckLines(order.id)).toEqual([0]);
    await agent.api.orderAction({ orderId: order.id, to: 'completed' });
    expect(agent.cache.struckLines(order.id)).toEqual([]);
    await expect(agent.api.toggleItemDone({ orderId: order.id, itemIndex: 0 })).rejects.toMatchObject({ code: ERROR_CODES.ORDER_CLOSED });

    // Brought back from the served list, the card comes back with clean lines.
    const back = await agent.api.recallOrder({ orderId: order.id });
    expect(back.struckItems).toBeUndefined();

    // A card cancelled at the backend (heard through its events) loses its ticks too.
    const other = await test.api.createOrder(sampleInput());
    await eventually('second card', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === other.id));
    await agent.api.toggleItemDone({ orderId: other.id, itemIndex: 1 });
    expect((await test.api.post(`/api/orders/${other.id}/transitions`, TEST_TOKENS.admin, { to: 'cancelled', reason: 'guest left' })).status).toBe(200);
    await eventually('cancellation heard', () => (agent.cache.getOrder(other.id)?.order.status === 'cancelled' ? true : undefined));
    expect(agent.cache.struckLines(other.id)).toEqual([]);
  });

  it('strikes a TableTrack card\'s printed line and keeps it over a restart of a TableTrack agent', async () => {
    const { tt, relay, printer, agent } = await startTableTrackKit(resources);
    await eventually('agent live on TableTrack’s Pusher', () => (agent.connector.connection.mode === 'live' ? true : undefined));
    const created = await tt.createJob({ printerId: 1, text: TABLETRACK_TICKET, cutPaper: true, imageFilename: 'order-42.png' });
    const cardId = `${TABLETRACK_ID_PREFIX}${created.id}`;
    const card = await eventually('the TableTrack card', async () => (await agent.api.getSnapshot()).orders.find((order) => order.id === cardId));
    const itemLine = card.source!.blocks.findIndex((block) => block.kind === 'item');
    expect(itemLine).toBeGreaterThanOrEqual(0);
    expect((await agent.api.toggleItemDone({ orderId: cardId, itemIndex: itemLine })).struckItems).toEqual([itemLine]);
    await expect(agent.api.toggleItemDone({ orderId: cardId, itemIndex: card.source!.blocks.length })).rejects.toMatchObject({ code: ERROR_CODES.ORDER_ITEM_NOT_FOUND });
    await eventually('printed and reported', () => tt.reports(created.id)[0]);

    await agent.close();
    const again = await startTableTrackAgent(resources, { tt, ...(relay ? { relay } : {}), printers: [printerSettings(printer, ['kitchen'])], printerMap: { '1': 'test-printer' }, dataDir: agent.dataDir });
    expect((await again.api.getSnapshot()).orders.find((order) => order.id === cardId)?.struckItems).toEqual([itemLine]);
    // The mark stayed here: TableTrack heard one report of the job, nothing about its lines.
    expect(tt.reports(created.id)).toHaveLength(1);
  });
});
