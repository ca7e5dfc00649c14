import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendClient } from '../../agent/connectors/ticketrail/backend-client.js';
import { CacheDb } from '../../agent/cache/cache-db.js';
import { EventApplier } from '../../agent/connectors/ticketrail/sync/event-applier.js';
import { FrontOfHouseCache } from '../../agent/connectors/ticketrail/front-of-house/front-of-house-cache.js';
import { kitchenOrder } from '../../agent/printing/test-fixtures.js';

/**
 * A newer backend logs event types this agent does not know (the backend is upgraded first, the
 * counter PCs later). The agent must keep syncing: skip them, move its cursor past them.
 */
const ORDER = kitchenOrder({ id: 'ord-1', status: 'accepted', version: 2 });
const actor = { type: 'pos', id: 'pos-1' };
const at = '2025-03-01T12:35:00Z';
const LOG = [
  { seq: 1, type: 'menu.item.86ed', actor, at, version: 1, itemId: 'fries' },
  { seq: 2, type: 'order.status.changed', actor, at, version: 2, orderId: ORDER.id, from: 'submitted', to: 'accepted' },
  { seq: 3, type: 'table.merged', actor, at, version: 1 },
];

let server: Server | undefined;
let dataDir: string | undefined;
let cache: CacheDb | undefined;
afterEach(async () => {
  cache?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

/** A real HTTP server answering the two calls a catch-up makes, as a newer backend would. */
async function newerBackend(): Promise<string> {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://backend');
    response.setHeader('content-type', 'application/json');
    if (url.pathname === '/api/events') {
      const after = Number(url.searchParams.get('after'));
      response.end(JSON.stringify({ events: LOG.filter((event) => event.seq > after), lastSeq: 3 }));
    } else if (url.pathname === '/api/orders') {
      response.end(JSON.stringify({ orders: [ORDER], nextCursor: null }));
    } else {
      response.statusCode = 404;
      response.end(JSON.stringify({ code: 'NOT_FOUND', message: 'no such resource' }));
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

describe('events of types this agent does not know', () => {
  it('are skipped: the known ones are applied and the cursor moves past all of them', async () => {
    const backend = new BackendClient({ baseUrl: await newerBackend(), token: 'agent-token' });
    dataDir = mkdtempSync(join(tmpdir(), 'unknown-events-'));
    cache = new CacheDb(dataDir);

    const page = await backend.events(0);
    expect(page.events.map((event) => event.seq)).toEqual([2]);
    expect(page.skippedSeqs).toEqual([1, 3]);

    const changes = await new EventApplier(cache, backend, new FrontOfHouseCache(cache.db)).apply(page.events, page.skippedSeqs);
    expect(changes.orders.map((order) => order.id)).toEqual([ORDER.id]);
    expect(cache.getOrder(ORDER.id)?.order.status).toBe('accepted');
    // Past the trailing unknown event too: the next catch-up does not ask for it again.
    expect(cache.getLastSeq()).toBe(3);
  });

  it('still fail the page when an event of a known type is malformed: that is a bug to see, not to skip', async () => {
    LOG.push({ seq: 4, type: 'order.status.changed', actor, at, version: 3 } as (typeof LOG)[number]);
    try {
      const backend = new BackendClient({ baseUrl: await newerBackend(), token: 'agent-token' });
      await expect(backend.events(3)).rejects.toThrow();
    } finally {
      LOG.pop();
    }
  });
});
